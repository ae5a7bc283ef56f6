// Organizer domain: accounts, throttling, password reset, the team's rules, petitions and their
// slugs, moderation with counts, CSV export and the goal job — on a real database.
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, rows } from "#db/client";
import { auditLogs, campaignMembers, outgoingEmails, petitions, sessions } from "#db/schema";
import { runJobsUntilIdle } from "~/jobs/runner.server";
import { getMessages } from "~/locales";
import { enqueueJob } from "~/jobs/queue.server";
import {
  acceptInvitation,
  changeMemberRole,
  inviteMember,
  leaveCampaign,
  MemberRuleError,
  removeMember,
} from "~/domain/team/member.server";
import { petitionFormSchema } from "~/domain/petitions/petition";
import {
  createPetition,
  PetitionRuleError,
  resolvePetitionSlug,
  updatePetition,
} from "~/domain/petitions/petition-admin.server";
import { transitionPetition } from "~/domain/petitions/petition-status.server";
import { getVerifiedCount } from "~/domain/petitions/petition-count.server";
import {
  bulkInvalidateSignatures,
  invalidateSignature,
  setCommentHidden,
} from "~/domain/petitions/signature-moderation.server";
import { exportSignaturesCsv } from "~/domain/petitions/signature-export.server";
import { listSignatures } from "~/domain/petitions/signature-list.server";
import {
  attemptLogin,
  EmailTakenError,
  LOGIN_MAX_FAILURES_PER_ACCOUNT,
  LOGIN_MAX_FAILURES_PER_IP,
  requestPasswordReset,
  resetPassword,
  signUp,
} from "~/domain/team/user.server";
import { createSession } from "~/http/session.server";
import { exportRowCount } from "~/domain/petitions/export-progress.server";
import { exportPercent } from "~/lib/export-progress";
import goalReached from "#emails/goal-reached";
import organizerInvitation from "#emails/organizer-invitation";
import passwordReset from "#emails/password-reset";
import petitionPublished from "#emails/petition-published";
import { insertSignatures, makeCampaign, makeTeam, type Team } from "../support/organizer-fixtures";

let team: Team;
beforeAll(async () => {
  team = await makeTeam();
});
const as = (u: { id: number }) => ({ userId: u.id });
const mailTo = (to: string) =>
  db.select().from(outgoingEmails).where(eq(outgoingEmails.toAddress, to));
const input = (slug: string, extra: Record<string, unknown> = {}) => ({
  slug,
  defaultLocale: "en" as const,
  goal: 100,
  titleEn: "Title",
  summaryEn: "Summary",
  ...extra,
});
async function csvOf(gen: Promise<AsyncGenerator<string>>) {
  let out = "";
  for await (const chunk of await gen) out += chunk;
  return out;
}

describe("accounts", () => {
  it("signs up once per address (case-insensitive)", async () => {
    const user = await signUp({
      email: "Ana@Example.org",
      name: "Ana",
      password: "long enough password",
    });
    expect(user.email).toBe("ana@example.org");
    await expect(
      signUp({ email: "ana@example.org ", name: "Ana 2", password: "long enough password" }),
    ).rejects.toBeInstanceOf(EmailTakenError);
  });

  it("throttles an account after repeated failures, even with the right password, with a retry time", async () => {
    await signUp({ email: "bo@example.org", name: "Bo", password: "the right password" });
    for (let i = 0; i < LOGIN_MAX_FAILURES_PER_ACCOUNT; i++) {
      expect(await attemptLogin({ email: "bo@example.org", password: "wrong", ip: null })).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    const blocked = await attemptLogin({
      email: "bo@example.org",
      password: "the right password",
      ip: null,
    });
    expect(blocked).toMatchObject({ ok: false, reason: "throttled" });
    expect((blocked as { retryAfterMinutes: number }).retryAfterMinutes).toBeGreaterThan(0);
  });

  it("throttles an address that tries many accounts, and a success clears the account's counter", async () => {
    await signUp({ email: "cy@example.org", name: "Cy", password: "the right password" });
    expect(
      (await attemptLogin({ email: "cy@example.org", password: "wrong", ip: "10.0.0.9" })).ok,
    ).toBe(false);
    expect(
      (
        await attemptLogin({
          email: "cy@example.org",
          password: "the right password",
          ip: "10.0.0.9",
        })
      ).ok,
    ).toBe(true);
    for (let i = 0; i < LOGIN_MAX_FAILURES_PER_IP; i++)
      await attemptLogin({ email: `nobody${i}@example.org`, password: "x", ip: "10.0.0.1" });
    expect(
      await attemptLogin({
        email: "cy@example.org",
        password: "the right password",
        ip: "10.0.0.1",
      }),
    ).toMatchObject({ reason: "throttled" });
    expect(
      (
        await attemptLogin({
          email: "cy@example.org",
          password: "the right password",
          ip: "10.0.0.2",
        })
      ).ok,
    ).toBe(true);
  });

  it("resets a password by mail: the link works once and logs every browser out", async () => {
    const user = await signUp({
      email: "di@example.org",
      name: "Di",
      password: "the old password",
    });
    await createSession({ userId: user.id });
    expect(await requestPasswordReset({ email: "nobody-here@example.org" })).toBeUndefined();
    const token = (await requestPasswordReset({ email: "DI@example.org" }))!;
    const [mail] = await mailTo("di@example.org");
    expect(mail!.template).toBe("password-reset");
    expect(mail!.text).toContain(`/reset-password/${token}`);
    expect(await resetPassword({ token, password: "the new password!" })).toBe(true);
    expect(await resetPassword({ token, password: "another new one!" })).toBe(false);
    expect(
      (await attemptLogin({ email: "di@example.org", password: "the old password", ip: null })).ok,
    ).toBe(false);
    expect(
      (await attemptLogin({ email: "di@example.org", password: "the new password!", ip: null })).ok,
    ).toBe(true);
    const open = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(open.every((s) => s.revokedAt !== null)).toBe(true);
  });
});

describe("the team", () => {
  it("keeps at least one owner whatever is tried", async () => {
    const { campaign } = await makeCampaign(team, { n: 0 });
    // Two owners: one may step down…
    await changeMemberRole({
      actor: as(team.owner),
      campaignId: campaign.id,
      userId: team.coOwner.id,
      role: "viewer",
    });
    // …but not the last one, by demotion, removal or leaving.
    await expect(
      changeMemberRole({
        actor: as(team.owner),
        campaignId: campaign.id,
        userId: team.owner.id,
        role: "organizer",
      }),
    ).rejects.toMatchObject({ code: "last_owner" });
    await expect(
      removeMember({ actor: as(team.owner), campaignId: campaign.id, userId: team.owner.id }),
    ).rejects.toBeInstanceOf(MemberRuleError);
    await expect(
      leaveCampaign({ actor: as(team.owner), campaignId: campaign.id }),
    ).rejects.toMatchObject({ code: "last_owner" });
    const owners = await db
      .select()
      .from(campaignMembers)
      .where(and(eq(campaignMembers.campaignId, campaign.id), eq(campaignMembers.role, "owner")));
    expect(owners.map((o) => o.userId)).toEqual([team.owner.id]);
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(
        and(eq(auditLogs.campaignId, campaign.id), eq(auditLogs.action, "member.role_change")),
      );
    expect(audit!.details).toEqual({ from: "owner", to: "viewer" });
  });

  it("mails an invitation whose link adds the invitee once, with the invited role", async () => {
    const { campaign } = await makeCampaign(team, { n: 0 });
    const token = await inviteMember({
      actor: as(team.owner),
      campaignId: campaign.id,
      email: "NEW.person@Team.test",
      role: "coordinator",
    });
    const [mail] = await mailTo("new.person@team.test");
    expect(mail!.template).toBe("organizer-invitation");
    expect(mail!.text).toContain(`/invitations/${token}`);
    const joined = await acceptInvitation({ actor: as(team.stranger), token });
    expect(joined.role).toBe("coordinator");
    await expect(acceptInvitation({ actor: as(team.stranger), token })).rejects.toMatchObject({
      code: "invalid_invitation",
    });
    await expect(
      inviteMember({
        actor: as(team.owner),
        campaignId: campaign.id,
        email: team.stranger.email,
        role: "viewer",
      }),
    ).rejects.toMatchObject({ code: "already_member" });
  });
});

describe("petitions", () => {
  it("validates the editor in the organizer's language", () => {
    const es = getMessages("organizer", "es").v;
    const result = petitionFormSchema(es).safeParse({
      slug: "Bad Slug",
      defaultLocale: "es",
      goal: "0",
      titleEn: "",
      summaryEn: "only a summary",
    });
    expect(result.success).toBe(false);
    const byField = Object.fromEntries(
      result.error!.issues.map((i) => [i.path.join("."), i.message]),
    );
    expect(byField.slug).toBe(es.slugFormat);
    expect(byField.goal).toBe(es.goalMin);
    expect(byField.titleEs).toBe(es.titleRequiredDefault);
    expect(byField.titleEn).toBe(es.titleRequiredIfText);
  });

  it("publishes once, mailing owners and organizers only; closes and reopens; refuses wrong transitions", async () => {
    const { campaign } = await makeCampaign(team, { n: 0 });
    const draft = await createPetition({
      actor: as(team.organizer),
      campaignId: campaign.id,
      input: input(`pub-${campaign.id}`),
    });
    expect(draft.status).toBe("draft");
    const published = await transitionPetition({
      actor: as(team.organizer),
      campaignId: campaign.id,
      petitionId: draft.id,
      transition: "publish",
    });
    expect(published.status).toBe("published");
    expect(published.publishedAt).toBeInstanceOf(Date);
    const sent = await rows<{ to_address: string }>(
      db,
      sql`select to_address from outgoing_emails where template = 'petition-published' and dedupe_key like ${`petition-published:${draft.id}:%`}`,
    );
    expect(sent.map((s) => s.to_address).sort()).toEqual(
      [team.owner.email, team.coOwner.email, team.organizer.email].sort(),
    );
    await expect(
      transitionPetition({
        actor: as(team.owner),
        campaignId: campaign.id,
        petitionId: draft.id,
        transition: "publish",
      }),
    ).rejects.toBeInstanceOf(PetitionRuleError);
    const closed = await transitionPetition({
      actor: as(team.owner),
      campaignId: campaign.id,
      petitionId: draft.id,
      transition: "close",
    });
    expect(closed.closedAt).toBeInstanceOf(Date);
    const reopened = await transitionPetition({
      actor: as(team.owner),
      campaignId: campaign.id,
      petitionId: draft.id,
      transition: "reopen",
    });
    expect([reopened.status, reopened.closedAt]).toEqual(["published", null]);
  });

  it("a petition without a title in its default language cannot be published", async () => {
    const { campaign } = await makeCampaign(team, { n: 0 });
    const p = await createPetition({
      actor: as(team.owner),
      campaignId: campaign.id,
      input: {
        slug: `es-${campaign.id}`,
        defaultLocale: "en",
        goal: 10,
        titleEs: "Solo en español",
      } as never,
    });
    await expect(
      transitionPetition({
        actor: as(team.owner),
        campaignId: campaign.id,
        petitionId: p.id,
        transition: "publish",
      }),
    ).rejects.toMatchObject({ code: "bad_transition" });
    const [row] = await db.select().from(petitions).where(eq(petitions.id, p.id));
    expect(row!.status).toBe("draft");
  });

  it("a published petition's slug changes only when confirmed, and the old address keeps resolving", async () => {
    const { campaign, petition } = await makeCampaign(team, { n: 0 });
    const old = petition.slug;
    const renamed = `renamed-${campaign.id}`;
    await expect(
      updatePetition({
        actor: as(team.owner),
        campaignId: campaign.id,
        petitionId: petition.id,
        input: input(renamed),
      }),
    ).rejects.toMatchObject({ code: "slug_confirm" });
    expect(await resolvePetitionSlug(old)).toEqual({
      petitionId: petition.id,
      slug: old,
      redirect: false,
    });
    await updatePetition({
      actor: as(team.owner),
      campaignId: campaign.id,
      petitionId: petition.id,
      input: input(renamed, { confirmSlugChange: "yes" }),
    });
    expect(await resolvePetitionSlug(old)).toEqual({
      petitionId: petition.id,
      slug: renamed,
      redirect: true,
    });
    expect(await resolvePetitionSlug(renamed)).toEqual({
      petitionId: petition.id,
      slug: renamed,
      redirect: false,
    });
    // Nobody else may take the old address.
    const other = await makeCampaign(team, { n: 0 });
    await expect(
      createPetition({ actor: as(team.owner), campaignId: other.campaign.id, input: input(old) }),
    ).rejects.toMatchObject({ code: "slug_taken", field: "slug" });
    // Going back makes the old slug current again, with no redirect left behind for it.
    await updatePetition({
      actor: as(team.owner),
      campaignId: campaign.id,
      petitionId: petition.id,
      input: input(old, { confirmSlugChange: "yes" }),
    });
    expect(await resolvePetitionSlug(old)).toEqual({
      petitionId: petition.id,
      slug: old,
      redirect: false,
    });
    expect(await resolvePetitionSlug(renamed)).toEqual({
      petitionId: petition.id,
      slug: old,
      redirect: true,
    });
    expect(await resolvePetitionSlug("never-existed")).toBeNull();
  });
});

describe("moderation and counts", () => {
  it("invalidating a verified signature lowers the count; a pending one does not; twice is a no-op", async () => {
    const { petition } = await makeCampaign(team, { n: 10 }); // 8 verified, 2 pending
    expect(await getVerifiedCount(petition.id)).toBe(8);
    const page = await listSignatures({
      actor: as(team.organizer),
      petitionId: petition.id,
      filter: {},
    });
    const verified = page.rows.find((r) => r.status === "verified")!;
    const pending = page.rows.find((r) => r.status === "pending")!;
    expect(
      await invalidateSignature({
        actor: as(team.organizer),
        petitionId: petition.id,
        signatureId: verified.id,
        reason: "duplicate",
      }),
    ).toBe(true);
    expect(
      await invalidateSignature({
        actor: as(team.organizer),
        petitionId: petition.id,
        signatureId: verified.id,
        reason: "duplicate",
      }),
    ).toBe(false);
    await invalidateSignature({
      actor: as(team.organizer),
      petitionId: petition.id,
      signatureId: pending.id,
      reason: "spam",
    });
    expect(await getVerifiedCount(petition.id)).toBe(7);
    const after = await listSignatures({
      actor: as(team.owner),
      petitionId: petition.id,
      filter: { status: "invalidated" },
    });
    expect(after.rows.map((r) => r.invalidatedReason).sort()).toEqual(["duplicate", "spam"]);
  });

  it("a signature of another petition cannot be moderated through this one", async () => {
    const a = await makeCampaign(team, { n: 3 });
    const b = await makeCampaign(team, { n: 3 });
    const [row] = (
      await listSignatures({ actor: as(team.owner), petitionId: b.petition.id, filter: {} })
    ).rows;
    await expect(
      invalidateSignature({
        actor: as(team.owner),
        petitionId: a.petition.id,
        signatureId: row!.id,
        reason: "nope",
      }),
    ).rejects.toThrow();
    await expect(
      setCommentHidden({
        actor: as(team.owner),
        petitionId: a.petition.id,
        signatureId: row!.id,
        hidden: true,
      }),
    ).rejects.toThrow();
  });

  it("bulk-invalidates exactly the filtered set, adjusts the count and records it", async () => {
    const { campaign, petition } = await makeCampaign(team, { n: 30 }); // g%3==1 → Miami: 10 rows, 8 verified
    const result = await bulkInvalidateSignatures({
      actor: as(team.owner),
      petitionId: petition.id,
      filter: { city: "Miami" },
      reason: "bot wave",
    });
    expect(result).toEqual({ invalidated: 10, verifiedRemoved: 8 });
    expect(await getVerifiedCount(petition.id)).toBe(24 - 8);
    const miami = await listSignatures({
      actor: as(team.owner),
      petitionId: petition.id,
      filter: { city: "Miami" },
    });
    expect(miami.rows.every((r) => r.status === "invalidated")).toBe(true);
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(
        and(
          eq(auditLogs.campaignId, campaign.id),
          eq(auditLogs.action, "signature.bulk_invalidate"),
        ),
      );
    expect(audit!.details).toMatchObject({
      reason: "bot wave",
      invalidated: 10,
      verifiedRemoved: 8,
      filter: { city: "Miami" },
    });
  });

  it("hiding a comment is recorded and shows in the table", async () => {
    const { campaign, petition } = await makeCampaign(team, { n: 3 });
    const withComment = (
      await listSignatures({
        actor: as(team.owner),
        petitionId: petition.id,
        filter: { hasComment: true },
      })
    ).rows;
    expect(withComment).toHaveLength(1);
    await setCommentHidden({
      actor: as(team.organizer),
      petitionId: petition.id,
      signatureId: withComment[0]!.id,
      hidden: true,
    });
    const [row] = (
      await listSignatures({
        actor: as(team.organizer),
        petitionId: petition.id,
        filter: { hasComment: true },
      })
    ).rows;
    expect(row!.commentHidden).toBe(true);
    // A viewer sees a packet view: no comments at all, hidden or not.
    const viewerPage = await listSignatures({
      actor: as(team.viewer),
      petitionId: petition.id,
      filter: { hasComment: true },
    });
    expect(viewerPage.rows.every((r) => r.comment === undefined)).toBe(true);
    const logged = await db
      .select()
      .from(auditLogs)
      .where(
        and(eq(auditLogs.campaignId, campaign.id), eq(auditLogs.action, "signature.comment_hide")),
      );
    expect(logged).toHaveLength(1);
  });
});

describe("CSV export", () => {
  it("tells the page how many rows an export will write, so a long download shows a percentage", async () => {
    const { petition } = await makeCampaign(team, { n: 10 });
    const dataLines = async (
      variant: "full" | "delivery",
      filter: { city?: string },
      who = team.owner,
    ) =>
      (
        await csvOf(
          exportSignaturesCsv({
            actor: as(who),
            petitionId: petition.id,
            filter,
            variant,
            batchSize: 3,
          }),
        )
      )
        .trim()
        .split("\r\n").length - 1;
    for (const [variant, filter] of [
      ["full", {}],
      ["delivery", {}],
      ["full", { city: "Houston" }],
      ["delivery", { city: "Houston" }],
    ] as const) {
      const expected = await exportRowCount({
        actor: as(team.owner),
        petitionId: petition.id,
        filter,
        variant,
      });
      expect(expected, `${variant} ${JSON.stringify(filter)}`).toBe(
        await dataLines(variant, filter),
      );
    }
    // The count follows the export's own permission: a viewer exports nothing, so learns nothing.
    await expect(
      exportRowCount({
        actor: as(team.viewer),
        petitionId: petition.id,
        filter: {},
        variant: "full",
      }),
    ).rejects.toThrow();
    await expect(
      exportRowCount({
        actor: as(team.stranger),
        petitionId: petition.id,
        filter: {},
        variant: "delivery",
      }),
    ).rejects.toThrow();
    // The page's percentage never says 100 before the download has ended.
    expect(exportPercent(0, 10)).toBe(0);
    expect(exportPercent(5, 10)).toBe(50);
    expect(exportPercent(12, 10)).toBe(99);
    expect(exportPercent(5, null)).toBeNull();
  });

  it("streams the filtered set with a header, defuses spreadsheet formulas and is audited", async () => {
    const { campaign, petition } = await makeCampaign(team, { n: 7 });
    await rows(
      db,
      sql`update signatures set comment = '=HYPERLINK("http://evil")' where petition_id = ${petition.id} and comment is not null`,
    );
    const csv = await csvOf(
      exportSignaturesCsv({
        actor: as(team.owner),
        petitionId: petition.id,
        filter: { city: "Houston" },
        variant: "full",
        batchSize: 2,
      }),
    );
    const lines = csv.trim().split("\r\n");
    expect(lines[0]!.startsWith("first_name,last_name,email,")).toBe(true);
    expect(lines).toHaveLength(1 + 2); // g = 3, 6
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.campaignId, campaign.id), eq(auditLogs.action, "signatures.export")));
    expect(audit!.details).toEqual({ filter: { city: "Houston" } });
  });

  it("the delivery variant lists verified signatures only, without contacts, named only with consent", async () => {
    const { petition } = await makeCampaign(team, { n: 10 });
    const csv = await csvOf(
      exportSignaturesCsv({
        actor: as(team.organizer),
        petitionId: petition.id,
        filter: {},
        variant: "delivery",
        batchSize: 3,
      }),
    );
    const lines = csv.trim().split("\r\n").slice(1);
    expect(lines).toHaveLength(8);
    expect(csv).not.toContain("@");
    const names = lines.map((l) => l.split(",")[0]).filter((n) => n !== "Anonymous");
    // print_name = (g % 2 = 0); verified = g % 5 <> 0 → g in 2,4,6,8 have names.
    expect(names.filter(Boolean).sort()).toEqual([
      "First2 Last0000002",
      "First4 Last0000004",
      "First6 Last0000006",
      "First8 Last0000008",
    ]);
  });
});

describe("goal reached", () => {
  it("stamps goal_reached_at once and mails the team once, however often the job runs", async () => {
    const { petition } = await makeCampaign(team, { n: 0 });
    await db.update(petitions).set({ goal: 8 }).where(eq(petitions.id, petition.id));
    await insertSignatures(petition.id, 5); // 4 verified
    await enqueueJob({ kind: "petition.check-goal", payload: { petitionId: petition.id } });
    await runJobsUntilIdle();
    expect(
      (await db.select().from(petitions).where(eq(petitions.id, petition.id)))[0]!.goalReachedAt,
    ).toBeNull();
    await insertSignatures(petition.id, 5, 100); // 8 verified now
    await Promise.all(
      [1, 2, 3].map(() =>
        enqueueJob({ kind: "petition.check-goal", payload: { petitionId: petition.id } }),
      ),
    );
    await runJobsUntilIdle();
    const [after] = await db.select().from(petitions).where(eq(petitions.id, petition.id));
    expect(after!.goalReachedAt).toBeInstanceOf(Date);
    const mails = await rows<{ to_address: string }>(
      db,
      sql`select to_address from outgoing_emails where template = 'goal-reached' and dedupe_key like ${`goal-reached:${petition.id}:%`}`,
    );
    expect(mails.map((m) => m.to_address).sort()).toEqual(
      [team.owner.email, team.coOwner.email, team.organizer.email].sort(),
    );
  });
});

describe("organizer emails", () => {
  const links = {
    "organizer-invitation": "/invitations/sample",
    "password-reset": "/reset-password/sample-token",
    "petition-published": "/dashboard",
    "goal-reached": "/dashboard",
  };
  for (const template of [
    organizerInvitation,
    passwordReset,
    petitionPublished,
    goalReached,
  ] as const) {
    for (const locale of ["en", "es"] as const) {
      it(`${template.name} renders in ${locale} with its link in HTML and text`, () => {
        const { subject, html, text } = (
          template.render as (
            p: unknown,
            l: typeof locale,
          ) => { subject: string; html: string; text: string }
        )(template.sample, locale);
        expect(subject.length).toBeGreaterThan(5);
        expect(html).toContain(`<html lang="${locale}">`);
        const link = links[template.name as keyof typeof links];
        expect(html).toContain(link);
        expect(text).toContain(link);
        expect(html).not.toContain("undefined");
        expect(text).not.toContain("undefined");
      });
    }
  }
  it("says it in Spanish when asked", () => {
    expect(organizerInvitation.render(organizerInvitation.sample, "es").subject).toMatch(
      /^Te invitan/,
    );
    expect(goalReached.render(goalReached.sample, "es").text).toContain(
      "tiene 1,003 firmas verificadas",
    );
  });
});

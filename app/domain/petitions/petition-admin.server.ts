// The organizer side of petitions: create, edit, publish, close, reopen, and slug history.
// States are PETITION_STATES; each transition stamps its *_at column.
import { and, asc, desc, eq, inArray, ne } from "drizzle-orm";
import { db, type Tx } from "#db/client";
import {
  campaignMembers,
  campaigns,
  petitionSlugs,
  petitions,
  petitionTexts,
  targets,
  users,
  type Petition,
} from "#db/schema";
import { LOCALES, type Locale, type PetitionState } from "#db/schema/states";
import publishedEmail from "#emails/petition-published";
import { env } from "~/lib/env.server";
import { zonedTimeToUtc } from "~/lib/zoned-time";
import { recordAudit } from "~/domain/team/audit.server";
import { assertCampaignPermission, ForbiddenError, rolesWith, type Actor } from "~/domain/team/authorization.server";
import { enqueueEmail } from "~/domain/mail/email.server";
import { parseTargets, type PetitionFormValue } from "./petition";
import { getVerifiedCounts } from "./petition-count.server";

/** A business rule of the editor; `field` names the form field the message belongs next to. */
export class PetitionRuleError extends Error {
  name = "PetitionRuleError";
  constructor(
    public code: "slug_taken" | "slug_confirm" | "bad_transition",
    public field?: string,
  ) {
    super(code);
  }
}

const TRANSITIONS: Record<
  "publish" | "close" | "reopen",
  { from: PetitionState; to: PetitionState }
> = {
  publish: { from: "draft", to: "published" },
  close: { from: "published", to: "closed" },
  reopen: { from: "closed", to: "published" },
};

/**
 * Where a public slug points: the petition's current slug, or an earlier one kept in
 * petition_slugs. `redirect` is true when the caller should send the browser to `slug`.
 */
export async function resolvePetitionSlug(
  slug: string,
): Promise<{ petitionId: number; slug: string; redirect: boolean } | null> {
  const [current] = await db
    .select({ id: petitions.id, slug: petitions.slug })
    .from(petitions)
    .where(eq(petitions.slug, slug));
  if (current) return { petitionId: current.id, slug: current.slug, redirect: false };
  const [old] = await db
    .select({ id: petitions.id, slug: petitions.slug })
    .from(petitionSlugs)
    .innerJoin(petitions, eq(petitions.id, petitionSlugs.petitionId))
    .where(eq(petitionSlugs.slug, slug));
  return old ? { petitionId: old.id, slug: old.slug, redirect: true } : null;
}

async function slugInUse(tx: Tx, slug: string, exceptPetitionId?: number) {
  const [p] = await tx
    .select({ id: petitions.id })
    .from(petitions)
    .where(
      and(
        eq(petitions.slug, slug),
        exceptPetitionId ? ne(petitions.id, exceptPetitionId) : undefined,
      ),
    );
  if (p) return true;
  const [old] = await tx
    .select({ id: petitionSlugs.petitionId })
    .from(petitionSlugs)
    .where(
      and(
        eq(petitionSlugs.slug, slug),
        exceptPetitionId ? ne(petitionSlugs.petitionId, exceptPetitionId) : undefined,
      ),
    );
  return !!old;
}

function endsAtFrom(endsOn: string | undefined, timeZone: string) {
  return endsOn ? zonedTimeToUtc(endsOn, "23:59", timeZone) : null;
}

async function writeTextsAndTargets(tx: Tx, petitionId: number, input: PetitionFormValue) {
  for (const locale of LOCALES) {
    const s = locale === "en" ? "En" : "Es";
    const title = input[`title${s}`];
    if (title) {
      const values = {
        title,
        summary: input[`summary${s}`] ?? "",
        body: input[`body${s}`] ?? "",
        updatedAt: new Date(),
      };
      await tx
        .insert(petitionTexts)
        .values({ petitionId, locale, ...values })
        .onConflictDoUpdate({
          target: [petitionTexts.petitionId, petitionTexts.locale],
          set: values,
        });
    } else {
      await tx
        .delete(petitionTexts)
        .where(and(eq(petitionTexts.petitionId, petitionId), eq(petitionTexts.locale, locale)));
    }
  }
  await tx.delete(targets).where(eq(targets.petitionId, petitionId));
  const list = parseTargets(input.targets);
  if (list.length)
    await tx
      .insert(targets)
      .values(list.map((t, position) => ({ petitionId, name: t.name, title: t.title, position })));
}

async function userTimeZone(userId: number) {
  const [u] = await db.select({ tz: users.timeZone }).from(users).where(eq(users.id, userId));
  return u?.tz ?? "America/Chicago";
}

export async function createPetition({
  actor,
  campaignId,
  input,
}: {
  actor: Actor;
  campaignId: number;
  input: PetitionFormValue;
}) {
  await assertCampaignPermission({ actor, campaignId, permission: "petition.manage" });
  const tz = await userTimeZone(actor!.userId);
  return db.transaction(async (tx) => {
    if (await slugInUse(tx, input.slug)) throw new PetitionRuleError("slug_taken", "slug");
    const [petition] = await tx
      .insert(petitions)
      .values({
        campaignId,
        slug: input.slug,
        defaultLocale: input.defaultLocale,
        goal: input.goal,
        endsAt: endsAtFrom(input.endsOn, tz),
        imageUrl: input.imageUrl ?? null,
        createdBy: actor!.userId,
      })
      .returning();
    await writeTextsAndTargets(tx, petition!.id, input);
    await recordAudit({
      campaignId,
      actorId: actor!.userId,
      action: "petition.create",
      subjectType: "petition",
      subjectId: petition!.id,
      details: { slug: input.slug },
      tx,
    });
    return petition!;
  });
}

/** The petition if it belongs to the campaign and the actor may see it. */
export async function getPetitionForMember({
  actor,
  campaignId,
  petitionId,
}: {
  actor: Actor;
  campaignId: number;
  petitionId: number;
}) {
  await assertCampaignPermission({ actor, campaignId, permission: "petition.view" });
  const [petition] = await db
    .select()
    .from(petitions)
    .where(and(eq(petitions.id, petitionId), eq(petitions.campaignId, campaignId)));
  if (!petition) return null;
  const [texts, targetRows, slugs, counts] = await Promise.all([
    db.select().from(petitionTexts).where(eq(petitionTexts.petitionId, petitionId)),
    db
      .select()
      .from(targets)
      .where(eq(targets.petitionId, petitionId))
      .orderBy(asc(targets.position)),
    db
      .select()
      .from(petitionSlugs)
      .where(eq(petitionSlugs.petitionId, petitionId))
      .orderBy(desc(petitionSlugs.createdAt)),
    getVerifiedCounts([petitionId]),
  ]);
  return {
    petition,
    texts,
    targets: targetRows,
    oldSlugs: slugs.map((s) => s.slug),
    verifiedCount: counts.get(petitionId) ?? 0,
  };
}

export async function listCampaignPetitions({
  actor,
  campaignId,
}: {
  actor: Actor;
  campaignId: number;
}) {
  await assertCampaignPermission({ actor, campaignId, permission: "petition.view" });
  const list = await db
    .select()
    .from(petitions)
    .where(eq(petitions.campaignId, campaignId))
    .orderBy(desc(petitions.createdAt));
  const ids = list.map((p) => p.id);
  if (!ids.length) return [];
  const [texts, counts] = await Promise.all([
    db
      .select({
        petitionId: petitionTexts.petitionId,
        locale: petitionTexts.locale,
        title: petitionTexts.title,
      })
      .from(petitionTexts)
      .where(inArray(petitionTexts.petitionId, ids)),
    getVerifiedCounts(ids),
  ]);
  return list.map((p) => ({
    id: p.id,
    slug: p.slug,
    status: p.status,
    goal: p.goal,
    publishedAt: p.publishedAt,
    title:
      (
        texts.find((t) => t.petitionId === p.id && t.locale === p.defaultLocale) ??
        texts.find((t) => t.petitionId === p.id)
      )?.title ?? p.slug,
    verifiedCount: counts.get(p.id) ?? 0,
  }));
}

/**
 * Saves the editor. Changing the slug of a petition that has been published needs
 * `confirmSlugChange`; the old slug is kept in petition_slugs so its links keep working.
 */
export async function updatePetition({
  actor,
  campaignId,
  petitionId,
  input,
}: {
  actor: Actor;
  campaignId: number;
  petitionId: number;
  input: PetitionFormValue;
}) {
  await assertCampaignPermission({ actor, campaignId, permission: "petition.manage" });
  const tz = await userTimeZone(actor!.userId);
  return db.transaction(async (tx) => {
    const [petition] = await tx
      .select()
      .from(petitions)
      .where(and(eq(petitions.id, petitionId), eq(petitions.campaignId, campaignId)))
      .for("update");
    if (!petition) throw new ForbiddenError("petition.manage", "No such petition in this campaign");
    const slugChanged = petition.slug !== input.slug;
    if (slugChanged) {
      if (await slugInUse(tx, input.slug, petitionId))
        throw new PetitionRuleError("slug_taken", "slug");
      if (petition.publishedAt && !input.confirmSlugChange)
        throw new PetitionRuleError("slug_confirm", "confirmSlugChange");
      if (petition.publishedAt) {
        await tx
          .insert(petitionSlugs)
          .values({ slug: petition.slug, petitionId })
          .onConflictDoNothing();
      }
      // Going back to an earlier slug: it is current again, not a redirect.
      await tx
        .delete(petitionSlugs)
        .where(and(eq(petitionSlugs.slug, input.slug), eq(petitionSlugs.petitionId, petitionId)));
    }
    await tx
      .update(petitions)
      .set({
        slug: input.slug,
        defaultLocale: input.defaultLocale,
        goal: input.goal,
        endsAt: endsAtFrom(input.endsOn, tz),
        imageUrl: input.imageUrl ?? null,
        updatedAt: new Date(),
      })
      .where(eq(petitions.id, petitionId));
    await writeTextsAndTargets(tx, petitionId, input);
    await recordAudit({
      campaignId,
      actorId: actor!.userId,
      action: "petition.update",
      subjectType: "petition",
      subjectId: petitionId,
      details: slugChanged ? { slugFrom: petition.slug, slugTo: input.slug } : {},
      tx,
    });
  });
}

/** publish (draft → published), close (published → closed), reopen (closed → published). */
export async function transitionPetition({
  actor,
  campaignId,
  petitionId,
  transition,
}: {
  actor: Actor;
  campaignId: number;
  petitionId: number;
  transition: keyof typeof TRANSITIONS;
}): Promise<Petition> {
  await assertCampaignPermission({ actor, campaignId, permission: "petition.manage" });
  const { from, to } = TRANSITIONS[transition];
  const now = new Date();
  return db.transaction(async (tx) => {
    const stamp =
      transition === "publish"
        ? { publishedAt: now }
        : transition === "close"
          ? { closedAt: now }
          : { closedAt: null };
    const [updated] = await tx
      .update(petitions)
      .set({ status: to, updatedAt: now, ...stamp })
      .where(
        and(
          eq(petitions.id, petitionId),
          eq(petitions.campaignId, campaignId),
          eq(petitions.status, from),
        ),
      )
      .returning();
    if (!updated) throw new PetitionRuleError("bad_transition");
    if (transition === "publish") {
      const [texts] = await tx
        .select()
        .from(petitionTexts)
        .where(
          and(
            eq(petitionTexts.petitionId, petitionId),
            eq(petitionTexts.locale, updated.defaultLocale),
          ),
        );
      if (!texts) throw new PetitionRuleError("bad_transition");
      await notifyTeamOfPublish(tx, actor!.userId, updated, texts.title);
    }
    await recordAudit({
      campaignId,
      actorId: actor!.userId,
      action: `petition.${transition}`,
      subjectType: "petition",
      subjectId: petitionId,
      tx,
    });
    return updated;
  });
}

/** Owners and organizers of the petition's campaign (the people who act on team mail). */
export async function teamRecipients(tx: Tx | typeof db, campaignId: number) {
  return tx
    .select({ userId: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(campaignMembers)
    .innerJoin(users, eq(users.id, campaignMembers.userId))
    .where(
      and(
        eq(campaignMembers.campaignId, campaignId),
        inArray(campaignMembers.role, rolesWith("petition.manage")),
      ),
    );
}

async function notifyTeamOfPublish(tx: Tx, publisherId: number, petition: Petition, title: string) {
  const [publisher] = await tx
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, publisherId));
  const [campaign] = await tx
    .select({ slug: campaigns.slug })
    .from(campaigns)
    .where(eq(campaigns.id, petition.campaignId));
  const base = env().APP_URL;
  for (const member of await teamRecipients(tx, petition.campaignId)) {
    await enqueueEmail({
      template: publishedEmail,
      props: {
        publisherName: publisher?.name ?? "",
        petitionTitle: title,
        publicUrl: `${base}/p/${petition.slug}`,
        dashboardUrl: `${base}/dashboard/c/${campaign!.slug}/petitions/${petition.id}`,
      },
      to: member.email,
      locale: member.locale as Locale,
      // Reopen-then-republish is not a second publish: one mail per petition per member.
      dedupeKey: `petition-published:${petition.id}:${member.userId}`,
      tx,
    });
  }
}

// The retention schedule: a petition's signers' personal fields are erased N months after it closes
// (not before), once (a rerun changes nothing), with every count and rollup unchanged, packets still
// verifiable (fingerprint and count kept, list and PDFs gone, /verify says so), and an audit row
// that holds counts only. Only the owner changes the months.
import { and, eq, inArray, sql } from "drizzle-orm";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import {
  createStaticHandler,
  createStaticRouter,
  StaticRouterProvider,
} from "react-router-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db, rows } from "#db/client";
import {
  auditLogs,
  campaigns,
  capturedEmails,
  deliveryEvents,
  jobs,
  outgoingEmails,
  packetFiles,
  packetListParts,
  packets,
  paperSignatureBatches,
  petitions,
  rsvps,
  signatures,
  webhookDeliveries,
  webhookEndpoints,
} from "#db/schema";
import { runJobsUntilIdle } from "~/jobs/runner.server";
import { retentionHandlers } from "~/jobs/retention.server";
import packetStrings from "~/locales/packet";
import privacyStrings from "~/locales/privacy";
import { ForbiddenError, type Actor } from "~/domain/team/authorization.server";
import { reconcileCount, getVerifiedCount } from "~/domain/petitions/petition-count.server";
import { PacketNotFoundError } from "~/domain/packets/packet-not-found";
import { getPrintView } from "~/domain/packets/print-view.server";
import { requestPacket } from "~/domain/packets/request-packet.server";
import { verifyPacket } from "~/domain/packets/verify-packet.server";
import { getPublicPetition } from "~/domain/petitions/public-petition.server";
import {
  anonymisePetition,
  duePetitions,
  ensureRetentionScheduled,
  getRetention,
  nextRetentionRun,
  RETENTION_JOB,
  RetentionRangeError,
  runRetention,
  scheduleRetention,
  setRetention,
} from "~/domain/privacy/retention.server";
import { sha256 } from "~/lib/crypto.server";
import {
  makeDeliveryCampaign,
  makeEvent,
  makeSigners,
  type DeliveryCampaign,
} from "../support/delivery-fixtures";

const DAY = 86400_000;

/** Renders /verify/<id> through its real loader and component (react-router's static rendering). */
async function renderVerifyPage(path: string) {
  const route = await import("~/routes/verify.$packetId");
  const handler = createStaticHandler([
    {
      id: "verify",
      path: "/verify/:packetId",
      loader: route.loader as never,
      Component: route.default,
    },
  ]);
  const context = await handler.query(new Request(`http://localhost${path}`));
  if (context instanceof Response) throw new Error(`verify answered ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(createElement(StaticRouterProvider, { router, context }));
}
const MONTH = 31 * DAY;

let c: DeliveryCampaign;
let closedAt: Date;
let packetId: string;
let signerEmails: string[];
let before: { verified: number; status: string; places: string; packet: unknown };

const SECRET_NAMES = ["Retentia", "Erasmina"];
const SECRET_POSTAL = "77099";
const SECRET_COMMENT = "RETENTIONCOMMENT";
const VOLUNTEER = {
  name: "Vola Volunteer",
  email: "vola.volunteer@example.org",
  phone: "713-555-0199",
};

async function rollups(petitionId: number) {
  const status = await rows<{ status: string; n: number }>(
    db,
    sql`select status, sum(n)::int as n from signature_status_counts where petition_id = ${petitionId}
        group by status order by status`,
  );
  const places = await rows<{ city: string; region: string; n: number }>(
    db,
    sql`select city, region, sum(n)::int as n from signature_places where petition_id = ${petitionId}
        group by city, region having sum(n) <> 0 order by city, region`,
  );
  return { status: JSON.stringify(status), places: JSON.stringify(places) };
}

async function snapshotPacket(id: string) {
  const v = await verifyPacket({ packetId: id, locale: "en" });
  return { total: v!.total, fingerprint: v!.fingerprint, ready: v!.ready, pages: v!.pageCount };
}

beforeAll(async () => {
  c = await makeDeliveryCampaign();
  const signed = await makeSigners(c, 4, {
    firstName: SECRET_NAMES[0],
    lastName: SECRET_NAMES[1],
    postalCode: SECRET_POSTAL,
    city: "Houston",
    region: "TX",
    comment: SECRET_COMMENT,
    printName: true,
    showPublicly: true,
  });
  await makeSigners(c, 1, { status: "pending", verifiedAt: null, city: "Dallas", region: "TX" });
  signerEmails = signed.map((s) => s.email);
  await reconcileCount({ petitionId: c.petition.id });
  await db.insert(paperSignatureBatches).values({
    petitionId: c.petition.id,
    city: "Houston",
    region: "TX",
    postalCode: "77002",
    count: 3,
    names: "Paperina Uno\nPaperina Dos",
  });
  // A delivery that has passed, with a volunteer and a built packet.
  const event = await makeEvent(c, { startsAt: new Date(Date.now() - 10 * DAY) });
  await db.insert(rsvps).values({
    eventId: event.id,
    name: VOLUNTEER.name,
    email: VOLUNTEER.email,
    emailCanonical: VOLUNTEER.email,
    phone: VOLUNTEER.phone,
    shareContact: true,
    status: "going",
    cancelTokenHash: sha256(`cancel-${event.id}`),
  });
  ({ packetId } = await requestPacket({
    actor: { userId: c.users.owner },
    eventId: event.id,
    options: { language: "en", others: "all", volumeSize: 5000, paperSize: "letter" },
  }));
  await runJobsUntilIdle();
  // Mail already sent to a signer and to the volunteer (the copies are erased with the rest).
  await db.insert(outgoingEmails).values(
    [signerEmails[0]!, VOLUNTEER.email].map((to, i) => ({
      dedupeKey: `retention-test:${c.petition.id}:${i}`,
      template: "signature-thank-you",
      toAddress: to,
      subject: `Thank you ${SECRET_NAMES[0]}`,
      html: `<p>Hi ${SECRET_NAMES[0]}</p>`,
      text: `Hi ${SECRET_NAMES[0]}`,
      status: "sent" as const,
      sentAt: new Date(),
    })),
  );
  await db.insert(capturedEmails).values({
    toAddress: signerEmails[0]!,
    fromAddress: "handover@example.org",
    subject: `Thank you ${SECRET_NAMES[0]}`,
    html: "x",
    text: "x",
  });
  // A webhook body about a signer, already delivered to the campaign's endpoint.
  const [endpoint] = await db
    .insert(webhookEndpoints)
    .values({
      campaignId: c.campaign.id,
      url: "https://hooks.example.org/handover",
      events: ["signature.verified"],
      includeContact: true,
      secretEncrypted: "x",
    })
    .returning();
  await db.insert(webhookDeliveries).values({
    endpointId: endpoint!.id,
    eventId: `evt-${c.petition.id}`,
    eventType: "signature.verified",
    subject: { signatureId: 1, petitionId: c.petition.id },
    body: JSON.stringify({ email: signerEmails[0], given_name: SECRET_NAMES[0] }),
    status: "delivered",
  });
  closedAt = new Date(Date.now() - 2 * DAY);
  await db
    .update(petitions)
    .set({ status: "closed", closedAt })
    .where(eq(petitions.id, c.petition.id));
  const r = await rollups(c.petition.id);
  before = {
    verified: await getVerifiedCount(c.petition.id),
    ...r,
    packet: await snapshotPacket(packetId),
  };
});

describe("the retention schedule", () => {
  it("defaults to 6 months and says so on the public petition page, in both languages", async () => {
    const [row] = await db
      .select({ m: campaigns.retentionMonths })
      .from(campaigns)
      .where(eq(campaigns.id, c.campaign.id));
    expect(row!.m).toBe(6);
    const page = await getPublicPetition({ slug: c.petition.slug, locale: "en" });
    expect((page as { petition: { retentionMonths: number } }).petition.retentionMonths).toBe(6);
    expect(privacyStrings.en.retentionNotice(6)).toContain(
      "Signatures are anonymised 6 months after the petition closes",
    );
    expect(privacyStrings.es.retentionNotice(6)).toContain(
      "Las firmas se anonimizan 6 meses después de que cierra la petición",
    );
  });

  it("erases nothing before the window has passed", async () => {
    const now = new Date(closedAt.getTime() + 5 * MONTH);
    expect(await duePetitions({ now })).not.toContain(c.petition.id);
    await runRetention({ now });
    const kept = await db.select().from(signatures).where(eq(signatures.petitionId, c.petition.id));
    expect(kept.filter((s) => s.email.includes("@"))).toHaveLength(5);
    expect(kept.some((s) => s.comment === SECRET_COMMENT)).toBe(true);
    const [p] = await db.select().from(packets).where(eq(packets.id, packetId));
    expect(p!.listErasedAt).toBeNull();
  });

  it("after the window: names, emails, postal codes, comments, RSVPs, paper names and mail copies go; cities and every count stay", async () => {
    const now = new Date(closedAt.getTime() + 6 * MONTH + DAY);
    expect(await duePetitions({ now })).toContain(c.petition.id);
    // Two signatures per transaction: the five are erased over three, as a national list would be.
    const total = await runRetention({ now, chunkSize: 2 });
    expect(total.petitions).toBeGreaterThanOrEqual(1);
    expect(total.signatures).toBeGreaterThanOrEqual(5);
    const rowsAfter = await db
      .select()
      .from(signatures)
      .where(eq(signatures.petitionId, c.petition.id));
    expect(rowsAfter).toHaveLength(5);
    for (const s of rowsAfter) {
      expect(s.firstName).toBe("");
      expect(s.lastName).toBe("");
      expect(s.email).toBe("");
      expect(s.emailCanonical).toBe(`erased:${s.id}`);
      expect(s.postalCode).toBe("");
      expect(s.comment).toBeNull();
      expect(s.printName).toBe(false);
      expect(s.showPublicly).toBe(false);
      expect(s.keepUpdated).toBe(false);
      expect(s.city).not.toBe("");
    }
    expect(rowsAfter.filter((s) => s.status === "verified")).toHaveLength(4);
    // Counts: the sharded counter, the status and place rollups, unchanged.
    expect(await getVerifiedCount(c.petition.id)).toBe(before.verified);
    expect(before.verified).toBe(4);
    const r = await rollups(c.petition.id);
    expect(r.status).toBe(before.status);
    expect(r.places).toBe(before.places);
    // The reconcile job (count(*) of verified rows) agrees.
    await reconcileCount({ petitionId: c.petition.id });
    expect(await getVerifiedCount(c.petition.id)).toBe(4);

    const [rsvp] = await db
      .select()
      .from(rsvps)
      .where(
        inArray(
          rsvps.eventId,
          db
            .select({ id: deliveryEvents.id })
            .from(deliveryEvents)
            .where(eq(deliveryEvents.petitionId, c.petition.id)),
        ),
      );
    expect(rsvp!.name).toBe("");
    expect(rsvp!.email).toBe("");
    expect(rsvp!.phone).toBe("");
    expect(rsvp!.status).toBe("going");
    const [paper] = await db
      .select()
      .from(paperSignatureBatches)
      .where(eq(paperSignatureBatches.petitionId, c.petition.id));
    expect(paper!.names).toBe("");
    expect(paper!.postalCode).toBe("");
    expect(paper!.count).toBe(3);

    const mail = await db
      .select()
      .from(outgoingEmails)
      .where(sql`${outgoingEmails.dedupeKey} like ${`retention-test:${c.petition.id}:%`}`);
    expect(mail).toHaveLength(2);
    for (const m of mail) {
      expect(m.toAddress).toBe("");
      expect(`${m.subject}${m.html}${m.text}`).toBe("");
    }
    const captured = await db
      .select()
      .from(capturedEmails)
      .where(eq(capturedEmails.toAddress, signerEmails[0]!));
    expect(captured).toHaveLength(0);
    const [hook] = await db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.eventId, `evt-${c.petition.id}`));
    expect(hook!.body).toBeNull();
    expect(hook!.status).toBe("delivered");
    // The public page still counts them; no one is named any more.
    const page = await getPublicPetition({ slug: c.petition.slug, locale: "en" });
    expect(JSON.stringify(page)).not.toContain(SECRET_NAMES[0]);
  });

  it("printed packets stay verifiable: fingerprint and count kept, list and PDFs erased, and /verify says so", async () => {
    const after = await snapshotPacket(packetId);
    expect(after).toEqual(before.packet);
    expect((before.packet as { fingerprint: string }).fingerprint).toMatch(/^[0-9a-f]{16,}$/);
    const v = await verifyPacket({
      packetId,
      fingerprint: (before.packet as { fingerprint: string }).fingerprint,
      locale: "es",
    });
    expect(v!.listErased).toBe(true);
    expect(v!.checked?.matches).toBe(true);
    expect(
      await db.select().from(packetListParts).where(eq(packetListParts.packetId, packetId)),
    ).toHaveLength(0);
    expect(
      await db.select().from(packetFiles).where(eq(packetFiles.packetId, packetId)),
    ).toHaveLength(0);
    await expect(
      getPrintView({ actor: { userId: c.users.owner }, packetId, volume: 1 }),
    ).rejects.toBeInstanceOf(PacketNotFoundError);
    expect(packetStrings.en.verifyListErased).toMatch(/erased/);
    expect(packetStrings.es.verifyListErased).toMatch(/borró/);
    // The page itself, as the server renders it, in both languages.
    for (const lang of ["en", "es"] as const) {
      const html = await renderVerifyPage(`/verify/${packetId}?lang=${lang}`);
      expect(html).toContain(packetStrings[lang].verifyListErased.replace(/'/g, "&#x27;"));
      expect(html).toContain((before.packet as { fingerprint: string }).fingerprint);
      for (const secret of [...SECRET_NAMES, ...signerEmails]) expect(html).not.toContain(secret);
    }
  });

  it("is idempotent: a rerun erases nothing more and writes no second audit row", async () => {
    const now = new Date(closedAt.getTime() + 6 * MONTH + 2 * DAY);
    expect(await duePetitions({ now })).not.toContain(c.petition.id);
    const again = await anonymisePetition({ petitionId: c.petition.id, now });
    expect(again).toEqual({
      signatures: 0,
      rsvps: 0,
      paperBatches: 0,
      packets: 0,
      emails: 0,
      webhookBodies: 0,
    });
    const audits = await db
      .select()
      .from(auditLogs)
      .where(
        and(eq(auditLogs.campaignId, c.campaign.id), eq(auditLogs.action, "retention.anonymised")),
      );
    expect(audits).toHaveLength(1);
    expect(await getVerifiedCount(c.petition.id)).toBe(before.verified);
  });

  it("audits the erasure with counts only, never personal data", async () => {
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(
        and(eq(auditLogs.campaignId, c.campaign.id), eq(auditLogs.action, "retention.anonymised")),
      );
    expect(audit!.actorId).toBeNull();
    expect(audit!.subjectId).toBe(String(c.petition.id));
    expect(audit!.details).toMatchObject({
      months: 6,
      signatures: 5,
      rsvps: 1,
      paperBatches: 1,
      packets: 1,
      emails: 2,
      webhookBodies: 1,
    });
    const text = JSON.stringify(audit);
    for (const secret of [
      ...signerEmails,
      ...SECRET_NAMES,
      SECRET_POSTAL,
      SECRET_COMMENT,
      VOLUNTEER.email,
      VOLUNTEER.name,
      VOLUNTEER.phone,
      "Paperina",
    ])
      expect(text).not.toContain(secret);
    for (const value of Object.values(audit!.details)) expect(typeof value).toBe("number");
  });

  it("a petition never closed is not erased; one whose end date has passed is counted from that date", async () => {
    const open = await makeDeliveryCampaign();
    await makeSigners(open, 2);
    const far = new Date(Date.now() + 40 * MONTH);
    expect(await duePetitions({ now: far })).not.toContain(open.petition.id);
    const ended = await makeDeliveryCampaign();
    await makeSigners(ended, 2);
    const endsAt = new Date(Date.now() - DAY);
    await db.update(petitions).set({ endsAt }).where(eq(petitions.id, ended.petition.id));
    await setRetention({
      actor: { userId: ended.users.owner },
      campaignId: ended.campaign.id,
      months: 1,
    });
    expect(await duePetitions({ now: new Date(endsAt.getTime() + 20 * DAY) })).not.toContain(
      ended.petition.id,
    );
    expect(await duePetitions({ now: new Date(endsAt.getTime() + MONTH + DAY) })).toContain(
      ended.petition.id,
    );
  });

  it("a delivery still ahead keeps its RSVPs until it has passed; a reopened petition's new signers are erased after its next close", async () => {
    const x = await makeDeliveryCampaign();
    await makeSigners(x, 1);
    const startsAt = new Date(Date.now() + 10 * DAY);
    const event = await makeEvent(x, { startsAt });
    await db.insert(rsvps).values({
      eventId: event.id,
      name: "Ahead Volunteer",
      email: "ahead@example.org",
      emailCanonical: "ahead@example.org",
      status: "going",
      cancelTokenHash: sha256(`cancel-ahead-${event.id}`),
    });
    const closed = new Date(Date.now() - 200 * DAY);
    await db
      .update(petitions)
      .set({ status: "closed", closedAt: closed })
      .where(eq(petitions.id, x.petition.id));
    await runRetention({ now: new Date() });
    const [ahead] = await db.select().from(rsvps).where(eq(rsvps.eventId, event.id));
    expect(ahead!.email).toBe("ahead@example.org");
    const later = new Date(startsAt.getTime() + DAY);
    expect(await duePetitions({ now: later })).toContain(x.petition.id);
    await runRetention({ now: later });
    const [gone] = await db.select().from(rsvps).where(eq(rsvps.eventId, event.id));
    expect(gone!.email).toBe("");
    // Reopened, signed again, closed again: erased once the new close is old enough.
    await db
      .update(petitions)
      .set({ status: "published", closedAt: null })
      .where(eq(petitions.id, x.petition.id));
    const [fresh] = await makeSigners(x, 1);
    const reclosed = new Date(later.getTime() + DAY);
    await db
      .update(petitions)
      .set({ status: "closed", closedAt: reclosed })
      .where(eq(petitions.id, x.petition.id));
    expect(await duePetitions({ now: new Date(reclosed.getTime() + 5 * MONTH) })).not.toContain(
      x.petition.id,
    );
    await runRetention({ now: new Date(reclosed.getTime() + 6 * MONTH + DAY) });
    const [s] = await db.select().from(signatures).where(eq(signatures.id, fresh!.id));
    expect(s!.email).toBe("");
  });
});

describe("the setting", () => {
  const who = ["owner", "organizer", "coordinator", "viewer", "stranger", "nobody"] as const;
  const actorFor = (w: (typeof who)[number]): Actor =>
    w === "nobody" ? null : { userId: c.users[w === "stranger" ? "stranger" : w] };

  for (const w of who) {
    const allowed = w === "owner";
    it(`${w} ${allowed ? "may" : "may not"} change the months`, async () => {
      const result = await setRetention({
        actor: actorFor(w),
        campaignId: c.campaign.id,
        months: 12,
      }).then(
        () => "allowed",
        (e) => (e instanceof ForbiddenError ? "refused" : Promise.reject(e)),
      );
      expect(result).toBe(allowed ? "allowed" : "refused");
    });
  }

  it("organizers see it read-only; coordinators and viewers do not see the settings", async () => {
    expect(
      await getRetention({ actor: { userId: c.users.owner }, campaignId: c.campaign.id }),
    ).toMatchObject({
      months: 12,
      canChange: true,
    });
    expect(
      await getRetention({ actor: { userId: c.users.organizer }, campaignId: c.campaign.id }),
    ).toMatchObject({ months: 12, canChange: false });
    await expect(
      getRetention({ actor: { userId: c.users.viewer }, campaignId: c.campaign.id }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("accepts 1 to 36 months only, and audits a change without personal data", async () => {
    const owner = { userId: c.users.owner };
    for (const bad of [0, 37, 1.5, -3, Number.NaN])
      await expect(
        setRetention({ actor: owner, campaignId: c.campaign.id, months: bad }),
      ).rejects.toBeInstanceOf(RetentionRangeError);
    await setRetention({ actor: owner, campaignId: c.campaign.id, months: 1 });
    await setRetention({ actor: owner, campaignId: c.campaign.id, months: 36 });
    const changes = await db
      .select()
      .from(auditLogs)
      .where(
        and(eq(auditLogs.campaignId, c.campaign.id), eq(auditLogs.action, "retention.changed")),
      );
    expect(changes.map((a) => a.details)).toEqual([
      { from: 6, to: 12 },
      { from: 12, to: 1 },
      { from: 1, to: 36 },
    ]);
  });
});

describe("the daily job", () => {
  it("runs at 08:00 UTC: today if still ahead, else tomorrow", () => {
    expect(nextRetentionRun(new Date("2026-12-05T07:59:00Z")).toISOString()).toBe(
      "2026-12-05T08:00:00.000Z",
    );
    expect(nextRetentionRun(new Date("2026-12-05T08:00:00Z")).toISOString()).toBe(
      "2026-12-06T08:00:00.000Z",
    );
  });

  it("is queued once at boot, once per day, and each run queues the next", async () => {
    await db.delete(jobs).where(eq(jobs.kind, RETENTION_JOB));
    const first = await ensureRetentionScheduled();
    expect(first).not.toBeNull();
    expect(await ensureRetentionScheduled()).toBeNull();
    expect(await scheduleRetention()).toBeNull(); // same day: deduplicated
    const [queued] = await db.select().from(jobs).where(eq(jobs.kind, RETENTION_JOB));
    expect(queued!.runAt.getUTCHours()).toBe(8);
    // The handler runs the pass and chains the next day's run.
    await db.delete(jobs).where(eq(jobs.kind, RETENTION_JOB));
    await retentionHandlers[RETENTION_JOB]!(queued!);
    const next = await db.select().from(jobs).where(eq(jobs.kind, RETENTION_JOB));
    expect(next).toHaveLength(1);
    expect(next[0]!.runAt.getTime()).toBeGreaterThan(Date.now());
  });
});

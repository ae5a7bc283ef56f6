// The retention schedule (docs/decisions/028-retention.md): a campaign keeps its signers' personal
// fields for N months (default 6, 1–36) after each petition closes, then a daily job erases them.
// What stays: every row (so counts, rollups and packets' totals never move), the city and region,
// the dates and statuses, and each packet's fingerprint and counts (so a printed packet can still
// be verified). What goes: names, emails, postal codes, comments, RSVP names/emails/phones, paper
// sheets' name lists, packets' stored lists and PDFs, and the copies of mail and webhook bodies sent
// about those people. The audit row says how many, never who.
import { eq, sql } from "drizzle-orm";
import { db, rows, type DbOrTx } from "#db/client";
import { campaigns } from "#db/schema";
import { recordAudit } from "~/domain/team/audit.server";
import {
  assertCampaignPermission,
  roleAllows,
  type Actor,
} from "~/domain/team/authorization.server";
import { enqueueJob } from "~/jobs/queue.server";
import { RETENTION_MAX_MONTHS, RETENTION_MIN_MONTHS } from "./retention";

export const RETENTION_JOB = "retention.anonymise";
/** The daily run's time of day (UTC). */
export const RETENTION_HOUR_UTC = 8;

export class RetentionRangeError extends Error {
  name = "RetentionRangeError";
  status = 400;
}

/** The campaign's retention in months, for owners and organizers; `canChange` for the owner. */
export async function getRetention({ actor, campaignId }: { actor: Actor; campaignId: number }) {
  const role = await assertCampaignPermission({ actor, campaignId, permission: "retention.view" });
  const [row] = await db
    .select({ months: campaigns.retentionMonths })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId));
  return { months: row?.months ?? 6, canChange: roleAllows(role, "retention.manage"), role };
}

/** Owner only: sets the months (1–36) and audits the change. */
export async function setRetention({
  actor,
  campaignId,
  months,
}: {
  actor: Actor;
  campaignId: number;
  months: number;
}) {
  await assertCampaignPermission({ actor, campaignId, permission: "retention.manage" });
  if (!Number.isInteger(months) || months < RETENTION_MIN_MONTHS || months > RETENTION_MAX_MONTHS)
    throw new RetentionRangeError("retention");
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ months: campaigns.retentionMonths })
      .from(campaigns)
      .where(eq(campaigns.id, campaignId))
      .for("update");
    if (!before || before.months === months) return;
    await tx
      .update(campaigns)
      .set({ retentionMonths: months, updatedAt: new Date() })
      .where(eq(campaigns.id, campaignId));
    await recordAudit({
      campaignId,
      actorId: actor!.userId,
      action: "retention.changed",
      subjectType: "campaign",
      subjectId: campaignId,
      details: { from: before.months, to: months },
      tx,
    });
  });
  return { months };
}

/**
 * When a petition's retention clock starts: its close (closed_at) for a closed petition, or its
 * end date once that has passed. A petition still open — published with no end date, or one not yet
 * reached — has no start: it is not erased while it can still be signed.
 */
const retentionStart = (now: Date) => sql`(case
    when p.status = 'closed' then coalesce(p.closed_at, p.ends_at, p.updated_at)
    when p.status = 'published' and p.ends_at is not null and p.ends_at <= ${now.toISOString()}::timestamptz
      then p.ends_at
    else null end)`;

/**
 * Petitions whose window has run out and that were not erased since they closed, and erased ones
 * with a delivery that has since passed still holding RSVPs or a packet's list.
 */
export async function duePetitions({ now = new Date() }: { now?: Date } = {}) {
  const start = retentionStart(now);
  const at = sql`${now.toISOString()}::timestamptz`;
  const found = await rows<{ id: number }>(
    db,
    sql`select p.id from petitions p join campaigns c on c.id = p.campaign_id
        where ${start} is not null
          and ${start} + make_interval(months => c.retention_months) <= ${at}
          and (p.anonymised_at is null or p.anonymised_at < ${start}
            or exists (select 1 from delivery_events e where e.petition_id = p.id
              and e.starts_at <= ${at}
              and (exists (select 1 from rsvps r where r.event_id = e.id
                     and r.email_canonical not like 'erased:%')
                or exists (select 1 from packets k where k.event_id = e.id
                     and k.list_erased_at is null))))
        order by p.id`,
  );
  return found.map((r) => Number(r.id));
}

export type AnonymiseCounts = {
  signatures: number;
  rsvps: number;
  paperBatches: number;
  packets: number;
  emails: number;
  webhookBodies: number;
};

const count = async (tx: DbOrTx, query: ReturnType<typeof sql>) =>
  Number((await rows<{ n: number }>(tx, query))[0]?.n ?? 0);

/** Signatures erased per transaction: a national petition is not one minute-long transaction. */
const SIGNATURE_CHUNK = 5_000;

/**
 * Forgets the mail sent to the addresses of the preceding `addr` CTE: the captured copies go, and
 * outbox rows already sent or failed keep only their status (`m` counts them).
 */
const forgetMailToAddr = sql`captured as (
    delete from captured_emails where to_address in (select email from addr) returning 1
  ), m as (
    update outgoing_emails set to_address = '', subject = '', html = '', text = '',
      headers = '{}'::jsonb, attachments = '[]'::jsonb, last_error = null
    where to_address in (select email from addr) and status in ('sent', 'failed')
    returning 1
  )`;

/**
 * Erases up to SIGNATURE_CHUNK of a petition's signatures, and the copies of mail sent to their
 * addresses, in one transaction. Rows already erased are skipped, so the loop resumes where a
 * crash or a concurrent run left it.
 */
async function eraseSignatureChunk(petitionId: number, now: Date, chunkSize: number) {
  const [r] = await rows<{ n: number; m: number }>(
    db,
    sql`with chunk as (
          select id, email from signatures
          where petition_id = ${petitionId} and email_canonical not like 'erased:%'
          order by id limit ${chunkSize}
          for update
        ), addr as (
          select distinct email from chunk where email <> ''
        ), ${forgetMailToAddr}, u as (
          update signatures set first_name = '', last_name = '', email = '',
            email_canonical = 'erased:' || id::text, postal_code = '', comment = null,
            comment_hidden_at = null, show_publicly = false, print_name = false,
            keep_updated = false, confirm_token_hash = null, confirm_expires_at = null,
            invalidated_reason = case when invalidated_reason is null then null else '' end,
            unsubscribed_at = coalesce(unsubscribed_at, ${now.toISOString()}::timestamptz)
          where id in (select id from chunk)
          returning 1
        )
        select (select count(*) from u)::int as n, (select count(*) from m)::int as m`,
  );
  return { signatures: Number(r?.n ?? 0), emails: Number(r?.m ?? 0) };
}

/**
 * Erases one petition's personal fields: its signatures a chunk per transaction, then the rest
 * (RSVPs, paper sheets, packets, webhook bodies, the audit) in one. Idempotent: rows already
 * erased are not touched again, so a rerun changes nothing and reports zeros. Statuses,
 * verification times, cities and regions are left as they were, so the rollup triggers
 * (migration 0006) see no net change and every count stays right.
 */
export async function anonymisePetition({
  petitionId,
  now = new Date(),
  chunkSize = SIGNATURE_CHUNK,
}: {
  petitionId: number;
  now?: Date;
  /** Signatures per transaction. */
  chunkSize?: number;
}): Promise<AnonymiseCounts | null> {
  const chunks = { signatures: 0, emails: 0 };
  for (;;) {
    const done = await eraseSignatureChunk(petitionId, now, chunkSize);
    chunks.signatures += done.signatures;
    chunks.emails += done.emails;
    if (done.signatures < chunkSize) break;
  }
  return db.transaction(async (tx) => {
    const [p] = await rows<{ id: number; campaign_id: number; months: number }>(
      tx,
      sql`select p.id, p.campaign_id, c.retention_months as months from petitions p
          join campaigns c on c.id = p.campaign_id where p.id = ${petitionId} for update of p`,
    );
    if (!p) return null;
    // Only deliveries that have begun: an RSVP or a packet for a delivery still ahead is needed for it
    // (a later daily run erases them once it has passed; see duePetitions).
    const events = sql`(select id from delivery_events
      where petition_id = ${petitionId} and starts_at <= ${now.toISOString()}::timestamptz)`;
    // The addresses first: the copies of mail sent to them go with the rest (a message already
    // handed over cannot be taken back, but Handover keeps no copy of it).
    const emails = await count(
      tx,
      sql`with addr as (
            select email from signatures
              where petition_id = ${petitionId} and email_canonical not like 'erased:%' and email <> ''
            union
            select email from rsvps where event_id in ${events}
              and email_canonical not like 'erased:%' and email <> ''
          ), ${forgetMailToAddr}
          select (select count(*) from m)::int as n, (select count(*) from captured)::int as c`,
    );
    const signatures = await count(
      tx,
      sql`with u as (
            update signatures set first_name = '', last_name = '', email = '',
              email_canonical = 'erased:' || id::text, postal_code = '', comment = null,
              comment_hidden_at = null, show_publicly = false, print_name = false,
              keep_updated = false, confirm_token_hash = null, confirm_expires_at = null,
              invalidated_reason = case when invalidated_reason is null then null else '' end,
              unsubscribed_at = coalesce(unsubscribed_at, ${now.toISOString()}::timestamptz)
            where petition_id = ${petitionId} and email_canonical not like 'erased:%'
            returning 1)
          select count(*)::int as n from u`,
    );
    const rsvps = await count(
      tx,
      sql`with u as (
            update rsvps set name = '', email = '', email_canonical = 'erased:' || id::text,
              phone = '', share_contact = false, confirm_token_hash = null
            where event_id in ${events} and email_canonical not like 'erased:%'
            returning 1)
          select count(*)::int as n from u`,
    );
    const paperBatches = await count(
      tx,
      sql`with u as (
            update paper_signature_batches set names = '', postal_code = ''
            where petition_id = ${petitionId} and (names <> '' or postal_code <> '')
            returning 1)
          select count(*)::int as n from u`,
    );
    // Packets keep their fingerprint, counts and pages; the stored list and the PDFs (which print
    // the names of those who agreed) go, and /verify says so.
    const packets = await count(
      tx,
      sql`with target as (
            select id from packets where event_id in ${events}
              and (list_erased_at is null
                or exists (select 1 from packet_files f where f.packet_id = packets.id)
                or exists (select 1 from packet_list_parts l where l.packet_id = packets.id))
          ), parts as (
            delete from packet_list_parts where packet_id in (select id from target) returning 1
          ), files as (
            delete from packet_files where packet_id in (select id from target) returning 1
          ), u as (
            update packets set list_erased_at = coalesce(list_erased_at, ${now.toISOString()}::timestamptz)
            where id in (select id from target) returning 1
          )
          select (select count(*) from u)::int as n, (select count(*) from parts)::int as p,
                 (select count(*) from files)::int as f`,
    );
    const webhookBodies = await count(
      tx,
      sql`with u as (
            update webhook_deliveries set body = null
            where body is not null and status in ('delivered', 'failed')
              and ((subject->>'petitionId') = ${String(petitionId)}
                or (subject->>'eventId') in (select id::text from ${events} as e))
            returning 1)
          select count(*)::int as n from u`,
    );
    await tx.execute(
      sql`update petitions set anonymised_at = ${now.toISOString()}::timestamptz where id = ${petitionId}`,
    );
    const counts = {
      signatures: signatures + chunks.signatures,
      rsvps,
      paperBatches,
      packets,
      emails: emails + chunks.emails,
      webhookBodies,
    };
    // Counts only: the audit says that and how much, never whose.
    if (Object.values(counts).some((n) => n > 0))
      await recordAudit({
        campaignId: Number(p.campaign_id),
        actorId: null,
        action: "retention.anonymised",
        subjectType: "petition",
        subjectId: petitionId,
        details: { months: Number(p.months), ...counts },
        tx,
      });
    return counts;
  });
}

/** The daily pass: every due petition, one transaction each. Returns what was erased in total. */
export async function runRetention({
  now = new Date(),
  chunkSize,
}: { now?: Date; chunkSize?: number } = {}) {
  const total: AnonymiseCounts & { petitions: number } = {
    petitions: 0,
    signatures: 0,
    rsvps: 0,
    paperBatches: 0,
    packets: 0,
    emails: 0,
    webhookBodies: 0,
  };
  for (const petitionId of await duePetitions({ now })) {
    const counts = await anonymisePetition({ petitionId, now, chunkSize });
    if (!counts) continue;
    total.petitions++;
    for (const k of Object.keys(counts) as (keyof AnonymiseCounts)[]) total[k] += counts[k];
  }
  return total;
}

/** The next daily run after `from` (08:00 UTC today if still ahead, else tomorrow). */
export function nextRetentionRun(from = new Date()) {
  const next = new Date(
    Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate(), RETENTION_HOUR_UTC),
  );
  if (next <= from) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

/**
 * Queues the next daily run (one per day, by its date: a second boot or a rerun adds nothing).
 * Called at boot and by each run for the next day.
 */
export async function scheduleRetention({ from = new Date() }: { from?: Date } = {}) {
  const runAt = nextRetentionRun(from);
  return enqueueJob({
    kind: RETENTION_JOB,
    dedupeKey: `${RETENTION_JOB}:${runAt.toISOString().slice(0, 10)}`,
    runAt,
    priority: "bulk",
  });
}

/** At boot: queue the next run unless one is already waiting (a missed run still runs once). */
export async function ensureRetentionScheduled() {
  const [pending] = await rows<{ id: number }>(
    db,
    sql`select id from jobs where kind = ${RETENTION_JOB} and status in ('queued', 'running') limit 1`,
  );
  if (pending) return null;
  return scheduleRetention();
}

// "What do you hold about me" (/p/<slug>/my-data). The request only counts limits and queues a job,
// whatever the address: the page answers the same, in the same time, whether or not anything is
// held. The job looks the address up and, when something is held, emails the report to that address
// only (docs/decisions/028-retention.md). Nothing is logged; the job's payload (the address) is
// cleared when it is done, and the dedupe keys hold a hash under the day's key that is deleted the
// day after (client-hash.server.ts).
import { and, eq, inArray, sql } from "drizzle-orm";
import { db, rows } from "#db/client";
import { jobs, petitions, petitionTexts } from "#db/schema";
import { VISIBLE_STATES, type Locale } from "#db/schema/states";
import reportEmail, {
  type DataReportRsvp,
  type DataReportSignature,
} from "#emails/signer-data-report";
import { signatureRemovalUrl } from "#emails/layout";
import { formatLongDate } from "~/lib/intl-format";
import { formatInZone } from "~/lib/zoned-time";
import { clientHash } from "~/domain/limits/client-hash.server";
import { takeClientLimit } from "~/domain/limits/rate-limit.server";
import { enqueueEmail } from "~/domain/mail/email.server";
import { enqueueJob } from "~/jobs/queue.server";
import { pickText } from "~/domain/petitions/petition.server";
import { dataRequestSchema } from "./retention";
import { canonicalEmail } from "~/domain/signing/canonical-email";
import { petitionUrl, unsubscribeUrl } from "~/domain/signing/signer-links.server";
import { normalizeEmail } from "~/domain/team/user.server";

export const DATA_REPORT_JOB = "signer.data-report";
/** Requests per client per hour, and per address per hour. */
export const DATA_REQUEST_CLIENT_LIMIT = 10;
export const DATA_REQUEST_ADDRESS_LIMIT = 3;

export type DataRequestOutcome = { status: "accepted" | "limited" | "not_found" };

const hourBucket = (now = new Date()) => now.toISOString().slice(0, 13);

/**
 * Counts the request against the client's and the address's limits and queues the lookup. The
 * address's limit is silent (the same "check your email"), so it tells nothing about the address.
 */
export async function requestSignerData({
  slug,
  email,
  ip,
  locale,
}: {
  slug: string;
  email: string;
  ip: string;
  locale: Locale;
}): Promise<DataRequestOutcome> {
  const parsed = dataRequestSchema.safeParse({ email });
  const [petition] = await db
    .select({ id: petitions.id })
    .from(petitions)
    .where(and(eq(petitions.slug, slug), inArray(petitions.status, [...VISIBLE_STATES])));
  if (!petition) return { status: "not_found" };
  const clientOk = await takeClientLimit({
    purpose: "data-request",
    ip,
    limit: DATA_REQUEST_CLIENT_LIMIT,
    windowMinutes: 60,
  });
  if (!clientOk) return { status: "limited" };
  if (!parsed.success) return { status: "accepted" }; // the route validates first; never a 500
  const address = parsed.data.email;
  const canonical = canonicalEmail(address);
  const addressOk = await takeClientLimit({
    purpose: "data-request-address",
    ip: canonical,
    limit: DATA_REQUEST_ADDRESS_LIMIT,
    windowMinutes: 60,
  });
  if (!addressOk) return { status: "accepted" };
  const key = await clientHash(`data-report:${canonical}`);
  await enqueueJob({
    kind: DATA_REPORT_JOB,
    payload: { email: address, locale },
    dedupeKey: `${DATA_REPORT_JOB}:${key}:${hourBucket()}`,
  });
  return { status: "accepted" };
}

/** What Handover holds under an address (canonical match, as the sign path deduplicates). */
export async function collectSignerData({ email, locale }: { email: string; locale: Locale }) {
  const canonical = canonicalEmail(email);
  const sigRows = await rows<{
    id: number;
    petition_id: number;
    slug: string;
    default_locale: Locale;
    retention_months: number;
    status: DataReportSignature["status"];
    first_name: string;
    last_name: string;
    city: string;
    region: string;
    postal_code: string;
    country: string;
    comment: string | null;
    show_publicly: boolean;
    show_in_recent: boolean;
    print_name: boolean;
    keep_updated: boolean;
    unsubscribed_at: Date | string | null;
    created_at: Date | string;
  }>(
    db,
    // One index probe per petition on (petition_id, email_canonical): no scan of all signatures.
    sql`select s.id, s.petition_id, p.slug, p.default_locale, c.retention_months, s.status,
          s.first_name, s.last_name, s.city, s.region, s.postal_code, s.country, s.comment,
          s.show_publicly, s.show_in_recent, s.print_name, s.keep_updated, s.unsubscribed_at,
          s.created_at
        from petitions p
        join campaigns c on c.id = p.campaign_id
        cross join lateral (
          select * from signatures s
          where s.petition_id = p.id and s.email_canonical = ${canonical}
        ) s
        order by s.created_at`,
  );
  const rsvpRows = await rows<{
    name: string;
    phone: string;
    share_contact: boolean;
    status: DataReportRsvp["status"];
    starts_at: Date | string;
    time_zone: string;
    office_name: string;
    office_city: string;
  }>(
    db,
    sql`select r.name, r.phone, r.share_contact, r.status, e.starts_at, e.time_zone,
          o.name as office_name, o.city as office_city
        from delivery_events e
        join offices o on o.id = e.office_id
        cross join lateral (
          select * from rsvps r where r.event_id = e.id and r.email_canonical = ${normalizeEmail(email)}
        ) r
        order by e.starts_at`,
  );
  const petitionIds = [...new Set(sigRows.map((r) => Number(r.petition_id)))];
  const texts =
    petitionIds.length === 0
      ? []
      : await db.select().from(petitionTexts).where(inArray(petitionTexts.petitionId, petitionIds));
  const signatures: DataReportSignature[] = sigRows.map((s) => {
    const text = pickText(
      texts.filter((t) => t.petitionId === Number(s.petition_id)),
      locale,
      s.default_locale,
    );
    return {
      petitionTitle: text?.title ?? s.slug,
      petitionUrl: petitionUrl(s.slug, locale),
      status: s.status,
      signedOn: formatLongDate(s.created_at, locale),
      firstName: s.first_name,
      lastName: s.last_name,
      city: s.city,
      region: s.region,
      postalCode: s.postal_code,
      country: s.country,
      comment: s.comment,
      showPublicly: s.show_publicly,
      showInRecent: s.show_in_recent,
      printName: s.print_name,
      keepUpdated: s.keep_updated,
      unsubscribed: !!s.unsubscribed_at,
      retentionMonths: Number(s.retention_months),
      removeUrl: signatureRemovalUrl(unsubscribeUrl(Number(s.id)))!,
    };
  });
  const rsvpList: DataReportRsvp[] = rsvpRows.map((r) => ({
    officeName: r.office_name,
    city: r.office_city,
    when: formatInZone(new Date(r.starts_at), r.time_zone, locale),
    name: r.name,
    phone: r.phone,
    shareContact: r.share_contact,
    status: r.status,
  }));
  return { signatures, rsvps: rsvpList };
}

/**
 * Job: looks the address up and, if anything is held, queues the report to that address (one per
 * address per hour: the outbox's dedupe key). Then clears the job's payload, so the address is not
 * kept in the job table.
 */
export async function sendSignerDataReport({
  jobId,
  payload,
}: {
  jobId?: number;
  payload: Record<string, unknown>;
}) {
  const parsed = dataRequestSchema.safeParse({ email: payload.email });
  const locale: Locale = payload.locale === "es" ? "es" : "en";
  if (parsed.success) {
    const email = parsed.data.email;
    const held = await collectSignerData({ email, locale });
    if (held.signatures.length > 0 || held.rsvps.length > 0) {
      const key = await clientHash(`data-report:${canonicalEmail(email)}`);
      await enqueueEmail({
        template: reportEmail,
        to: email,
        locale,
        dedupeKey: `signer-data-report:${key}:${hourBucket()}`,
        props: { email, ...held },
      });
    }
  }
  if (jobId !== undefined) await db.update(jobs).set({ payload: {} }).where(eq(jobs.id, jobId));
}

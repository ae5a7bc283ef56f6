// Telling signers their petition was delivered, and later how the offices answered. The rule, for
// every email to a signer about deliveries (other features call signerDayMailKey to follow it):
// at most ONE email per delivery day, sent when the day's deliveries are all done (or at the day's
// deadline), telling where and when the signer's own city's delivery happened first, then the
// others one line each; office answers that come later are gathered into ONE follow-up at most.
// The outbox's unique dedupeKey enforces "at most one", whatever happens to the jobs.
import { and, asc, eq, gt } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import {
  acknowledgements,
  campaigns,
  deliveryEvents,
  deliveryReports,
  offices,
  petitions,
  signatures,
  users,
  type DeliveryEvent,
} from "#db/schema";
import { DONE_EVENT_STATES, type Locale } from "#db/schema/states";
import { roleAllows } from "~/domain/team/authorization.server";
import deliveryReported from "#emails/delivery-reported";
import signerDeliveryUpdate, {
  type DeliveryLine,
  type ResponseLine,
} from "#emails/signer-delivery-update";
import { env } from "~/lib/env.server";
import { enqueueEmail } from "~/domain/mail/email.server";
import { enqueueJob } from "~/jobs/queue.server";
import { isLocal } from "~/domain/packets/packet-routing.server";
import { eventTeamRecipients, teamEventUrl } from "./event-team.server";
import { unsubscribeUrl as signatureUnsubscribeUrl } from "~/domain/signing/signer-links.server";
import { petitionTitles } from "~/domain/petitions/petition-titles.server";
import { optedInSigners } from "~/domain/petitions/signer-audience.server";

export const NOTIFY_BATCH_SIZE = 250;
export type NotifyPhase = "delivered" | "acknowledged";
/** Office answers recorded within this time after the first one go out together. */
export const FOLLOW_UP_DELAY_HOURS = 24;
/** The day email goes out at the latest this long after the day's last event was due to end. */
export const DAY_DEADLINE_HOURS = 3;

const DELIVERED: readonly string[] = DONE_EVENT_STATES;
const FINISHED: readonly string[] = [...DONE_EVENT_STATES, "cancelled"];

/** A delivery day's key: its day id, or the event itself when it belongs to no day. */
export const deliveryDayKey = (event: Pick<DeliveryEvent, "id" | "deliveryDayId">) =>
  event.deliveryDayId ? `day:${event.deliveryDayId}` : `event:${event.id}`;

/**
 * The outbox dedupeKey every email to a signer about a delivery day must use: "day" for the one
 * email of the day, "follow-up" for the one gathered follow-up. A second email with the same key is
 * never queued, so a feature that uses it cannot send a signer more than the rule allows.
 */
export const signerDayMailKey = ({
  dayKey,
  signatureId,
  kind,
}: {
  dayKey: string;
  signatureId: number;
  kind: "day" | "follow-up";
}) => `signer-delivery-update:${dayKey}:signature:${signatureId}:${kind}`;

/**
 * Queues the one gathered follow-up for the day of `eventId` (office answers recorded so far and
 * within FOLLOW_UP_DELAY_HOURS). Idempotent: one job per day. Other features (e.g. a decision
 * maker's written response) call this instead of emailing signers themselves.
 */
export async function scheduleSignerFollowUp({
  eventId,
  tx = db,
}: {
  eventId: number;
  tx?: DbOrTx;
}) {
  const [event] = await tx.select().from(deliveryEvents).where(eq(deliveryEvents.id, eventId));
  if (!event) return null;
  return enqueueJob({
    kind: "notify-signers",
    payload: { eventId, phase: "acknowledged", gathered: true },
    dedupeKey: `notify-signers:${deliveryDayKey(event)}:follow-up`,
    runAt: new Date(Date.now() + FOLLOW_UP_DELAY_HOURS * 3600_000),
    priority: "bulk",
    tx,
  });
}

async function dayContext(eventId: number) {
  const [row] = await db
    .select({ event: deliveryEvents, petitionSlug: petitions.slug })
    .from(deliveryEvents)
    .innerJoin(petitions, eq(petitions.id, deliveryEvents.petitionId))
    .where(eq(deliveryEvents.id, eventId));
  if (!row) return null;
  const events = await db
    .select({
      event: deliveryEvents,
      office: offices,
      report: deliveryReports,
      ack: acknowledgements,
    })
    .from(deliveryEvents)
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .leftJoin(deliveryReports, eq(deliveryReports.eventId, deliveryEvents.id))
    .leftJoin(acknowledgements, eq(acknowledgements.eventId, deliveryEvents.id))
    .where(
      row.event.deliveryDayId
        ? and(
            eq(deliveryEvents.deliveryDayId, row.event.deliveryDayId),
            eq(deliveryEvents.petitionId, row.event.petitionId),
          )
        : eq(deliveryEvents.id, eventId),
    )
    .orderBy(asc(deliveryEvents.startsAt), asc(deliveryEvents.id));
  return {
    ...row,
    dayKey: deliveryDayKey(row.event),
    events,
    titles: await petitionTitles({ petitionId: row.event.petitionId }),
  };
}

/**
 * Queues one batch of the day's signer emails (signatures with id > afterId) and chains the next
 * batch as its own job. For "delivered": nothing until every event of the day is finished, unless
 * `force` (the day's deadline job). For "acknowledged": an ungathered call only schedules the
 * gathered follow-up; the gathered run sends it. Returns how many emails this batch newly queued.
 */
export async function notifySignersBatch({
  eventId,
  phase,
  afterId = 0,
  batchSize = NOTIFY_BATCH_SIZE,
  force = false,
  gathered = false,
}: {
  eventId: number;
  phase: NotifyPhase;
  afterId?: number;
  batchSize?: number;
  force?: boolean;
  gathered?: boolean;
}) {
  const none = { queued: 0, next: null as number | null };
  if (phase === "acknowledged" && !gathered) {
    await scheduleSignerFollowUp({ eventId });
    return none;
  }
  const ctx = await dayContext(eventId);
  if (!ctx) return none;
  const delivered = ctx.events.filter((e) => DELIVERED.includes(e.event.status));
  // A rerun after the event was, say, reverted must not announce a delivery that isn't one.
  if (delivered.length === 0) return none;
  if (phase === "delivered" && afterId === 0 && !force) {
    if (!ctx.events.every((e) => FINISHED.includes(e.event.status))) {
      // Not all done: make sure the day still goes out at its deadline, then wait.
      const lastEnd = Math.max(...ctx.events.map((e) => e.event.endsAt.getTime()));
      await enqueueJob({
        kind: "notify-signers",
        payload: { eventId, phase: "delivered", force: true },
        dedupeKey: `notify-signers:${ctx.dayKey}:deadline`,
        runAt: new Date(Math.max(Date.now(), lastEnd + DAY_DEADLINE_HOURS * 3600_000)),
        priority: "bulk",
      });
      return none;
    }
  }
  const responses = ctx.events.filter((e) => e.ack);
  if (phase === "acknowledged" && responses.length === 0) return none;

  const batch = await db
    .select({
      id: signatures.id,
      firstName: signatures.firstName,
      email: signatures.email,
      locale: signatures.locale,
      // Only to pick the signer's own office; never put in the email.
      region: signatures.region,
      postalCode: signatures.postalCode,
    })
    .from(signatures)
    .where(
      and(optedInSigners(ctx.event.petitionId), gt(signatures.id, afterId)),
    )
    .orderBy(asc(signatures.id))
    .limit(batchSize);

  const line = (e: (typeof ctx.events)[number]): DeliveryLine => ({
    officeName: e.office.name,
    decisionMaker: e.office.decisionMaker,
    city: e.office.city,
    deliveredAt: (e.report?.deliveredAt ?? e.event.deliveredAt ?? new Date()).toISOString(),
    timeZone: e.event.timeZone,
    attendees: e.report?.attendeesCount ?? null,
    signatures: e.report?.signaturesHandedOver ?? null,
  });
  const responseLines: ResponseLine[] = responses.map((e) => ({
    officeName: e.office.name,
    city: e.office.city,
    kind: e.ack!.kind,
    note: e.ack!.note,
  }));
  const appUrl = env().APP_URL;
  let queued = 0;
  await db.transaction(async (tx) => {
    for (const s of batch) {
      const locale = s.locale as Locale;
      const unsubscribeUrl = signatureUnsubscribeUrl(s.id);
      // The signer's own office first; a day with one delivery leads with it whoever they are.
      const own =
        delivered.find((e) => isLocal(e.office, s)) ??
        (delivered.length === 1 ? delivered[0]! : null);
      const created = await enqueueEmail({
        template: signerDeliveryUpdate,
        props: {
          firstName: s.firstName,
          petitionTitle: ctx.titles.get(locale) ?? ctx.titles.values().next().value ?? "",
          kind: phase === "delivered" ? ("day" as const) : ("follow-up" as const),
          own: own ? line(own) : null,
          others: delivered.filter((e) => e !== own).map(line),
          // The day email already tells any answers known by then; later ones go in the follow-up.
          responses: responseLines,
          petitionUrl: `${appUrl}/p/${ctx.petitionSlug}?lang=${locale}`,
          unsubscribeUrl,
        },
        to: s.email,
        locale,
        dedupeKey: signerDayMailKey({
          dayKey: ctx.dayKey,
          signatureId: s.id,
          kind: phase === "delivered" ? "day" : "follow-up",
        }),
        unsubscribeUrl,
        priority: "bulk",
        tx,
      });
      if (created) queued++;
    }
    const last = batch[batch.length - 1];
    if (batch.length === batchSize && last) {
      await enqueueJob({
        kind: "notify-signers",
        payload: { eventId, phase, afterId: last.id, force: true, gathered },
        dedupeKey: `notify-signers:${ctx.dayKey}:${phase}:after:${last.id}`,
        priority: "bulk",
        tx,
      });
    }
  });
  return { queued, next: batch.length === batchSize ? batch[batch.length - 1]!.id : null };
}

async function eventContext(eventId: number) {
  const [row] = await db
    .select({
      event: deliveryEvents,
      office: offices,
      report: deliveryReports,
    })
    .from(deliveryEvents)
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .leftJoin(deliveryReports, eq(deliveryReports.eventId, deliveryEvents.id))
    .where(eq(deliveryEvents.id, eventId));
  return row ?? null;
}

/** The team's heads-up when a coordinator reports: owners, organizers and the event's coordinators. */
export async function notifyTeamOfDelivery({ eventId }: { eventId: number }) {
  const ctx = await eventContext(eventId);
  if (!ctx || !ctx.report) return 0;
  const { event, office, report } = ctx;
  const recipients = await eventTeamRecipients({ eventId, campaignId: event.campaignId });
  const [reporter] = report.reportedBy
    ? await db.select({ name: users.name }).from(users).where(eq(users.id, report.reportedBy))
    : [];
  const [campaign] = await db
    .select({ slug: campaigns.slug })
    .from(campaigns)
    .where(eq(campaigns.id, event.campaignId));
  const slug = campaign?.slug ?? "";
  let queued = 0;
  for (const member of recipients) {
    const ok = await enqueueEmail({
      template: deliveryReported,
      props: {
        officeName: office.name,
        city: office.city,
        deliveredAt: report.deliveredAt.toISOString(),
        timeZone: event.timeZone,
        receivedBy: [report.receivedByName, report.receivedByTitle].filter(Boolean).join(", "),
        signatures: report.signaturesHandedOver,
        attendees: report.attendeesCount,
        howItWent: report.howItWent,
        reportedBy: reporter?.name ?? "",
        eventUrl: teamEventUrl({ campaignSlug: slug, eventId, locale: member.locale }),
      },
      to: member.email,
      locale: member.locale,
      dedupeKey: `delivery-reported:event:${eventId}:user:${member.id}`,
    });
    if (ok) queued++;
  }
  return queued;
}

// Telling signers their petition was delivered, and later how the office answered. One email per
// signer per event per phase, whatever happens to the job: the outbox's unique dedupeKey decides.
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { db } from "#db/client";
import {
  acknowledgements,
  campaignMembers,
  campaigns,
  deliveryEvents,
  deliveryReports,
  eventCoordinators,
  offices,
  petitions,
  petitionTexts,
  signatures,
  users,
} from "#db/schema";
import type { Locale } from "#db/schema/states";
import deliveryReported from "#emails/delivery-reported";
import signerDeliveryUpdate from "#emails/signer-delivery-update";
import { env } from "~/utils/env.server";
import { enqueueEmail } from "./email.server";
import { enqueueJob } from "./job.server";
import { unsubscribeUrl as signatureUnsubscribeUrl } from "./signature.server";

export const NOTIFY_BATCH_SIZE = 250;
export type NotifyPhase = "delivered" | "acknowledged";

// Unsubscribe links are the signer feature's own (`/unsubscribe/s<id>.<HMAC>`, see
// signature.server.ts), so the one route that honours them also honours these emails.
export const signerUpdateDedupeKey = (eventId: number, signatureId: number, phase: NotifyPhase) =>
  phase === "delivered"
    ? `signer-delivery-update:event:${eventId}:signature:${signatureId}`
    : `signer-delivery-update:event:${eventId}:signature:${signatureId}:acknowledged`;

async function eventContext(eventId: number) {
  const [row] = await db
    .select({
      event: deliveryEvents,
      office: offices,
      report: deliveryReports,
      ack: acknowledgements,
      petitionSlug: petitions.slug,
    })
    .from(deliveryEvents)
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .innerJoin(petitions, eq(petitions.id, deliveryEvents.petitionId))
    .leftJoin(deliveryReports, eq(deliveryReports.eventId, deliveryEvents.id))
    .leftJoin(acknowledgements, eq(acknowledgements.eventId, deliveryEvents.id))
    .where(eq(deliveryEvents.id, eventId));
  if (!row) return null;
  const texts = await db
    .select({ locale: petitionTexts.locale, title: petitionTexts.title })
    .from(petitionTexts)
    .where(eq(petitionTexts.petitionId, row.event.petitionId));
  return { ...row, titles: new Map(texts.map((t) => [t.locale, t.title])) };
}

/**
 * Queues one batch of updates (signatures with id > afterId) and chains the next batch as its own
 * job. Returns how many emails this batch newly queued.
 */
export async function notifySignersBatch({
  eventId,
  phase,
  afterId = 0,
  batchSize = NOTIFY_BATCH_SIZE,
}: {
  eventId: number;
  phase: NotifyPhase;
  afterId?: number;
  batchSize?: number;
}) {
  const ctx = await eventContext(eventId);
  if (!ctx) return { queued: 0, next: null };
  const { event, office, report, ack } = ctx;
  // A rerun after the event was, say, reverted must not announce a delivery that isn't one.
  const okStates = phase === "delivered" ? ["delivered", "acknowledged"] : ["acknowledged"];
  if (!okStates.includes(event.status)) return { queued: 0, next: null };

  const batch = await db
    .select({
      id: signatures.id,
      firstName: signatures.firstName,
      email: signatures.email,
      locale: signatures.locale,
    })
    .from(signatures)
    .where(
      and(
        eq(signatures.petitionId, event.petitionId),
        eq(signatures.status, "verified"),
        eq(signatures.keepUpdated, true),
        isNull(signatures.unsubscribedAt),
        gt(signatures.id, afterId),
      ),
    )
    .orderBy(asc(signatures.id))
    .limit(batchSize);

  const appUrl = env().APP_URL;
  let queued = 0;
  await db.transaction(async (tx) => {
    for (const s of batch) {
      const locale = s.locale as Locale;
      const unsubscribeUrl = signatureUnsubscribeUrl(s.id);
      const created = await enqueueEmail({
        template: signerDeliveryUpdate,
        props: {
          firstName: s.firstName,
          petitionTitle: ctx.titles.get(locale) ?? ctx.titles.values().next().value ?? "",
          officeName: office.name,
          decisionMaker: office.decisionMaker,
          city: office.city,
          deliveredAt: (report?.deliveredAt ?? event.deliveredAt ?? new Date()).toISOString(),
          timeZone: event.timeZone,
          attendees: report?.attendeesCount ?? null,
          signatures: report?.signaturesHandedOver ?? null,
          phase,
          acknowledgement: phase === "acknowledged" ? (ack?.kind ?? "other") : null,
          acknowledgementNote: phase === "acknowledged" ? (ack?.note ?? "") : "",
          petitionUrl: `${appUrl}/p/${ctx.petitionSlug}?lang=${locale}`,
          unsubscribeUrl,
        },
        to: s.email,
        locale,
        dedupeKey: signerUpdateDedupeKey(eventId, s.id, phase),
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
        payload: { eventId, phase, afterId: last.id },
        dedupeKey: `notify-signers:event:${eventId}:${phase}:after:${last.id}`,
        priority: "bulk",
        tx,
      });
    }
  });
  return { queued, next: batch.length === batchSize ? batch[batch.length - 1]!.id : null };
}

/** The team's heads-up when a coordinator reports: owners, organizers and the event's coordinators. */
export async function notifyTeamOfDelivery({ eventId }: { eventId: number }) {
  const ctx = await eventContext(eventId);
  if (!ctx || !ctx.report) return 0;
  const { event, office, report } = ctx;
  const coordinatorIds = (
    await db
      .select({ userId: eventCoordinators.userId })
      .from(eventCoordinators)
      .where(eq(eventCoordinators.eventId, eventId))
  ).map((r) => r.userId);
  const team = await db
    .select({ id: users.id, email: users.email, locale: users.locale, role: campaignMembers.role })
    .from(campaignMembers)
    .innerJoin(users, eq(users.id, campaignMembers.userId))
    .where(eq(campaignMembers.campaignId, event.campaignId));
  const recipients = team.filter(
    (m) => m.role === "owner" || m.role === "organizer" || coordinatorIds.includes(m.id),
  );
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
        eventUrl: `${env().APP_URL}/dashboard/c/${slug}/deliveries/events/${eventId}`,
      },
      to: member.email,
      locale: member.locale,
      dedupeKey: `delivery-reported:event:${eventId}:user:${member.id}`,
    });
    if (ok) queued++;
  }
  return queued;
}

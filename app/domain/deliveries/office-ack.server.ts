// The office's acknowledgement of a packet sent by email: its one-time link moves the event to
// acknowledged "by the office", records its response, and tells the team. See ADR 024.
import { eq } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import {
  acknowledgements,
  campaigns,
  decisionMakerResponses,
  deliveryEvents,
  eventStatusChanges,
  officeDeliveries,
  offices,
  packets,
  petitions,
} from "#db/schema";
import type { Locale } from "#db/schema/states";
import officeAcknowledged from "#emails/organizer-office-acknowledged";
import { sha256 } from "~/lib/crypto.server";
import { withoutInvisibleControls } from "~/lib/text";
import { canTransition } from "./delivery-event";
import { eventTeamRecipients, teamEventUrl } from "./event-team.server";
import { enqueueEmail } from "~/domain/mail/email.server";
import { enqueueJob } from "~/jobs/queue.server";
import type { OfficeAckInput } from "~/domain/offices/office-forms";
import { forgetPetitionNews } from "~/domain/petitions/petition-news.server";
import { petitionTitles } from "~/domain/petitions/petition-titles.server";

/** The delivery an acknowledgement token opens, or null (unknown). Expired/used links say so. */
async function deliveryByAckToken(token: string, tx: DbOrTx = db) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await tx
    .select({
      delivery: officeDeliveries,
      event: deliveryEvents,
      office: offices,
      petitionSlug: petitions.slug,
      petitionId: petitions.id,
      petitionDefault: petitions.defaultLocale,
    })
    .from(officeDeliveries)
    .innerJoin(deliveryEvents, eq(deliveryEvents.id, officeDeliveries.eventId))
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .innerJoin(petitions, eq(petitions.id, deliveryEvents.petitionId))
    .where(eq(officeDeliveries.ackTokenHash, sha256(token)));
  return row ?? null;
}

export type AckLinkState = "open" | "used" | "expired" | "unknown";

/**
 * What the office's page shows: the petition, the office, the count the packet carried and when it
 * was sent — nothing about signers beyond what the packet shows.
 */
export async function describeAcknowledgement({
  token,
  locale,
  now = new Date(),
}: {
  token: string;
  /** The page's language, or a function choosing it from the language the office was written in. */
  locale: Locale | ((officeLocale: Locale) => Locale);
  now?: Date;
}) {
  const row = await deliveryByAckToken(token);
  if (!row)
    return {
      state: "unknown" as const,
      locale: typeof locale === "function" ? locale("en") : locale,
    };
  if (typeof locale === "function") locale = locale(row.delivery.locale);
  const { delivery, event, office } = row;
  const state: Exclude<AckLinkState, "unknown"> = delivery.ackUsedAt
    ? "used"
    : delivery.ackExpiresAt <= now
      ? "expired"
      : "open";
  const titles = await petitionTitles({ petitionId: row.petitionId });
  const title = titles.get(locale) ?? titles.get(row.petitionDefault) ?? "";
  const [packet] = await db
    .select({ signatureCount: packets.signatureCount, paperCount: packets.paperCount })
    .from(packets)
    .where(eq(packets.id, delivery.packetId));
  return {
    state,
    locale,
    officeLocale: delivery.locale,
    petitionTitle: title,
    petitionSlug: row.petitionSlug,
    officeName: office.name,
    city: office.city,
    total: (packet?.signatureCount ?? 0) + (packet?.paperCount ?? 0),
    packetId: delivery.packetId,
    sentAt: delivery.sentAt.toISOString(),
    timeZone: event.timeZone,
    ackUsedAt: delivery.ackUsedAt?.toISOString() ?? null,
  };
}

export class AckLinkError extends Error {
  name = "AckLinkError";
  status = 410;
  constructor(public state: Exclude<AckLinkState, "open">) {
    super(`Acknowledgement link ${state}`);
  }
}

/**
 * The office confirms receipt (POST from its page). Once only: the link's row is locked and
 * stamped used in the same transaction that moves the event to acknowledged "by the office",
 * records the acknowledgement and the response, and queues the team's email. Signers who opted in
 * hear about it through the acknowledged-phase delivery update, which carries the response.
 */
export async function acknowledgeAsOffice({
  token,
  input,
  now = new Date(),
}: {
  token: string;
  input: OfficeAckInput;
  now?: Date;
}) {
  const done = await db.transaction(async (tx) => {
    const found = await deliveryByAckToken(token, tx);
    if (!found) throw new AckLinkError("unknown");
    const [delivery] = await tx
      .select()
      .from(officeDeliveries)
      .where(eq(officeDeliveries.id, found.delivery.id))
      .for("update");
    if (!delivery || delivery.ackUsedAt) throw new AckLinkError("used");
    if (delivery.ackExpiresAt <= now) throw new AckLinkError("expired");
    const [event] = await tx
      .select()
      .from(deliveryEvents)
      .where(eq(deliveryEvents.id, delivery.eventId))
      .for("update");
    if (!event || !canTransition(event.status, "acknowledged")) throw new AckLinkError("used");

    const response = input.response.trim();
    const by = [input.name, input.title].filter(Boolean).join(", ");
    await tx
      .update(deliveryEvents)
      .set({
        status: "acknowledged",
        acknowledgedAt: now,
        acknowledgedByOffice: true,
        updatedAt: now,
      })
      .where(eq(deliveryEvents.id, event.id));
    await tx.insert(eventStatusChanges).values({
      eventId: event.id,
      fromStatus: event.status,
      toStatus: "acknowledged",
      actorId: null,
      byOffice: true,
      note: by ? `Acknowledged by the office (${by})` : "Acknowledged by the office",
      createdAt: now,
    });
    await tx
      .insert(acknowledgements)
      .values({ eventId: event.id, kind: "other", note: response, acknowledgedAt: now })
      .onConflictDoNothing();
    await tx
      .update(officeDeliveries)
      .set({ ackUsedAt: now, ackName: input.name, ackTitle: input.title })
      .where(eq(officeDeliveries.id, delivery.id));
    if (response) {
      await tx.insert(decisionMakerResponses).values({
        petitionId: event.petitionId,
        eventId: event.id,
        officeId: event.officeId,
        source: "office",
        authorName: input.name || found.office.decisionMaker,
        authorTitle: input.name ? input.title : found.office.decisionMakerTitle,
        body: response,
        respondedAt: now,
        // The acknowledged-phase update below carries the response: one email, not two.
        signersNotifiedAt: now,
      });
    }
    // Same job and key as a team member's acknowledgement, so it can never run twice.
    await enqueueJob({
      kind: "notify-signers",
      payload: { eventId: event.id, phase: "acknowledged" },
      dedupeKey: `notify-signers:event:${event.id}:acknowledged`,
      priority: "bulk",
      tx,
    });
    await enqueueJob({
      kind: "office-acknowledged",
      payload: { eventId: event.id },
      dedupeKey: `office-acknowledged:event:${event.id}`,
      tx,
    });
    return { eventId: event.id, petitionId: event.petitionId };
  });
  forgetPetitionNews(done.petitionId);
  return done;
}

/** The team's email when the office acknowledged: owners, organizers and the event's coordinators. */
export async function notifyTeamOfOfficeAck({ eventId }: { eventId: number }) {
  const [row] = await db
    .select({
      event: deliveryEvents,
      office: offices,
      delivery: officeDeliveries,
      ack: acknowledgements,
      campaignSlug: campaigns.slug,
    })
    .from(deliveryEvents)
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .innerJoin(campaigns, eq(campaigns.id, deliveryEvents.campaignId))
    .innerJoin(officeDeliveries, eq(officeDeliveries.eventId, deliveryEvents.id))
    .leftJoin(acknowledgements, eq(acknowledgements.eventId, deliveryEvents.id))
    .where(eq(deliveryEvents.id, eventId));
  if (!row || !row.event.acknowledgedByOffice) return 0;
  let queued = 0;
  for (const member of await eventTeamRecipients({ eventId, campaignId: row.event.campaignId })) {
    const ok = await enqueueEmail({
      template: officeAcknowledged,
      props: {
        officeName: row.office.name,
        city: row.office.city,
        by: withoutInvisibleControls(
          [row.delivery.ackName, row.delivery.ackTitle].filter(Boolean).join(", "),
        ),
        response: row.ack?.note ?? "",
        eventUrl: teamEventUrl({ campaignSlug: row.campaignSlug, eventId, locale: member.locale }),
      },
      to: member.email,
      locale: member.locale,
      dedupeKey: `organizer-office-acknowledged:event:${eventId}:user:${member.id}`,
    });
    if (ok) queued++;
  }
  return queued;
}

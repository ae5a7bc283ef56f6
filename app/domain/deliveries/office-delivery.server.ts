// Delivering an event's packet to the office by email, and the office's own acknowledgement.
// Sending moves the event to delivered (channel "email"); the office's one-time link moves it to
// acknowledged "by the office", records its response, and tells the team. See ADR 024.
import { and, asc, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import {
  acknowledgements,
  campaignMembers,
  campaigns,
  decisionMakerResponses,
  deliveryEvents,
  eventCoordinators,
  eventStatusChanges,
  officeDeliveries,
  offices,
  packetFiles,
  packets,
  petitions,
  petitionTexts,
  users,
} from "#db/schema";
import type { Locale } from "#db/schema/states";
import officeAcknowledged from "#emails/organizer-office-acknowledged";
import officePacketDelivery from "#emails/office-packet-delivery";
import { randomToken, sha256 } from "~/lib/crypto.server";
import { env } from "~/lib/env.server";
import type { MailAttachment } from "~/lib/mailer.server";
import { withoutInvisibleControls } from "~/lib/text";
import { assertEventPermission, roleAllows, type Actor } from "~/domain/team/authorization.server";
import { canTransition } from "./delivery-event";
import { IllegalTransitionError, moveEventStatus } from "./delivery-event.server";
import { enqueueEmail } from "~/domain/mail/email.server";
import { enqueueJob } from "~/jobs/queue.server";
import type { OfficeAckInput, SendByEmailInput } from "~/domain/offices/office-forms";
import { verifyUrl } from "~/domain/packets/packet.server";
import { forgetPetitionNews } from "~/domain/petitions/petition-news.server";
import { formatLongDate } from "~/lib/intl-format";

/** How long the office's acknowledgement link and the packet download link work. */
export const OFFICE_LINK_DAYS = 30;
/** Packets up to this size travel as attachments too; bigger ones only as the expiring link. */
export const MAX_ATTACHMENT_BYTES = 4 * 1024 * 1024;

export class NoReadyPacketError extends Error {
  name = "NoReadyPacketError";
  status = 409;
  constructor() {
    super("This event has no ready packet to send.");
  }
}

const ackUrl = (token: string) => `${env().APP_URL}/office/ack/${token}`;
const packetUrl = (token: string, volume: number) =>
  `${env().APP_URL}/office/packet/${token}/${volume}.pdf`;

const longDate = (d: Date, locale: Locale, timeZone: string) => formatLongDate(d, locale, timeZone);

async function currentReadyPacket(eventId: number, tx: DbOrTx) {
  const [packet] = await tx
    .select()
    .from(packets)
    .where(
      and(eq(packets.eventId, eventId), eq(packets.status, "ready"), isNull(packets.supersededAt)),
    )
    .orderBy(desc(packets.readyAt))
    .limit(1);
  return packet ?? null;
}

/** What the "send by email" page shows for an event (the actor may manage events). */
export async function getEmailDeliveryContext({
  actor,
  eventId,
}: {
  actor: Actor;
  eventId: number;
}) {
  const { campaignId } = await assertEventPermission({
    actor,
    eventId,
    permission: "event.manage",
  });
  const [row] = await db
    .select({ event: deliveryEvents, office: offices, defaultLocale: campaigns.defaultLocale })
    .from(deliveryEvents)
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .innerJoin(campaigns, eq(campaigns.id, deliveryEvents.campaignId))
    .where(eq(deliveryEvents.id, eventId));
  if (!row) return null;
  const packet = await currentReadyPacket(eventId, db);
  const [sent] = await db
    .select()
    .from(officeDeliveries)
    .where(eq(officeDeliveries.eventId, eventId));
  return {
    campaignId,
    event: row.event,
    office: row.office,
    defaultLocale: row.defaultLocale,
    packet: packet
      ? {
          id: packet.id,
          total: (packet.signatureCount ?? 0) + (packet.paperCount ?? 0),
          volumeCount: packet.volumeCount ?? 1,
        }
      : null,
    sent: sent
      ? {
          toAddress: sent.toAddress,
          sentAt: sent.sentAt,
          ackUsedAt: sent.ackUsedAt,
          ackExpiresAt: sent.ackExpiresAt,
        }
      : null,
    canSend: row.event.status === "packet_ready" && !!packet && !sent,
  };
}

/**
 * Emails the event's current ready packet to the office and marks the delivery delivered by
 * email. Needs event.manage (owners, organizers). Refuses an event that cannot move to delivered
 * (IllegalTransitionError) or has no ready packet (NoReadyPacketError). One email delivery per event.
 */
export async function sendPacketByEmail({
  actor,
  eventId,
  input,
  now = new Date(),
}: {
  actor: Actor;
  eventId: number;
  input: SendByEmailInput;
  now?: Date;
}) {
  return db.transaction(async (tx) => {
    await assertEventPermission({ actor, eventId, permission: "event.manage", tx });
    const [row] = await tx
      .select({
        event: deliveryEvents,
        office: offices,
        campaignName: campaigns.name,
        petitionDefault: petitions.defaultLocale,
      })
      .from(deliveryEvents)
      .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
      .innerJoin(campaigns, eq(campaigns.id, deliveryEvents.campaignId))
      .innerJoin(petitions, eq(petitions.id, deliveryEvents.petitionId))
      .where(eq(deliveryEvents.id, eventId))
      .for("update", { of: deliveryEvents });
    if (!row) throw new NoReadyPacketError();
    if (!canTransition(row.event.status, "delivered"))
      throw new IllegalTransitionError(row.event.status, "delivered");
    const packet = await currentReadyPacket(eventId, tx);
    if (!packet) throw new NoReadyPacketError();

    const files = await tx
      .select({
        volume: packetFiles.volume,
        fileName: packetFiles.fileName,
        contentType: packetFiles.contentType,
        size: sql<number>`octet_length(${packetFiles.bytes})::int`,
      })
      .from(packetFiles)
      .where(and(eq(packetFiles.packetId, packet.id), gt(packetFiles.volume, 0)))
      .orderBy(asc(packetFiles.volume));
    const totalBytes = files.reduce((sum, f) => sum + Number(f.size), 0);
    const attach = files.length > 0 && totalBytes <= MAX_ATTACHMENT_BYTES;
    const attachments: MailAttachment[] = [];
    if (attach) {
      const bytes = await tx
        .select({ volume: packetFiles.volume, bytes: packetFiles.bytes })
        .from(packetFiles)
        .where(and(eq(packetFiles.packetId, packet.id), gt(packetFiles.volume, 0)))
        .orderBy(asc(packetFiles.volume));
      for (const f of files) {
        const b = bytes.find((x) => x.volume === f.volume)!;
        attachments.push({
          filename: f.fileName,
          contentType: f.contentType,
          content: b.bytes.toString("base64"),
        });
      }
    }

    const ackToken = randomToken(32);
    const packetToken = randomToken(32);
    const expiresAt = new Date(now.getTime() + OFFICE_LINK_DAYS * 86_400_000);
    await moveEventStatus({
      eventId,
      to: "delivered",
      actor,
      note: `Sent by email to the office (packet ${packet.id})`,
      at: now,
      tx,
    });
    await tx
      .update(deliveryEvents)
      .set({ deliveryChannel: "email" })
      .where(eq(deliveryEvents.id, eventId));
    const [delivery] = await tx
      .insert(officeDeliveries)
      .values({
        eventId,
        packetId: packet.id,
        toAddress: input.to,
        locale: input.locale,
        coverNote: input.note,
        sentBy: actor!.userId,
        sentAt: now,
        ackTokenHash: sha256(ackToken),
        ackExpiresAt: expiresAt,
        packetTokenHash: sha256(packetToken),
        packetExpiresAt: expiresAt,
      })
      .returning();

    const texts = await tx
      .select({ locale: petitionTexts.locale, title: petitionTexts.title })
      .from(petitionTexts)
      .where(eq(petitionTexts.petitionId, row.event.petitionId));
    const title =
      texts.find((t) => t.locale === input.locale)?.title ??
      texts.find((t) => t.locale === row.petitionDefault)?.title ??
      texts[0]?.title ??
      "";
    const [sender] = await tx
      .select({ name: users.name })
      .from(users)
      .where(eq(users.id, actor!.userId));
    const zone = row.event.timeZone;
    await enqueueEmail({
      template: officePacketDelivery,
      props: {
        officeName: row.office.name,
        decisionMaker: row.office.decisionMaker,
        campaignName: row.campaignName,
        petitionTitle: title,
        total: (packet.signatureCount ?? 0) + (packet.paperCount ?? 0),
        packetId: packet.id,
        verifyUrl: verifyUrl(packet.id),
        packetUrls: files.map((f) => packetUrl(packetToken, f.volume)),
        packetExpiresOn: longDate(expiresAt, input.locale, zone),
        attached: attach,
        ackUrl: ackUrl(ackToken),
        ackExpiresOn: longDate(expiresAt, input.locale, zone),
        note: input.note,
        senderName: sender?.name ?? "",
      },
      to: input.to,
      locale: input.locale,
      attachments,
      dedupeKey: `office-packet-delivery:delivery:${delivery!.id}`,
      tx,
    });
    return { deliveryId: delivery!.id, packetId: packet.id, attached: attach };
  });
}

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
  const texts = await db
    .select({ locale: petitionTexts.locale, title: petitionTexts.title })
    .from(petitionTexts)
    .where(eq(petitionTexts.petitionId, row.petitionId));
  const title =
    texts.find((t) => t.locale === locale)?.title ??
    texts.find((t) => t.locale === row.petitionDefault)?.title ??
    "";
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
    .where(eq(campaignMembers.campaignId, row.event.campaignId));
  let queued = 0;
  for (const member of team) {
    if (!roleAllows(member.role, "event.manage") && !coordinatorIds.includes(member.id)) continue;
    const ok = await enqueueEmail({
      template: officeAcknowledged,
      props: {
        officeName: row.office.name,
        city: row.office.city,
        by: withoutInvisibleControls(
          [row.delivery.ackName, row.delivery.ackTitle].filter(Boolean).join(", "),
        ),
        response: row.ack?.note ?? "",
        eventUrl: `${env().APP_URL}/dashboard/c/${row.campaignSlug}/deliveries/events/${eventId}?lang=${member.locale}`,
      },
      to: member.email,
      locale: member.locale,
      dedupeKey: `organizer-office-acknowledged:event:${eventId}:user:${member.id}`,
    });
    if (ok) queued++;
  }
  return queued;
}

/** One volume of the packet behind an office's packet link, while the link works. */
export async function getOfficePacketFile({
  token,
  volume,
  now = new Date(),
}: {
  token: string;
  volume: number;
  now?: Date;
}) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token) || !Number.isInteger(volume) || volume < 1)
    return null;
  const [delivery] = await db
    .select({ packetId: officeDeliveries.packetId, expiresAt: officeDeliveries.packetExpiresAt })
    .from(officeDeliveries)
    .where(eq(officeDeliveries.packetTokenHash, sha256(token)));
  if (!delivery || delivery.expiresAt <= now) return null;
  const [file] = await db
    .select()
    .from(packetFiles)
    .where(and(eq(packetFiles.packetId, delivery.packetId), eq(packetFiles.volume, volume)));
  return file ?? null;
}

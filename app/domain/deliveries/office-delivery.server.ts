// Delivering an event's packet to the office by email: the send moves the event to delivered
// (channel "email") and gives the office two expiring links, one to download the packet and one to
// acknowledge it (office-ack.server.ts). See ADR 024.
import { and, asc, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import {
  campaigns,
  deliveryEvents,
  officeDeliveries,
  offices,
  packetFiles,
  packets,
  petitions,
  users,
} from "#db/schema";
import officePacketDelivery from "#emails/office-packet-delivery";
import { randomToken, sha256 } from "~/lib/crypto.server";
import { env } from "~/lib/env.server";
import type { MailAttachment } from "~/lib/mailer.server";
import { formatLongDate } from "~/lib/intl-format";
import { assertEventPermission, type Actor } from "~/domain/team/authorization.server";
import { canTransition } from "./delivery-event";
import { IllegalTransitionError, moveEventStatus } from "./delivery-event.server";
import { enqueueEmail } from "~/domain/mail/email.server";
import type { SendByEmailInput } from "~/domain/offices/office-forms";
import { verifyUrl } from "~/domain/packets/verify-packet.server";
import { petitionTitles } from "~/domain/petitions/petition-titles.server";

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

    const titles = await petitionTitles({ petitionId: row.event.petitionId, tx });
    const title =
      titles.get(input.locale) ??
      titles.get(row.petitionDefault) ??
      titles.values().next().value ??
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
        packetExpiresOn: formatLongDate(expiresAt, input.locale, zone),
        attached: attach,
        ackUrl: ackUrl(ackToken),
        ackExpiresOn: formatLongDate(expiresAt, input.locale, zone),
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

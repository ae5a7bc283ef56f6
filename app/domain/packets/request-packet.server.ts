// Asking for a packet: an organizer or the event's coordinator queues one; the "packet.build" job
// builds it in the background (build-packet.server.ts). See docs/decisions/010-packets.md.
import crypto from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "#db/client";
import { packets } from "#db/schema";
import { recordAudit } from "~/domain/team/audit.server";
import { assertEventPermission, type Actor } from "~/domain/team/authorization.server";
import { enqueueJob } from "~/jobs/queue.server";
import type { PacketOptions } from "./packet";

export const PACKET_JOB = "packet.build";

const ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
/** Short, unambiguous, unguessable: printed on every page and typed into the verify URL. */
function newPacketId() {
  const bytes = crypto.randomBytes(10);
  return Array.from(bytes, (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join("");
}

/** Queues a packet for an event. Returns the packet already being built, if any, instead of a second one. */
export async function requestPacket({
  actor,
  eventId,
  options,
}: {
  actor: Actor;
  eventId: number;
  options: PacketOptions;
}) {
  const { campaignId } = await assertEventPermission({
    actor,
    eventId,
    permission: "packet.build",
  });
  return db.transaction(async (tx) => {
    const [pending] = await tx
      .select({ id: packets.id })
      .from(packets)
      .where(and(eq(packets.eventId, eventId), inArray(packets.status, ["queued", "building"])));
    if (pending) return { packetId: pending.id, created: false };
    const id = newPacketId();
    await tx.insert(packets).values({
      id,
      eventId,
      locale: options.language === "es" ? "es" : "en",
      bilingual: options.language === "both",
      includeOthers: options.others === "all",
      volumeSize: options.volumeSize,
      paperSize: options.paperSize,
      requestedBy: actor!.userId,
    });
    await enqueueJob({
      kind: PACKET_JOB,
      payload: { packetId: id },
      dedupeKey: `${PACKET_JOB}:${id}`,
      maxAttempts: 3,
      priority: "bulk",
      tx,
    });
    await recordAudit({
      campaignId,
      actorId: actor!.userId,
      action: "packet.requested",
      subjectType: "delivery_event",
      subjectId: eventId,
      details: { packetId: id, ...options },
      tx,
    });
    return { packetId: id, created: true };
  });
}

// The packets of a whole delivery day, for the one ZIP a coordinator prints before heading out.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { deliveryDays, deliveryEvents, offices, packetFiles, packets } from "#db/schema";
import {
  assertEventPermission,
  ForbiddenError,
  type Actor,
} from "~/domain/team/authorization.server";
import { PacketNotFoundError } from "./packet-not-found";

/**
 * The current ready packet files (PDF volumes) of every event of a delivery day the actor may
 * download. A coordinator gets only their own events; someone allowed none gets ForbiddenError.
 */
export async function listDayPacketFiles({
  actor,
  dayId,
  campaignId,
}: {
  actor: Actor;
  dayId: number;
  campaignId: number;
}) {
  const [day] = await db
    .select()
    .from(deliveryDays)
    .where(and(eq(deliveryDays.id, dayId), eq(deliveryDays.campaignId, campaignId)));
  if (!day) throw new PacketNotFoundError(`No delivery day ${dayId}`);
  const events = await db
    .select({ id: deliveryEvents.id, officeName: offices.name, city: offices.city })
    .from(deliveryEvents)
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .where(eq(deliveryEvents.deliveryDayId, dayId))
    .orderBy(asc(deliveryEvents.startsAt), asc(deliveryEvents.id));
  const allowed: typeof events = [];
  for (const e of events) {
    try {
      await assertEventPermission({ actor, eventId: e.id, permission: "packet.download" });
      allowed.push(e);
    } catch (error) {
      if (!(error instanceof ForbiddenError)) throw error;
    }
  }
  if (allowed.length === 0)
    throw new ForbiddenError("packet.download", "You may not download packets of this day");
  const out: {
    eventId: number;
    officeName: string;
    city: string;
    packetId: string;
    volume: number;
    fileName: string;
  }[] = [];
  for (const e of allowed) {
    const [current] = await db
      .select({ id: packets.id })
      .from(packets)
      .where(and(eq(packets.eventId, e.id), eq(packets.status, "ready")))
      .orderBy(desc(packets.readyAt))
      .limit(1);
    if (!current) continue;
    const files = await db
      .select({ volume: packetFiles.volume, fileName: packetFiles.fileName })
      .from(packetFiles)
      .where(and(eq(packetFiles.packetId, current.id), sql`${packetFiles.volume} > 0`))
      .orderBy(asc(packetFiles.volume));
    for (const f of files)
      out.push({
        eventId: e.id,
        officeName: e.officeName,
        city: e.city,
        packetId: current.id,
        ...f,
      });
  }
  return { day, files: out };
}

/** Bytes of one file, for streaming a ZIP without holding every file at once. Callers checked access. */
export async function readPacketFileBytes(packetId: string, volume: number) {
  const [file] = await db
    .select({ bytes: packetFiles.bytes })
    .from(packetFiles)
    .where(and(eq(packetFiles.packetId, packetId), eq(packetFiles.volume, volume)));
  return file?.bytes ?? null;
}

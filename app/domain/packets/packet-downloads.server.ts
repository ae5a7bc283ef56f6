// Downloading a ready packet: its stored PDF volumes and its list file. Every download is the same
// stored bytes; the list file is streamed part by part so memory holds one volume's rows at a time.
import { and, eq } from "drizzle-orm";
import { db } from "#db/client";
import { packetFiles, packetListParts, packets } from "#db/schema";
import { assertEventPermission, type Actor } from "~/domain/team/authorization.server";
import { LIST_VOLUME } from "./list-file";
import { PacketNotFoundError } from "./packet-not-found";

/** The packet, when it exists, belongs to `eventId` (if given) and the actor may download it. */
export async function downloadablePacket({
  actor,
  packetId,
  eventId,
}: {
  actor: Actor;
  packetId: string;
  eventId?: number;
}) {
  const [packet] = await db.select().from(packets).where(eq(packets.id, packetId));
  if (!packet) throw new PacketNotFoundError(`No packet ${packetId}`);
  if (eventId !== undefined && packet.eventId !== eventId)
    throw new PacketNotFoundError("Packet not in this event");
  await assertEventPermission({ actor, eventId: packet.eventId, permission: "packet.download" });
  return packet;
}

/** The list file's bytes part by part (one volume's rows at a time), in order. */
async function* listFileChunks(packetId: string, inline: Buffer): AsyncGenerator<Buffer> {
  if (inline.length) yield inline; // a packet built before the list was stored in parts
  for (let part = 1; ; part++) {
    const [row] = await db
      .select({ bytes: packetListParts.bytes })
      .from(packetListParts)
      .where(and(eq(packetListParts.packetId, packetId), eq(packetListParts.part, part)));
    if (!row) return;
    yield row.bytes;
  }
}

/** One stored file of a ready packet the actor may download; otherwise "not found". */
async function readyPacketFile({
  actor,
  packetId,
  volume,
  eventId,
}: {
  actor: Actor;
  packetId: string;
  volume: number;
  eventId?: number;
}) {
  const packet = await downloadablePacket({ actor, packetId, eventId });
  const [file] = await db
    .select()
    .from(packetFiles)
    .where(and(eq(packetFiles.packetId, packetId), eq(packetFiles.volume, volume)));
  if (!file || packet.status !== "ready") throw new PacketNotFoundError("No such file");
  return file;
}

/** The stored bytes of one volume (or the list file, volume 0). Same bytes on every download. */
export async function getPacketFile({
  actor,
  packetId,
  volume,
  eventId,
}: {
  actor: Actor;
  packetId: string;
  volume: number;
  eventId?: number;
}) {
  const file = await readyPacketFile({ actor, packetId, volume, eventId });
  if (volume !== LIST_VOLUME) return file;
  const chunks: Buffer[] = [];
  for await (const chunk of listFileChunks(packetId, file.bytes)) chunks.push(chunk);
  return { ...file, bytes: Buffer.concat(chunks) };
}

/**
 * The list file as a stream of parts, for downloading: memory holds one part (one volume's rows)
 * at a time however long the list.
 */
export async function getPacketListStream({
  actor,
  packetId,
  eventId,
}: {
  actor: Actor;
  packetId: string;
  eventId?: number;
}) {
  const file = await readyPacketFile({ actor, packetId, volume: LIST_VOLUME, eventId });
  return { fileName: file.fileName, chunks: listFileChunks(packetId, file.bytes) };
}

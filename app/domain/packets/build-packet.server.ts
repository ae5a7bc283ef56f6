// Building a queued packet (the "packet.build" job): take the snapshot, stream the routed rows into
// volume PDFs and the list file, store them, and mark the packet ready. See
// docs/decisions/010-packets.md.
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { db } from "#db/client";
import { deliveryEvents, packetFiles, packetListParts, packets, type Packet } from "#db/schema";
import { canTransition } from "~/domain/deliveries/delivery-event";
import { emitWebhookEvent } from "~/domain/integrations/webhook-events.server";
import { fullGc } from "~/lib/idle-memory.server";
import { coverLetterPages } from "./cover-letter";
import {
  eventTimeZone,
  loadEventContext,
  textFor,
  type EventContext,
} from "./event-context.server";
import { LIST_VOLUME } from "./list-file";
import { PacketNotFoundError } from "./packet-not-found";
import { planPacket, type PacketPlan } from "./packet-plan.server";
import { streamOnlineRows, streamPublicComments } from "./packet-routing.server";
import { PacketVolumeWriter } from "./packet-volume-writer.server";
import { PacketVolumes } from "./packet-volumes.server";
import { groupHeading, pageLocales, printStrings } from "./print-wording";
import { verificationSections } from "./verification-page";
import { verifyUrl } from "./verify-packet.server";

type BuildResult = Pick<
  Packet,
  "signatureCount" | "paperCount" | "localCount" | "pageCount" | "volumeCount" | "fingerprint"
>;

type Build = {
  packet: Packet;
  ctx: EventContext;
  timeZone: string;
  snapshotAt: Date;
  plan: PacketPlan;
  progress: (pct: number) => Promise<void>;
};

/**
 * Builds a queued packet: takes the snapshot, streams the routed rows into volume PDFs and the list
 * file, and stores them. Safe to run again: a ready packet is left alone, a half-built one restarts.
 */
export async function buildPacket({
  packetId,
  onProgress,
}: {
  packetId: string;
  onProgress?: (pct: number) => Promise<void> | void;
}): Promise<BuildResult | null> {
  const [packet] = await db.select().from(packets).where(eq(packets.id, packetId));
  if (!packet) throw new PacketNotFoundError(`No packet ${packetId}`);
  if (packet.status === "ready") return null;
  const ctx = await loadEventContext(packet.eventId);
  const timeZone = eventTimeZone(ctx);
  const snapshotAt = packet.snapshotAt ?? new Date();
  await restartBuild(packetId, snapshotAt);
  const progress = progressReporter(packetId, onProgress);
  const plan = await planPacket({ packet, ctx, snapshotAt, timeZone });
  const build: Build = { packet, ctx, timeZone, snapshotAt, plan, progress };

  const volumes = openVolumes(build);
  volumes.current.cover(coverLetterFor(build));
  await writeSignatureRows(build, volumes);
  await writeComments(build, volumes);
  const fingerprint = volumes.fingerprint();
  volumes.current.finalPage(
    verificationSections({
      locales: pageLocales(packet),
      counts: { online: plan.onlineInPacket, paper: plan.paperInPacket, local: plan.local },
      snapshotAt,
      timeZone,
      fingerprint,
      verifyUrl: verifyUrl(packetId),
      volumeCount: plan.volumeCount,
    }),
  );
  await volumes.finish();
  await progress(95);
  await storeListFileEntry(packetId, fingerprint);

  const result: BuildResult = {
    signatureCount: plan.onlineInPacket,
    paperCount: plan.paperInPacket,
    localCount: plan.local,
    pageCount: volumes.pageCount,
    volumeCount: plan.volumeCount,
    fingerprint,
  };
  await markReady(packet, result, plan.onlineVerified);
  await markEventPacketReady(packet);
  return result;
}

/** Marks the packet building at its snapshot time and drops whatever an earlier attempt stored. */
async function restartBuild(packetId: string, snapshotAt: Date) {
  await db
    .update(packets)
    .set({ status: "building", snapshotAt, progress: 1, error: null })
    .where(eq(packets.id, packetId));
  await db.delete(packetFiles).where(eq(packetFiles.packetId, packetId));
  await db.delete(packetListParts).where(eq(packetListParts.packetId, packetId));
}

/** Saves progress (1–99) on the packet and reports it, at most every two points. */
function progressReporter(packetId: string, onProgress?: (pct: number) => Promise<void> | void) {
  let lastPct = 1;
  return async (pct: number) => {
    const p = Math.max(1, Math.min(99, Math.floor(pct)));
    if (p < lastPct + 2) return;
    lastPct = p;
    await db.update(packets).set({ progress: p }).where(eq(packets.id, packetId));
    await onProgress?.(p);
  };
}

function openVolumes({ packet, ctx, snapshotAt, plan }: Build) {
  const strings = printStrings(packet);
  const { petition, office } = ctx;
  const petitionTitle = packet.bilingual
    ? [
        ...new Set([
          textFor(ctx.texts, "en", petition.defaultLocale).title,
          textFor(ctx.texts, "es", petition.defaultLocale).title,
        ]),
      ].join(" / ")
    : textFor(ctx.texts, packet.locale, petition.defaultLocale).title;
  return new PacketVolumes({
    packetId: packet.id,
    fileBase: `packet-${packet.id}`,
    volumeSize: packet.volumeSize,
    volumeCount: plan.volumeCount,
    anonymous: strings[0]!.anonymous,
    createWriter: (volume) =>
      new PacketVolumeWriter({
        packetId: packet.id,
        petitionTitle,
        officeName: office.name,
        volume,
        volumeCount: plan.volumeCount,
        paperSize: packet.paperSize === "a4" ? "a4" : "letter",
        strings,
        createdAt: snapshotAt,
      }),
  });
}

function coverLetterFor({ packet, ctx, timeZone, plan }: Build) {
  const locales = pageLocales(packet);
  return coverLetterPages({
    locales,
    deliveryAt: ctx.event.startsAt,
    timeZone,
    office: ctx.office,
    campaignName: ctx.campaign.name,
    texts: locales.map((l) => textFor(ctx.texts, l, ctx.petition.defaultLocale)),
    counts: {
      onlineVerified: plan.onlineVerified,
      paperAll: plan.paperAll,
      local: plan.local,
      inPacket: plan.onlineInPacket + plan.paperInPacket,
    },
  });
}

/** Each group's online signatures in signing order, then its paper rows. */
async function writeSignatureRows(build: Build, volumes: PacketVolumes) {
  const { packet, ctx, snapshotAt, timeZone, plan, progress } = build;
  const strings = printStrings(packet);
  const officeName = ctx.office.name;
  const write = async (rows: Parameters<PacketVolumes["write"]>[0], heading: string) => {
    await volumes.write(rows, heading);
    await progress(5 + (85 * volumes.rowsWritten) / Math.max(1, plan.rowCount));
  };
  let onlineSeen = 0;
  for (const group of plan.groups) {
    for await (const chunk of streamOnlineRows({
      petitionId: ctx.petition.id,
      office: ctx.office,
      group,
      snapshotAt,
      timeZone,
    })) {
      onlineSeen += chunk.length;
      await write(chunk, groupHeading({ strings, group, kind: "online", officeName }));
    }
    const paper = plan.paperByGroup[group];
    if (paper.length)
      await write(paper, groupHeading({ strings, group, kind: "paper", officeName }));
  }
  // A signature invalidated between the count and the stream would make the cover letter wrong.
  if (onlineSeen !== plan.onlineInPacket)
    throw new Error(
      `Signatures changed while the packet was built (${onlineSeen} ≠ ${plan.onlineInPacket}); retrying`,
    );
}

async function writeComments({ packet, ctx, snapshotAt }: Build, volumes: PacketVolumes) {
  let first = true;
  for await (const batch of streamPublicComments({
    petitionId: ctx.petition.id,
    office: ctx.office,
    includeOthers: packet.includeOthers,
    snapshotAt,
  })) {
    volumes.current.comments(batch, first);
    first = false;
    fullGc(); // the comments' flowing text leaves much garbage per batch (ADR 029)
  }
}

/** Volume 0 names the list and carries its fingerprint; its bytes are the parts already stored. */
async function storeListFileEntry(packetId: string, fingerprint: string) {
  await db.insert(packetFiles).values({
    packetId,
    volume: LIST_VOLUME,
    fileName: `packet-${packetId}-list.txt`,
    contentType: "text/plain; charset=utf-8",
    bytes: Buffer.alloc(0),
    sha256: fingerprint,
    pageCount: 0,
  });
}

async function markReady(packet: Packet, result: BuildResult, totalVerified: number) {
  const readyAt = new Date();
  await db.transaction(async (tx) => {
    await tx
      .update(packets)
      .set({ ...result, status: "ready", progress: 100, totalVerified, readyAt })
      .where(eq(packets.id, packet.id));
    // Older packets of this event stay downloadable but are marked as replaced.
    await tx
      .update(packets)
      .set({ supersededAt: readyAt })
      .where(
        and(
          eq(packets.eventId, packet.eventId),
          ne(packets.id, packet.id),
          isNull(packets.supersededAt),
          sql`${packets.createdAt} <= ${packet.createdAt.toISOString()}::timestamptz`,
        ),
      );
    await emitWebhookEvent({
      tx,
      type: "packet.ready",
      key: packet.id,
      subject: { eventId: packet.eventId, packetId: packet.id },
    });
  });
}

/** A ready packet moves its event to packet_ready when the status machine allows it; never fails the build. */
async function markEventPacketReady(packet: Packet) {
  try {
    const [event] = await db
      .select({ status: deliveryEvents.status })
      .from(deliveryEvents)
      .where(eq(deliveryEvents.id, packet.eventId));
    if (!event || !canTransition(event.status, "packet_ready")) return;
    const { moveEventStatus } = await import("~/domain/deliveries/delivery-event.server");
    await moveEventStatus({
      eventId: packet.eventId,
      to: "packet_ready",
      actor: packet.requestedBy ? { userId: packet.requestedBy } : null,
      note: `Packet ${packet.id} generated`,
    });
  } catch (error) {
    console.warn(`packet ${packet.id}: event status not changed: ${(error as Error).message}`);
  }
}

export async function markPacketFailed(packetId: string, error: string) {
  await db
    .update(packets)
    .set({ status: "failed", error: error.slice(0, 500) })
    .where(eq(packets.id, packetId));
}

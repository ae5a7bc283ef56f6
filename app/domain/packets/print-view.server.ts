// The HTML print view of one volume: the same rows as the PDF (read from the stored list), and the
// same cover letter and verification page (computed by the modules the PDF uses).
import { and, eq } from "drizzle-orm";
import { db } from "#db/client";
import { packetFiles, packetListParts, type Packet } from "#db/schema";
import type { Actor } from "~/domain/team/authorization.server";
import { coverLetterPages } from "./cover-letter";
import { eventTimeZone, loadEventContext, textFor } from "./event-context.server";
import { LIST_VOLUME, parseListLine } from "./list-file";
import { downloadablePacket } from "./packet-downloads.server";
import { PacketNotFoundError } from "./packet-not-found";
import { routedPaperBatches, streamPublicComments, type ListRow } from "./packet-routing.server";
import { pageLocales, redactContact } from "./print-wording";
import { verificationSections } from "./verification-page";
import { verifyUrl } from "./verify-packet.server";

/** Data for the HTML print view of one volume. */
export async function getPrintView({
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
  if (packet.status !== "ready") throw new PacketNotFoundError("Packet not ready");
  // Retention erased the list (ADR 028): only the count and fingerprint remain.
  if (packet.listErasedAt) throw new PacketNotFoundError("Packet list erased");
  const volumeCount = packet.volumeCount ?? 1;
  if (!Number.isInteger(volume) || volume < 1 || volume > volumeCount)
    throw new PacketNotFoundError("No such volume");
  const { rows, onlineBefore } = await volumeRows(packet, volume);
  const ctx = await loadEventContext(packet.eventId);
  const snapshotAt = packet.snapshotAt!;
  const timeZone = eventTimeZone(ctx);
  const locales = pageLocales(packet);
  const titles = locales.map((l) => textFor(ctx.texts, l, ctx.petition.defaultLocale));
  const isLast = volume === volumeCount;
  const comments: { name: string | null; city: string; comment: string }[] = [];
  if (isLast) {
    for await (const batch of streamPublicComments({
      petitionId: ctx.petition.id,
      office: ctx.office,
      includeOthers: packet.includeOthers,
      snapshotAt,
    })) {
      comments.push(...batch.map((c) => ({ ...c, comment: redactContact(c.comment.trim()) })));
    }
  }
  const paper = await routedPaperBatches({
    petitionId: ctx.petition.id,
    office: ctx.office,
    snapshotAt,
  });
  const paperAll = [...paper.local, ...paper.other].reduce((n, b) => n + b.count, 0);
  const counts = {
    online: packet.signatureCount ?? 0,
    paper: packet.paperCount ?? 0,
    local: packet.localCount ?? 0,
  };
  return {
    packet,
    volume,
    volumeCount,
    rows,
    firstOnlineNumber: onlineBefore + 1,
    comments,
    office: ctx.office,
    campaign: ctx.campaign,
    titles,
    /** The cover letter opens volume 1 only. */
    coverLetter:
      volume === 1
        ? coverLetterPages({
            locales,
            deliveryAt: ctx.event.startsAt,
            timeZone,
            office: ctx.office,
            campaignName: ctx.campaign.name,
            texts: titles,
            counts: {
              onlineVerified: packet.totalVerified ?? 0,
              paperAll,
              local: counts.local,
              inPacket: counts.online + counts.paper,
            },
          })
        : [],
    /** The verification page closes the last volume only. */
    verification: isLast
      ? verificationSections({
          locales,
          counts,
          snapshotAt,
          timeZone,
          fingerprint: packet.fingerprint ?? "",
          verifyUrl: verifyUrl(packetId),
          volumeCount,
        })
      : [],
  };
}

/**
 * The volume's own part of the list (one volume's rows) and how many online signatures precede
 * it; a packet built before parts existed keeps the whole list in volume 0.
 */
async function volumeRows(packet: Packet, volume: number) {
  const [part] = await db
    .select({ bytes: packetListParts.bytes, firstOnline: packetListParts.firstOnlineNumber })
    .from(packetListParts)
    .where(and(eq(packetListParts.packetId, packet.id), eq(packetListParts.part, volume)));
  if (part) {
    return {
      rows: part.bytes.toString("utf8").split("\n").filter(Boolean).map(parseListLine),
      onlineBefore: part.firstOnline - 1,
    };
  }
  const [listFile] = await db
    .select({ bytes: packetFiles.bytes })
    .from(packetFiles)
    .where(and(eq(packetFiles.packetId, packet.id), eq(packetFiles.volume, LIST_VOLUME)));
  const lines = (listFile?.bytes.toString("utf8") ?? "").split("\n").filter(Boolean);
  const start = (volume - 1) * packet.volumeSize;
  let onlineBefore = 0;
  for (let i = 0; i < start && i < lines.length; i++)
    if (lines[i]!.split("\t", 2)[1] === "online") onlineBefore++;
  const rows: ListRow[] = lines.slice(start, start + packet.volumeSize).map(parseListLine);
  return { rows, onlineBefore };
}

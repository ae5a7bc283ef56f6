// Delivery packets: a frozen, routed, printable list of an office's signatures. Requested by an
// organizer or the event's coordinator, built by a background job ("packet.build"), stored in
// packet_files so every download is the same bytes. See docs/decisions/010-packets.md.
import crypto from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import {
  campaigns,
  deliveryDays,
  deliveryEvents,
  offices,
  packetFiles,
  packetListParts,
  packets,
  petitions,
  petitionTexts,
  type Packet,
} from "#db/schema";
import type { Locale } from "#db/schema/states";
import packetLocale from "~/locales/packet";
import { PacketVolumeWriter, redactContact, type PdfStrings } from "~/domain/packets/packet-pdf.server";
import { env } from "~/lib/env.server";
import { fullGc } from "~/lib/idle-memory.server";
import { formatDateWords, formatInZone, localDate } from "~/lib/zoned-time";
import { recordAudit } from "~/domain/team/audit.server";
import { assertEventPermission, ForbiddenError, type Actor } from "~/domain/team/authorization.server";
import { canTransition } from "~/domain/deliveries/delivery-event";
import { enqueueJob } from "~/jobs/queue.server";
import { emitWebhookEvent } from "~/domain/integrations/webhook-events.server";
import type { PacketOptions } from "./packet";
import {
  countRouted,
  routedPaperBatches,
  streamOnlineRows,
  streamPublicComments,
  type ListRow,
  type RouteGroup,
} from "./packet-routing.server";
import { paperNameLines } from "./packet";

export const PACKET_JOB = "packet.build";
/** The list file (what the fingerprint is computed from) is stored as volume 0 beside the PDFs. */
export const LIST_VOLUME = 0;

export class PacketNotFoundError extends Error {
  name = "PacketNotFoundError";
  status = 404;
}

const ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
/** Short, unambiguous, unguessable: printed on every page and typed into the verify URL. */
function newPacketId() {
  const bytes = crypto.randomBytes(10);
  return Array.from(bytes, (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join("");
}

export const verifyUrl = (packetId: string) => `${env().APP_URL}/verify/${packetId}`;

/** "December 8, 2026" / "8 de diciembre de 2026": the cover letter's date, in the office's zone. */
export const letterDate = (instant: Date | string, timeZone: string, locale: Locale) =>
  formatDateWords(instant, timeZone, locale, { year: true, weekday: false });

/** "December 5, 2026, 7:52:10 AM CST": when the list was closed. */
export const snapshotTime = (instant: Date | string, timeZone: string, locale: Locale) =>
  formatInZone(instant, timeZone, locale, {
    weekday: undefined,
    year: "numeric",
    month: "long",
    second: "2-digit",
  });

function pdfStrings(locale: Locale, bilingual: boolean): PdfStrings[] {
  return bilingual ? [packetLocale.en.pdf, packetLocale.es.pdf] : [packetLocale[locale].pdf];
}

const clean = (v: string) =>
  v
    .replace(/[\t\r\n]+/g, " ")
    .replace(/\s{2,}/g, " ")
    .trim();

/**
 * The canonical line of one row in the list file. The fingerprint is SHA-256 over these lines, in
 * printed order; the ADR defines the format so anyone holding the list can recompute it.
 */
export function canonicalLine(row: ListRow, anonymous: string) {
  const name = row.kind === "paper" && row.name === null ? "" : (row.name ?? anonymous);
  return (
    [row.group, row.kind, String(row.count), name, row.city, row.region, row.postalCode, row.date]
      .map(clean)
      .join("\t") + "\n"
  );
}

export function parseListLine(line: string): ListRow {
  const [group, kind, count, name, city, region, postalCode, date] = line.split("\t");
  return {
    group: group as RouteGroup,
    kind: kind as ListRow["kind"],
    count: Number(count),
    name: name || null,
    city: city ?? "",
    region: region ?? "",
    postalCode: postalCode ?? "",
    date: date ?? "",
  };
}

/** Paper batches as printed rows: one per recorded name, plus one for the signatures without names. */
export function paperRows(
  batch: {
    city: string;
    region: string;
    postalCode: string;
    count: number;
    names: string;
    createdAt: Date;
  },
  group: RouteGroup,
  timeZone: string,
): ListRow[] {
  const names = paperNameLines(batch.names);
  const date = localDate(batch.createdAt, timeZone);
  const base = {
    kind: "paper" as const,
    group,
    city: batch.city,
    region: batch.region,
    postalCode: "", // never printed (see ADR 020)
    date,
  };
  const out: ListRow[] = names.map((name) => ({ ...base, count: 1, name }));
  if (batch.count > names.length)
    out.push({ ...base, count: batch.count - names.length, name: null });
  return out;
}

async function loadEventContext(eventId: number, tx: DbOrTx = db) {
  const [row] = await tx
    .select({
      event: deliveryEvents,
      office: offices,
      petition: petitions,
      campaign: { id: campaigns.id, slug: campaigns.slug, name: campaigns.name },
    })
    .from(deliveryEvents)
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .innerJoin(petitions, eq(petitions.id, deliveryEvents.petitionId))
    .innerJoin(campaigns, eq(campaigns.id, deliveryEvents.campaignId))
    .where(eq(deliveryEvents.id, eventId));
  if (!row) throw new PacketNotFoundError(`No delivery event ${eventId}`);
  const texts = await tx
    .select()
    .from(petitionTexts)
    .where(eq(petitionTexts.petitionId, row.petition.id));
  return { ...row, texts };
}

function textFor(
  texts: { locale: Locale; title: string; summary: string; body: string }[],
  locale: Locale,
  fallback: Locale,
) {
  return (
    texts.find((t) => t.locale === locale) ??
    texts.find((t) => t.locale === fallback) ??
    texts[0] ?? { locale, title: "", summary: "", body: "" }
  );
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

type BuildResult = Pick<
  Packet,
  "signatureCount" | "paperCount" | "localCount" | "pageCount" | "volumeCount" | "fingerprint"
>;

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
  const { office, petition, event } = ctx;
  const timeZone = event.timeZone || office.timeZone;
  const snapshotAt = packet.snapshotAt ?? new Date();
  await db
    .update(packets)
    .set({ status: "building", snapshotAt, progress: 1, error: null })
    .where(eq(packets.id, packetId));
  await db.delete(packetFiles).where(eq(packetFiles.packetId, packetId));
  await db.delete(packetListParts).where(eq(packetListParts.packetId, packetId));

  let lastPct = 1;
  const progress = async (pct: number) => {
    const p = Math.max(1, Math.min(99, Math.floor(pct)));
    if (p < lastPct + 2) return;
    lastPct = p;
    await db.update(packets).set({ progress: p }).where(eq(packets.id, packetId));
    await onProgress?.(p);
  };

  const locale = packet.locale;
  const strings = pdfStrings(locale, packet.bilingual);
  const main = strings[0]!;
  const counts = await countRouted({ petitionId: petition.id, office, snapshotAt });
  const paper = await routedPaperBatches({ petitionId: petition.id, office, snapshotAt });
  const groups: RouteGroup[] = packet.includeOthers ? ["local", "other"] : ["local"];
  const paperByGroup = {
    local: paper.local.flatMap((b) => paperRows(b, "local", timeZone)),
    other: paper.other.flatMap((b) => paperRows(b, "other", timeZone)),
  };
  const sum = (rs: ListRow[]) => rs.reduce((n, r) => n + r.count, 0);
  const paperTotalAll = sum(paperByGroup.local) + sum(paperByGroup.other);
  const onlineExpected = counts.local + (packet.includeOthers ? counts.other : 0);
  const rowCount = onlineExpected + groups.reduce((n, g) => n + paperByGroup[g].length, 0);
  const volumeSize = packet.volumeSize;
  const volumeCount = Math.max(1, Math.ceil(rowCount / volumeSize));
  const paperInPacket = groups.reduce((n, g) => n + sum(paperByGroup[g]), 0);
  const signaturesInPacket = onlineExpected + paperInPacket;
  const localCount = counts.local + sum(paperByGroup.local);

  const primaryText = textFor(ctx.texts, locale, petition.defaultLocale);
  const titleForHeader = packet.bilingual
    ? [
        ...new Set([
          textFor(ctx.texts, "en", petition.defaultLocale).title,
          textFor(ctx.texts, "es", petition.defaultLocale).title,
        ]),
      ].join(" / ")
    : primaryText.title;
  const fileBase = `packet-${packetId}`;
  const createWriter = (volume: number) =>
    new PacketVolumeWriter({
      packetId,
      petitionTitle: titleForHeader,
      officeName: office.name,
      volume,
      volumeCount,
      paperSize: packet.paperSize === "a4" ? "a4" : "letter",
      strings,
      createdAt: snapshotAt,
    });

  let totalPages = 0;
  // The list file is stored one part per volume, as each volume is finished: memory holds one
  // volume's rows (PDF and text), never the whole list.
  let partLines: string[] = [];
  let partRows = 0;
  let partFirstOnline = 1;
  const storeListPart = async (part: number) => {
    await db.insert(packetListParts).values({
      packetId,
      part,
      firstOnlineNumber: partFirstOnline,
      rowCount: partRows,
      bytes: Buffer.from(partLines.join(""), "utf8"),
    });
    partLines = [];
    partRows = 0;
  };
  const storeVolume = async (volume: number, writer: PacketVolumeWriter) => {
    await storeListPart(volume);
    const { bytes, pageCount } = await writer.finish();
    totalPages += pageCount;
    await db.insert(packetFiles).values({
      packetId,
      volume,
      fileName:
        volumeCount > 1 ? `${fileBase}-vol-${volume}-of-${volumeCount}.pdf` : `${fileBase}.pdf`,
      contentType: "application/pdf",
      bytes,
      sha256: crypto.createHash("sha256").update(bytes).digest("hex"),
      pageCount,
    });
    // A finished volume leaves its pages as garbage: collect it now, so the heap (and the
    // process) stays at one volume's size instead of growing until V8 decides to (ADR 029).
    fullGc();
  };

  // A bilingual packet dates each language's pages in that language.
  const letterLocales = packet.bilingual ? (["en", "es"] as const) : [locale];
  let volume = 1;
  let writer = createWriter(1);
  writer.cover({
    // The letter is dated the day it is handed over, not the day the packet was generated.
    date: letterLocales.map((l) => letterDate(event.startsAt, timeZone, l)),
    recipient: [
      office.decisionMaker || office.name,
      office.decisionMakerTitle,
      office.name,
      office.addressLine1,
      office.addressLine2,
      [office.city, [office.region, office.postalCode].filter(Boolean).join(" ")]
        .filter(Boolean)
        .join(", "),
    ].filter(Boolean),
    dearName: office.decisionMaker || office.name,
    letter: {
      title: primaryText.title,
      total: counts.total + paperTotalAll,
      online: counts.total,
      paper: paperTotalAll,
      local: localCount,
      office: office.name,
    },
    inPacket: signaturesInPacket,
    petition: (packet.bilingual ? (["en", "es"] as const) : [locale]).map((l) =>
      textFor(ctx.texts, l, petition.defaultLocale),
    ),
    campaignName: ctx.campaign.name,
  });

  const hash = crypto.createHash("sha256");
  let rowNumber = 0; // printed rows so far (the volume split counts these)
  let onlineNumber = 0; // "#" column: online signatures are numbered
  let onlineSeen = 0;
  let rowsInVolume = 0;
  let currentHeading = "";

  const emit = async (batch: ListRow[], heading: string) => {
    for (const row of batch) {
      if (rowsInVolume === volumeSize) {
        await storeVolume(volume, writer);
        volume++;
        writer = createWriter(volume);
        rowsInVolume = 0;
        partFirstOnline = onlineNumber + 1;
        if (heading === currentHeading) writer.heading(currentHeading);
      }
      if (heading !== currentHeading) {
        currentHeading = heading;
        writer.heading(heading);
      }
      if (row.kind === "online") onlineNumber++;
      writer.row(row, onlineNumber);
      const line = canonicalLine(row, main.anonymous);
      hash.update(line, "utf8");
      partLines.push(line);
      partRows++;
      rowNumber++;
      rowsInVolume++;
    }
    await progress(5 + (85 * rowNumber) / Math.max(1, rowCount));
  };

  const headingFor = (group: RouteGroup, kind: "online" | "paper") =>
    [
      ...new Set(
        strings.map((s) =>
          kind === "online"
            ? group === "local"
              ? s.localHeading(office.name)
              : s.otherHeading
            : group === "local"
              ? s.paperLocalHeading(office.name)
              : s.paperOtherHeading,
        ),
      ),
    ].join(" / ");

  for (const group of groups) {
    for await (const chunk of streamOnlineRows({
      petitionId: petition.id,
      office,
      group,
      snapshotAt,
      timeZone,
    })) {
      onlineSeen += chunk.length;
      await emit(chunk, headingFor(group, "online"));
    }
    if (paperByGroup[group].length) await emit(paperByGroup[group], headingFor(group, "paper"));
  }
  // A signature invalidated between the count and the stream would make the cover letter wrong.
  if (onlineSeen !== onlineExpected)
    throw new Error(
      `Signatures changed while the packet was built (${onlineSeen} ≠ ${onlineExpected}); retrying`,
    );

  let first = true;
  for await (const batch of streamPublicComments({
    petitionId: petition.id,
    office,
    includeOthers: packet.includeOthers,
    snapshotAt,
  })) {
    writer.comments(batch, first);
    first = false;
    fullGc(); // the comments' flowing text leaves much garbage per batch (ADR 029)
  }
  const fingerprint = hash.digest("hex");
  writer.finalPage({
    total: signaturesInPacket,
    online: onlineExpected,
    paper: paperInPacket,
    local: counts.local + (groups.includes("local") ? sum(paperByGroup.local) : 0),
    snapshot: letterLocales.map((l) => snapshotTime(snapshotAt, timeZone, l)),
    fingerprint,
    verifyUrl: verifyUrl(packetId),
    volumeCount,
  });
  await storeVolume(volume, writer);
  await progress(95);

  // Volume 0 names the list and carries its fingerprint; its bytes are the parts stored above.
  await db.insert(packetFiles).values({
    packetId,
    volume: LIST_VOLUME,
    fileName: `${fileBase}-list.txt`,
    contentType: "text/plain; charset=utf-8",
    bytes: Buffer.alloc(0),
    sha256: fingerprint,
    pageCount: 0,
  });

  const result: BuildResult = {
    signatureCount: onlineExpected,
    paperCount: paperInPacket,
    localCount,
    pageCount: totalPages,
    volumeCount,
    fingerprint,
  };
  const readyAt = new Date();
  await db.transaction(async (tx) => {
    await tx
      .update(packets)
      .set({ ...result, status: "ready", progress: 100, totalVerified: counts.total, readyAt })
      .where(eq(packets.id, packetId));
    // Older packets of this event stay downloadable but are marked as replaced.
    await tx
      .update(packets)
      .set({ supersededAt: readyAt })
      .where(
        and(
          eq(packets.eventId, packet.eventId),
          ne(packets.id, packetId),
          isNull(packets.supersededAt),
          sql`${packets.createdAt} <= ${packet.createdAt.toISOString()}::timestamptz`,
        ),
      );
    await emitWebhookEvent({
      tx,
      type: "packet.ready",
      key: packetId,
      subject: { eventId: packet.eventId, packetId },
    });
  });
  await markEventPacketReady(packet);
  return result;
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

const fileColumns = {
  volume: packetFiles.volume,
  fileName: packetFiles.fileName,
  pageCount: packetFiles.pageCount,
  // The list file's bytes live in its parts (older packets kept them in volume 0 itself).
  size: sql<number>`(octet_length(${packetFiles.bytes}) + case when ${packetFiles.volume} = ${LIST_VOLUME}
    then coalesce((select sum(octet_length(lp.bytes)) from packet_list_parts lp where lp.packet_id = ${packetFiles.packetId}), 0)
    else 0 end)::int`,
};

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

/** Everything the packet page shows for one event. */
export async function getEventPackets({ actor, eventId }: { actor: Actor; eventId: number }) {
  const { role } = await assertEventPermission({ actor, eventId, permission: "packet.download" });
  const ctx = await loadEventContext(eventId);
  const list = await db
    .select()
    .from(packets)
    .where(eq(packets.eventId, eventId))
    .orderBy(desc(packets.createdAt));
  const ids = list.map((p) => p.id);
  const files = ids.length
    ? await db
        .select({ packetId: packetFiles.packetId, ...fileColumns })
        .from(packetFiles)
        .where(inArray(packetFiles.packetId, ids))
        .orderBy(asc(packetFiles.volume))
    : [];
  return {
    role,
    event: ctx.event,
    office: ctx.office,
    petition: {
      id: ctx.petition.id,
      defaultLocale: ctx.petition.defaultLocale,
      titles: Object.fromEntries(ctx.texts.map((t) => [t.locale, t.title])) as Partial<
        Record<Locale, string>
      >,
    },
    campaign: ctx.campaign,
    packets: list.map((p) => ({ ...p, files: files.filter((f) => f.packetId === p.id) })),
  };
}

/** The packet, when it exists, belongs to `eventId` (if given) and the actor may download it. */
async function downloadablePacket({
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
  const packet = await downloadablePacket({ actor, packetId, eventId });
  const [file] = await db
    .select()
    .from(packetFiles)
    .where(and(eq(packetFiles.packetId, packetId), eq(packetFiles.volume, volume)));
  if (!file || packet.status !== "ready") throw new PacketNotFoundError("No such file");
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
  const packet = await downloadablePacket({ actor, packetId, eventId });
  const [file] = await db
    .select()
    .from(packetFiles)
    .where(and(eq(packetFiles.packetId, packetId), eq(packetFiles.volume, LIST_VOLUME)));
  if (!file || packet.status !== "ready") throw new PacketNotFoundError("No such file");
  return { fileName: file.fileName, chunks: listFileChunks(packetId, file.bytes) };
}

/** Data for the HTML print view of one volume: the same rows as the PDF, read from the stored list. */
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
  // The volume's own part of the list (one volume's rows); a packet built before parts existed
  // keeps the whole list in volume 0.
  const [part] = await db
    .select({ bytes: packetListParts.bytes, firstOnline: packetListParts.firstOnlineNumber })
    .from(packetListParts)
    .where(and(eq(packetListParts.packetId, packetId), eq(packetListParts.part, volume)));
  let rows: ListRow[];
  let onlineBefore = 0;
  if (part) {
    rows = part.bytes.toString("utf8").split("\n").filter(Boolean).map(parseListLine);
    onlineBefore = part.firstOnline - 1;
  } else {
    const [listFile] = await db
      .select({ bytes: packetFiles.bytes })
      .from(packetFiles)
      .where(and(eq(packetFiles.packetId, packetId), eq(packetFiles.volume, LIST_VOLUME)));
    const lines = (listFile?.bytes.toString("utf8") ?? "").split("\n").filter(Boolean);
    const start = (volume - 1) * packet.volumeSize;
    for (let i = 0; i < start && i < lines.length; i++)
      if (lines[i]!.split("\t", 2)[1] === "online") onlineBefore++;
    rows = lines.slice(start, start + packet.volumeSize).map(parseListLine);
  }
  const ctx = await loadEventContext(packet.eventId);
  const locale = packet.locale;
  const comments: { name: string | null; city: string; comment: string }[] = [];
  if (volume === volumeCount) {
    for await (const batch of streamPublicComments({
      petitionId: ctx.petition.id,
      office: ctx.office,
      includeOthers: packet.includeOthers,
      snapshotAt: packet.snapshotAt!,
    })) {
      comments.push(...batch.map((c) => ({ ...c, comment: redactContact(c.comment.trim()) })));
    }
  }
  const paper = await routedPaperBatches({
    petitionId: ctx.petition.id,
    office: ctx.office,
    snapshotAt: packet.snapshotAt!,
  });
  const paperAll = [...paper.local, ...paper.other].reduce((n, b) => n + b.count, 0);
  return {
    packet,
    volume,
    volumeCount,
    paperAll,
    rows,
    firstOnlineNumber: onlineBefore + 1,
    comments,
    office: ctx.office,
    campaign: ctx.campaign,
    titles: (packet.bilingual ? (["en", "es"] as const) : [locale]).map((l) =>
      textFor(ctx.texts, l, ctx.petition.defaultLocale),
    ),
    timeZone: ctx.event.timeZone || ctx.office.timeZone,
    /** The delivery's start: the cover letter is dated that day. */
    deliveryAt: ctx.event.startsAt,
    verifyUrl: verifyUrl(packetId),
  };
}

/** Public: what anyone may check about a packet (never a name). */
export async function verifyPacket({
  packetId,
  fingerprint,
  locale,
}: {
  packetId: string;
  fingerprint?: string | null;
  locale: Locale;
}) {
  const [packet] = await db
    .select()
    .from(packets)
    .where(eq(packets.id, packetId.trim().toLowerCase()));
  if (!packet) return null;
  const ctx = await loadEventContext(packet.eventId);
  const text = textFor(ctx.texts, locale, ctx.petition.defaultLocale);
  const given = fingerprint?.replace(/[^0-9a-f]/gi, "").toLowerCase() ?? "";
  return {
    packetId: packet.id,
    status: packet.status,
    ready: packet.status === "ready",
    petitionTitle: text.title,
    petitionLocale: text.locale,
    officeName: ctx.office.name,
    officeCity: ctx.office.city,
    signatureCount: packet.signatureCount ?? 0,
    paperCount: packet.paperCount ?? 0,
    total: (packet.signatureCount ?? 0) + (packet.paperCount ?? 0),
    pageCount: packet.pageCount,
    volumeCount: packet.volumeCount,
    snapshotAt: packet.snapshotAt,
    timeZone: ctx.event.timeZone || ctx.office.timeZone,
    fingerprint: packet.status === "ready" ? packet.fingerprint : null,
    superseded: !!packet.supersededAt,
    listErased: !!packet.listErasedAt,
    checked: given
      ? { given, matches: packet.status === "ready" && given === packet.fingerprint }
      : null,
  };
}

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

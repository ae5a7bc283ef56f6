// The public check of a packet: its count and fingerprint, never a name. Its ID and this page's
// address are printed on every packet.
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { packets } from "#db/schema";
import type { Locale } from "#db/schema/states";
import { env } from "~/lib/env.server";
import { eventTimeZone, loadEventContext, textFor } from "./event-context.server";

export const verifyUrl = (packetId: string) => `${env().APP_URL}/verify/${packetId}`;

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
    timeZone: eventTimeZone(ctx),
    fingerprint: packet.status === "ready" ? packet.fingerprint : null,
    superseded: !!packet.supersededAt,
    listErased: !!packet.listErasedAt,
    checked: given
      ? { given, matches: packet.status === "ready" && given === packet.fingerprint }
      : null,
  };
}

// The packet page of one delivery event: every packet generated for it, newest first, with files.
import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import { db } from "#db/client";
import { packetFiles, packets } from "#db/schema";
import type { Locale } from "#db/schema/states";
import { assertEventPermission, type Actor } from "~/domain/team/authorization.server";
import { loadEventContext } from "./event-context.server";
import { LIST_VOLUME } from "./list-file";

const fileColumns = {
  volume: packetFiles.volume,
  fileName: packetFiles.fileName,
  pageCount: packetFiles.pageCount,
  // The list file's bytes live in its parts (older packets kept them in volume 0 itself).
  size: sql<number>`(octet_length(${packetFiles.bytes}) + case when ${packetFiles.volume} = ${LIST_VOLUME}
    then coalesce((select sum(octet_length(lp.bytes)) from packet_list_parts lp where lp.packet_id = ${packetFiles.packetId}), 0)
    else 0 end)::int`,
};

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

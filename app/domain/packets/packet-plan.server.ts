// What a packet will hold, counted before a single row is drawn: the routed online signatures and
// paper rows per group, the totals the cover letter prints, and how many volumes the rows fill.
import type { Packet } from "#db/schema";
import type { EventContext } from "./event-context.server";
import { paperRows } from "./list-file";
import {
  countRouted,
  routedPaperBatches,
  type ListRow,
  type RouteGroup,
} from "./packet-routing.server";

const sum = (rs: ListRow[]) => rs.reduce((n, r) => n + r.count, 0);

export type PacketPlan = Awaited<ReturnType<typeof planPacket>>;

export async function planPacket({
  packet,
  ctx,
  snapshotAt,
  timeZone,
}: {
  packet: Packet;
  ctx: EventContext;
  snapshotAt: Date;
  timeZone: string;
}) {
  const { office, petition } = ctx;
  const counts = await countRouted({ petitionId: petition.id, office, snapshotAt });
  const paper = await routedPaperBatches({ petitionId: petition.id, office, snapshotAt });
  const groups: RouteGroup[] = packet.includeOthers ? ["local", "other"] : ["local"];
  const paperByGroup: Record<RouteGroup, ListRow[]> = {
    local: paper.local.flatMap((b) => paperRows(b, "local", timeZone)),
    other: paper.other.flatMap((b) => paperRows(b, "other", timeZone)),
  };
  const onlineInPacket = counts.local + (packet.includeOthers ? counts.other : 0);
  const rowCount = onlineInPacket + groups.reduce((n, g) => n + paperByGroup[g].length, 0);
  const paperInPacket = groups.reduce((n, g) => n + sum(paperByGroup[g]), 0);
  return {
    /** Local first, then (if the organizer chose) everyone else. */
    groups,
    paperByGroup,
    /** Printed rows: one per online signature, per named paper signer, per unnamed paper count. */
    rowCount,
    volumeCount: Math.max(1, Math.ceil(rowCount / packet.volumeSize)),
    /** Verified online signatures on the whole petition at the snapshot. */
    onlineVerified: counts.total,
    /** Paper signatures on the whole petition at the snapshot, wherever signed. */
    paperAll: sum(paperByGroup.local) + sum(paperByGroup.other),
    onlineInPacket,
    paperInPacket,
    /** Local signers, online and on paper (the local group is always in the packet). */
    local: counts.local + sum(paperByGroup.local),
  };
}

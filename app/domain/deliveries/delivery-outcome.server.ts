// What the public may read about a delivery once it happened: when it was handed over (the
// reported time, not the schedule), who received it, how many signatures, the office's response,
// and links to photos. Never the coordinator's own notes ("how it went") or who reported.
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { acknowledgements, deliveryEvents, deliveryReports } from "#db/schema";
import { DONE_EVENT_STATES } from "#db/schema/states";

export async function getPublicDeliveryOutcome({ eventId }: { eventId: number }) {
  const [row] = await db
    .select({
      status: deliveryEvents.status,
      eventDeliveredAt: deliveryEvents.deliveredAt,
      reportedAt: deliveryReports.deliveredAt,
      receivedByName: deliveryReports.receivedByName,
      receivedByTitle: deliveryReports.receivedByTitle,
      signaturesHandedOver: deliveryReports.signaturesHandedOver,
      links: deliveryReports.links,
      ackKind: acknowledgements.kind,
      ackNote: acknowledgements.note,
      acknowledgedAt: acknowledgements.acknowledgedAt,
    })
    .from(deliveryEvents)
    .leftJoin(deliveryReports, eq(deliveryReports.eventId, deliveryEvents.id))
    .leftJoin(acknowledgements, eq(acknowledgements.eventId, deliveryEvents.id))
    .where(eq(deliveryEvents.id, eventId));
  if (!row || !(DONE_EVENT_STATES as readonly string[]).includes(row.status)) return null;
  return {
    deliveredAt: row.reportedAt ?? row.eventDeliveredAt,
    receivedByName: row.receivedByName ?? "",
    receivedByTitle: row.receivedByTitle ?? "",
    signaturesHandedOver: row.signaturesHandedOver ?? null,
    links: (row.links ?? []).filter((l) => /^https?:\/\//i.test(l)),
    acknowledgement:
      row.status === "acknowledged" && row.ackKind
        ? { kind: row.ackKind, note: row.ackNote ?? "", at: row.acknowledgedAt }
        : null,
  };
}

// Deliveries in the OSDI view (a Handover extension): an event's status with its dates and
// history, the coordinator's report, the office's acknowledgement and the ready packets.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { db } from "#db/client";
import {
  acknowledgements,
  deliveryEvents,
  deliveryReports,
  eventStatusChanges,
  packets,
} from "#db/schema";
import { env } from "~/lib/env.server";
import type { ApiActor } from "~/domain/team/api-token.server";
import { campaignEvent, campaignEventsListed } from "./osdi-events.server";
import { collection, pageWithTotal, type ListInput } from "./osdi-paging.server";
import { allow, href, iso, resourceHead } from "./osdi-resource.server";

async function deliveryResources(eventIds: number[]) {
  if (eventIds.length === 0) return [];
  const [events, history, reports, acks, readyPackets] = await Promise.all([
    db.select().from(deliveryEvents).where(inArray(deliveryEvents.id, eventIds)),
    db
      .select()
      .from(eventStatusChanges)
      .where(inArray(eventStatusChanges.eventId, eventIds))
      .orderBy(asc(eventStatusChanges.createdAt), asc(eventStatusChanges.id)),
    db.select().from(deliveryReports).where(inArray(deliveryReports.eventId, eventIds)),
    db.select().from(acknowledgements).where(inArray(acknowledgements.eventId, eventIds)),
    db
      .select()
      .from(packets)
      .where(and(inArray(packets.eventId, eventIds), eq(packets.status, "ready")))
      .orderBy(desc(packets.readyAt)),
  ]);
  return eventIds.map((id) => {
    const e = events.find((x) => x.id === id)!;
    const report = reports.find((r) => r.eventId === id);
    const ack = acks.find((a) => a.eventId === id);
    return {
      ...resourceHead(id, e.createdAt, e.updatedAt),
      status: e.status,
      status_dates: {
        planned: iso(e.plannedAt) ?? null,
        confirmed: iso(e.confirmedAt) ?? null,
        packet_ready: iso(e.packetReadyAt) ?? null,
        delivered: iso(e.deliveredAt) ?? null,
        acknowledged: iso(e.acknowledgedAt) ?? null,
        postponed: iso(e.postponedAt) ?? null,
        cancelled: iso(e.cancelledAt) ?? null,
      },
      history: history
        .filter((h) => h.eventId === id)
        .map((h) => ({ from: h.fromStatus, to: h.toStatus, date: iso(h.createdAt), note: h.note })),
      report: report
        ? {
            delivered_date: iso(report.deliveredAt),
            received_by: { name: report.receivedByName, title: report.receivedByTitle },
            signatures_handed_over: report.signaturesHandedOver,
            attendees_count: report.attendeesCount,
            how_it_went: report.howItWent,
            office_response: report.officeResponse,
            links: report.links,
          }
        : null,
      acknowledgement: ack
        ? { kind: ack.kind, note: ack.note, acknowledged_date: iso(ack.acknowledgedAt) }
        : null,
      packets: readyPackets
        .filter((p) => p.eventId === id)
        .map((p) => ({
          id: p.id,
          ready_date: iso(p.readyAt),
          signatures: p.signatureCount,
          paper_signatures: p.paperCount,
          superseded: !!p.supersededAt,
          verify_url: `${env().APP_URL}/verify/${p.id}`,
        })),
      _links: {
        self: href(`/deliveries/${id}`),
        "osdi:event": href(`/events/${id}`),
        "handover:office": href(`/offices/${e.officeId}`),
        "osdi:petition": href(`/petitions/${e.petitionId}`),
      },
    };
  });
}

export async function listDeliveries({ actor, paging, search }: ListInput) {
  await allow(actor, "event.view");
  const where = campaignEventsListed({ actor, paging });
  const { list, total } = await pageWithTotal({
    paging,
    table: deliveryEvents,
    where,
    page: (limit, offset) =>
      db
        .select({ id: deliveryEvents.id })
        .from(deliveryEvents)
        .where(where)
        .orderBy(asc(deliveryEvents.id))
        .limit(limit)
        .offset(offset),
  });
  return collection({
    path: "/deliveries",
    rel: "deliveries",
    items: await deliveryResources(list.map((r) => r.id)),
    total,
    paging,
    search,
  });
}

export async function getDelivery({ actor, eventId }: { actor: ApiActor; eventId: number }) {
  await allow(actor, "event.view");
  await campaignEvent(actor, eventId);
  return (await deliveryResources([eventId]))[0]!;
}

/** For webhooks: the delivery resource of one event. */
export const deliveryById = async (eventId: number) =>
  (await deliveryResources([eventId]))[0] ?? null;

// "My deliveries": the events a person coordinates, with everything needed on the day (time, place,
// meeting point, attendees, the packet's files) in one read, so the phone can keep it offline.
// Only events the person is assigned to, in campaigns they still belong to: nothing else is sent.
import { and, asc, desc, eq, gt, inArray, isNull, or } from "drizzle-orm";
import { db } from "#db/client";
import {
  campaignMembers,
  campaigns,
  deliveryEvents,
  eventCoordinators,
  offices,
  packetFiles,
  packets,
  rsvps,
} from "#db/schema";
import { DONE_EVENT_STATES, OPEN_EVENT_STATES, RSVP_HOLDING_STATES } from "#db/schema/states";
import type { Actor } from "~/domain/team/authorization.server";
import { officeAddressColumns } from "~/domain/offices/office-columns.server";

/** Delivered events stay on the list for a while (for corrections and the acknowledgement). */
const KEEP_DONE_DAYS = 14;

export async function listMyDeliveries({ actor }: { actor: Actor }) {
  if (!actor) return [];
  const since = new Date(Date.now() - KEEP_DONE_DAYS * 86400_000);
  const events = await db
    .select({
      id: deliveryEvents.id,
      status: deliveryEvents.status,
      startsAt: deliveryEvents.startsAt,
      endsAt: deliveryEvents.endsAt,
      timeZone: deliveryEvents.timeZone,
      meetingPoint: deliveryEvents.meetingPoint,
      campaignSlug: campaigns.slug,
      campaignName: campaigns.name,
      officeName: offices.name,
      ...officeAddressColumns,
      officePhone: offices.phone,
    })
    .from(eventCoordinators)
    .innerJoin(deliveryEvents, eq(deliveryEvents.id, eventCoordinators.eventId))
    .innerJoin(campaigns, eq(campaigns.id, deliveryEvents.campaignId))
    .innerJoin(
      campaignMembers,
      and(
        eq(campaignMembers.campaignId, deliveryEvents.campaignId),
        eq(campaignMembers.userId, eventCoordinators.userId),
      ),
    )
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .where(
      and(
        eq(eventCoordinators.userId, actor.userId),
        or(
          inArray(deliveryEvents.status, [...OPEN_EVENT_STATES]),
          and(
            inArray(deliveryEvents.status, [...DONE_EVENT_STATES]),
            gt(deliveryEvents.updatedAt, since),
          ),
        ),
      ),
    )
    .orderBy(asc(deliveryEvents.startsAt))
    .limit(50);
  if (!events.length) return [];
  const ids = events.map((e) => e.id);
  const people = await db
    .select({
      id: rsvps.id,
      eventId: rsvps.eventId,
      name: rsvps.name,
      phone: rsvps.phone,
      role: rsvps.role,
      status: rsvps.status,
      checkedInAt: rsvps.checkedInAt,
    })
    .from(rsvps)
    .where(and(inArray(rsvps.eventId, ids), inArray(rsvps.status, [...RSVP_HOLDING_STATES])))
    .orderBy(asc(rsvps.status), asc(rsvps.name));
  const files = await db
    .select({
      eventId: packets.eventId,
      packetId: packets.id,
      volume: packetFiles.volume,
      fileName: packetFiles.fileName,
      pageCount: packetFiles.pageCount,
      readyAt: packets.readyAt,
    })
    .from(packets)
    .innerJoin(packetFiles, eq(packetFiles.packetId, packets.id))
    .where(
      and(
        inArray(packets.eventId, ids),
        eq(packets.status, "ready"),
        isNull(packets.supersededAt),
        // Volume 0 holds the plain-text list behind the fingerprint, not a printable file.
        gt(packetFiles.volume, 0),
      ),
    )
    .orderBy(desc(packets.readyAt), asc(packetFiles.volume));
  return events.map((e) => {
    // The newest ready packet only: an older one would carry an older count.
    const mine = files.filter((f) => f.eventId === e.id);
    const latest = mine[0]?.packetId;
    return {
      ...e,
      attendees: people.filter((p) => p.eventId === e.id),
      packetFiles: mine
        .filter((f) => f.packetId === latest)
        .map((f) => ({
          volume: f.volume,
          fileName: f.fileName,
          pageCount: f.pageCount,
          href: `/dashboard/c/${e.campaignSlug}/deliveries/events/${e.id}/packet/${f.packetId}/${f.volume}.pdf`,
          printHref: `/dashboard/c/${e.campaignSlug}/deliveries/events/${e.id}/packet/${f.packetId}/print?volume=${f.volume}`,
        })),
    };
  });
}
export type MyDelivery = Awaited<ReturnType<typeof listMyDeliveries>>[number];

/** True when the person coordinates at least one event: their first page is "My deliveries". */
export async function coordinatesAnyEvent({ actor }: { actor: Actor }) {
  if (!actor) return false;
  const [row] = await db
    .select({ eventId: eventCoordinators.eventId })
    .from(eventCoordinators)
    .where(eq(eventCoordinators.userId, actor.userId))
    .limit(1);
  return !!row;
}

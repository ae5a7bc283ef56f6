// What the public may know about a petition's deliveries: office, city, local time, status.
// Never the private meeting point, coordinators or attendees.
import { and, asc, eq, inArray } from "drizzle-orm";
import { db } from "#db/client";
import { deliveryEvents, offices } from "#db/schema";

const PUBLIC_STATES = [
  "planned",
  "confirmed",
  "packet_ready",
  "delivered",
  "acknowledged",
  "postponed",
] as const;

export async function listPublicDeliveryEvents({ petitionId }: { petitionId: number }) {
  return db
    .select({
      id: deliveryEvents.id,
      status: deliveryEvents.status,
      startsAt: deliveryEvents.startsAt,
      endsAt: deliveryEvents.endsAt,
      timeZone: deliveryEvents.timeZone,
      officeName: offices.name,
      city: offices.city,
      region: offices.region,
      deliveredAt: deliveryEvents.deliveredAt,
    })
    .from(deliveryEvents)
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .where(
      and(
        eq(deliveryEvents.petitionId, petitionId),
        inArray(deliveryEvents.status, [...PUBLIC_STATES]),
      ),
    )
    .orderBy(asc(deliveryEvents.startsAt));
}

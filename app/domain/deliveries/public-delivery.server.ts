// What the public may know about a petition's deliveries: office, city, local time, status.
// Never the private meeting point, coordinators or attendees. A national day of action can have
// a thousand events, so the petition page shows a bounded list and the full schedule is paged.
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { db } from "#db/client";
import { deliveryEvents, offices } from "#db/schema";
import { lookupUsZip } from "~/data/us-zip";

const PUBLIC_STATES = [
  "planned",
  "confirmed",
  "packet_ready",
  "delivered",
  "acknowledged",
  "postponed",
] as const;

/** How many events the petition page itself lists; the rest are one link away. */
export const PAGE_EVENT_LIMIT = 6;
/** Events per page of the full schedule. */
export const SCHEDULE_PAGE_SIZE = 50;

const columns = {
  id: deliveryEvents.id,
  status: deliveryEvents.status,
  startsAt: deliveryEvents.startsAt,
  endsAt: deliveryEvents.endsAt,
  timeZone: deliveryEvents.timeZone,
  officeName: offices.name,
  city: offices.city,
  region: offices.region,
  deliveredAt: deliveryEvents.deliveredAt,
};

const isPublic = (petitionId: number) =>
  and(
    eq(deliveryEvents.petitionId, petitionId),
    inArray(deliveryEvents.status, [...PUBLIC_STATES]),
  );

/** The petition's public events in date order, at most `limit` from `offset`. */
export async function listPublicDeliveryEvents({
  petitionId,
  limit = PAGE_EVENT_LIMIT,
  offset = 0,
}: {
  petitionId: number;
  limit?: number;
  offset?: number;
}) {
  return db
    .select(columns)
    .from(deliveryEvents)
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .where(isPublic(petitionId))
    .orderBy(asc(deliveryEvents.startsAt), asc(deliveryEvents.id))
    .limit(Math.min(Math.max(limit, 1), 200))
    .offset(Math.max(offset, 0));
}

export async function countPublicDeliveryEvents({ petitionId }: { petitionId: number }) {
  const [r] = await db.select({ n: count() }).from(deliveryEvents).where(isPublic(petitionId));
  return Number(r?.n ?? 0);
}

/** The city a signer means: a US ZIP code is looked up, anything else is taken as a city name. */
export function cityFromNear(near: string | null | undefined) {
  const value = (near ?? "").trim().slice(0, 80);
  if (!value) return null;
  if (/^\d{5}(?:-?\d{4})?$/.test(value)) return lookupUsZip(value)?.city ?? null;
  return value;
}

/** The events in one city (case-insensitive), bounded: the signer's own city first. */
export async function listPublicDeliveryEventsIn({
  petitionId,
  city,
}: {
  petitionId: number;
  city: string;
}) {
  return db
    .select(columns)
    .from(deliveryEvents)
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .where(and(isPublic(petitionId), sql`lower(${offices.city}) = lower(${city})`))
    .orderBy(asc(deliveryEvents.startsAt), asc(deliveryEvents.id))
    .limit(SCHEDULE_PAGE_SIZE);
}

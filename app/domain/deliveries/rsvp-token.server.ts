// Finding the RSVP a link names. Links carry a token; the table keeps only its hash, in one
// column for the address-confirmation link and another for the cancel link.
import { eq } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { deliveryEvents, offices, rsvps } from "#db/schema";
import { sha256 } from "~/lib/crypto.server";
import { lockEvent } from "./rsvp-event.server";

type TokenColumn = typeof rsvps.confirmTokenHash | typeof rsvps.cancelTokenHash;

/** The RSVP with the event's office and time, for the page a link opens. */
export async function rsvpForLink(column: TokenColumn, token: string) {
  const [row] = await db
    .select({
      rsvp: rsvps,
      officeName: offices.name,
      city: offices.city,
      startsAt: deliveryEvents.startsAt,
      timeZone: deliveryEvents.timeZone,
    })
    .from(rsvps)
    .innerJoin(deliveryEvents, eq(deliveryEvents.id, rsvps.eventId))
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .where(eq(column, sha256(token)));
  return row ?? null;
}

/**
 * The RSVP a link's hash names, with its event row locked, read again under the lock: a concurrent
 * use of the same link then sees the first one's change. Null when no RSVP has that hash.
 */
export async function lockRsvpByHash(tx: DbOrTx, column: TokenColumn, hash: string) {
  const [found] = await tx.select({ eventId: rsvps.eventId }).from(rsvps).where(eq(column, hash));
  if (!found) return null;
  const event = await lockEvent(tx, found.eventId);
  const [rsvp] = await tx.select().from(rsvps).where(eq(column, hash));
  return { eventId: found.eventId, event, rsvp };
}

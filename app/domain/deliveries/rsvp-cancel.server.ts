// A volunteer cancelling by the link in their emails; a place that opens goes to the waitlist.
import { and, asc, eq } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { deliveryEvents, rsvps } from "#db/schema";
import rsvpWaitlistPromoted from "#emails/rsvp-waitlist-promoted";
import { sha256 } from "~/lib/crypto.server";
import { enqueueEmail } from "~/domain/mail/email.server";
import { countRsvps } from "./rsvp-event.server";
import {
  cancelUrl,
  eventForMail,
  eventMailProps,
  eventUrl,
  icsAttachment,
  rsvpCancelToken,
} from "./rsvp-mail.server";
import { scheduleReminders } from "./rsvp-reminders.server";
import { lockRsvpByHash, rsvpForLink } from "./rsvp-token.server";

/** What the cancel page shows. */
export async function getRsvpByToken(token: string) {
  if (!token) return null;
  return rsvpForLink(rsvps.cancelTokenHash, token);
}

/** Fills free places from the waitlist, oldest first. The caller holds the event row lock. */
async function promoteFromWaitlist(tx: DbOrTx, eventId: number) {
  const event = (await tx.select().from(deliveryEvents).where(eq(deliveryEvents.id, eventId)))[0]!;
  const { going } = await countRsvps({ eventId, tx });
  const free = event.capacity == null ? Number.MAX_SAFE_INTEGER : event.capacity - going;
  if (free <= 0) return [];
  const waiting = await tx
    .select()
    .from(rsvps)
    .where(and(eq(rsvps.eventId, eventId), eq(rsvps.status, "waitlisted")))
    .orderBy(asc(rsvps.waitlistedAt), asc(rsvps.id))
    .limit(Math.min(free, 1000));
  if (waiting.length === 0) return [];
  const info = await eventForMail(tx, eventId);
  const now = new Date();
  for (const r of waiting) {
    await tx.update(rsvps).set({ status: "going", promotedAt: now }).where(eq(rsvps.id, r.id));
    await enqueueEmail({
      template: rsvpWaitlistPromoted,
      props: {
        name: r.name,
        ...eventMailProps(info),
        meetingPoint: event.meetingPoint,
        eventUrl: eventUrl(eventId, r.locale),
        cancelUrl: cancelUrl(rsvpCancelToken(r.id)),
      },
      to: r.email,
      locale: r.locale,
      dedupeKey: `rsvp-waitlist-promoted:rsvp:${r.id}:${now.getTime()}`,
      attachments: [icsAttachment(info, r.locale)],
      tx,
    });
  }
  await scheduleReminders({ eventId, startsAt: event.startsAt, tx });
  return waiting.map((r) => r.id);
}

/** Cancels by the link's token. Returns the promoted RSVP ids (if a place opened). */
export async function cancelRsvp({ token }: { token: string }) {
  const hash = sha256(token);
  return db.transaction(async (tx) => {
    // Read under the event lock: a concurrent cancellation of the same RSVP must not count twice.
    const rsvp = (await lockRsvpByHash(tx, rsvps.cancelTokenHash, hash))?.rsvp;
    if (!rsvp || rsvp.status === "cancelled") return { cancelled: false, promoted: [] as number[] };
    await tx
      .update(rsvps)
      .set({ status: "cancelled", cancelledAt: new Date() })
      .where(eq(rsvps.id, rsvp.id));
    const promoted = rsvp.status === "going" ? await promoteFromWaitlist(tx, rsvp.eventId) : [];
    return { cancelled: true, promoted };
  });
}

// Reminding volunteers who are going: a day before and a few hours before the event.
import { and, eq } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { rsvps } from "#db/schema";
import { RSVP_OPEN_EVENT_STATES } from "#db/schema/states";
import rsvpReminder from "#emails/rsvp-reminder";
import { enqueueEmail } from "~/domain/mail/email.server";
import { enqueueJob } from "~/jobs/queue.server";
import {
  cancelUrl,
  eventForMail,
  eventMailProps,
  eventUrl,
  rsvpCancelToken,
} from "./rsvp-mail.server";

export const REMINDER_WINDOWS = { day: 24 * 60, hours: 3 * 60 } as const;
export type ReminderWindow = keyof typeof REMINDER_WINDOWS;

/** Queues the day-before and hours-before reminder jobs for the event's current start time. */
export async function scheduleReminders({
  eventId,
  startsAt,
  tx = db,
}: {
  eventId: number;
  startsAt: Date;
  tx?: DbOrTx;
}) {
  for (const [window, minutes] of Object.entries(REMINDER_WINDOWS) as [ReminderWindow, number][]) {
    const runAt = new Date(startsAt.getTime() - minutes * 60000);
    await enqueueJob({
      kind: "rsvp-reminders",
      payload: { eventId, window, startsAt: startsAt.toISOString() },
      // Keyed by the start time: a rescheduled event gets fresh reminders, the stale ones skip themselves.
      dedupeKey: `rsvp-reminders:event:${eventId}:${window}:${startsAt.toISOString()}`,
      runAt: runAt.getTime() < Date.now() ? new Date() : runAt,
      tx,
    });
  }
}

/** Sends one reminder window's emails to everyone going. Safe to rerun (email dedupeKeys). */
export async function sendReminders({
  eventId,
  window,
  startsAt,
}: {
  eventId: number;
  window: ReminderWindow;
  startsAt: string;
}) {
  const info = await eventForMail(db, eventId);
  if (!info) return 0;
  const { event } = info;
  // The event moved or closed since the job was queued: its own newer job reminds instead.
  if (event.startsAt.toISOString() !== startsAt) return 0;
  if (!(RSVP_OPEN_EVENT_STATES as readonly string[]).includes(event.status)) return 0;
  if (event.startsAt.getTime() < Date.now()) return 0;
  const going = await db
    .select()
    .from(rsvps)
    .where(and(eq(rsvps.eventId, eventId), eq(rsvps.status, "going")));
  let queued = 0;
  for (const r of going) {
    const created = await enqueueEmail({
      template: rsvpReminder,
      props: {
        name: r.name,
        ...eventMailProps(info),
        meetingPoint: event.meetingPoint,
        window,
        eventUrl: eventUrl(eventId, r.locale),
        cancelUrl: cancelUrl(rsvpCancelToken(r.id)),
      },
      to: r.email,
      locale: r.locale,
      dedupeKey: `rsvp-reminder:rsvp:${r.id}:${window}:${startsAt}`,
    });
    if (created) queued++;
  }
  return queued;
}

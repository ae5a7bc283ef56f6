// Volunteers joining a delivery: RSVP with capacity and a waitlist, cancel by link, reminders,
// check-in. Every change of who is "going" happens with the event row locked (FOR UPDATE), so
// concurrent RSVPs and cancellations never overfill the event or promote the same person twice.
import { and, asc, eq, sql } from "drizzle-orm";
import type { RsvpInput } from "./delivery-forms";
import { db, type DbOrTx } from "#db/client";
import { deliveryEvents, offices, petitions, petitionTexts, rsvps, type Rsvp } from "#db/schema";
import { RSVP_OPEN_EVENT_STATES, type Locale } from "#db/schema/states";
import rsvpConfirmation from "#emails/rsvp-confirmation";
import rsvpReminder from "#emails/rsvp-reminder";
import rsvpWaitlistPromoted from "#emails/rsvp-waitlist-promoted";
import { buildIcs } from "~/utils/ics";
import { keyedHash, randomToken, sha256 } from "~/utils/crypto.server";
import { env } from "~/utils/env.server";
import { normalizeEmail } from "./user.server";
import { assertEventPermission, type Actor } from "./authorization.server";
import { enqueueEmail } from "./email.server";
import { enqueueJob } from "./job.server";
import { emitWebhookEvent } from "./webhook.server";

export const REMINDER_WINDOWS = { day: 24 * 60, hours: 3 * 60 } as const;
export type ReminderWindow = keyof typeof REMINDER_WINDOWS;

export { rsvpSchema, type RsvpInput } from "./delivery-forms";

export class RsvpClosedError extends Error {
  name = "RsvpClosedError";
  status = 409;
}

/**
 * The cancel link's token, derived from the RSVP id with the server secret: every email (confirmation,
 * reminder, promotion) can carry a working link without storing the token; the table keeps its hash.
 */
export const rsvpCancelToken = (rsvpId: number) => keyedHash(`rsvp-cancel:${rsvpId}`);

export const eventUrl = (eventId: number) => `${env().APP_URL}/events/${eventId}`;
export const cancelUrl = (token: string) => `${env().APP_URL}/rsvp/${token}`;

/** What a public page may show about an event. The meeting point only when it isn't private. */
export async function getPublicEvent({ eventId, tx = db }: { eventId: number; tx?: DbOrTx }) {
  const [row] = await tx
    .select({
      event: deliveryEvents,
      office: {
        name: offices.name,
        kind: offices.kind,
        city: offices.city,
        region: offices.region,
        addressLine1: offices.addressLine1,
        addressLine2: offices.addressLine2,
        postalCode: offices.postalCode,
        decisionMaker: offices.decisionMaker,
        decisionMakerTitle: offices.decisionMakerTitle,
      },
      petition: {
        id: petitions.id,
        slug: petitions.slug,
        defaultLocale: petitions.defaultLocale,
        status: petitions.status,
      },
    })
    .from(deliveryEvents)
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .innerJoin(petitions, eq(petitions.id, deliveryEvents.petitionId))
    .where(eq(deliveryEvents.id, eventId));
  if (!row || row.petition.status === "draft") return null;
  const texts = await tx
    .select({ locale: petitionTexts.locale, title: petitionTexts.title })
    .from(petitionTexts)
    .where(eq(petitionTexts.petitionId, row.petition.id));
  const counts = await countRsvps({ eventId, tx });
  const { event } = row;
  return {
    id: event.id,
    status: event.status,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    timeZone: event.timeZone,
    capacity: event.capacity,
    description: event.description,
    descriptionEs: event.descriptionEs,
    meetingPoint: event.meetingPointPrivate ? null : event.meetingPoint,
    meetingPointPrivate: event.meetingPointPrivate,
    office: row.office,
    petition: {
      slug: row.petition.slug,
      defaultLocale: row.petition.defaultLocale,
      titles: Object.fromEntries(texts.map((t) => [t.locale, t.title])) as Partial<
        Record<Locale, string>
      >,
    },
    going: counts.going,
    waitlisted: counts.waitlisted,
    open:
      (RSVP_OPEN_EVENT_STATES as readonly string[]).includes(event.status) &&
      event.startsAt.getTime() > Date.now(),
  };
}
export type PublicEvent = NonNullable<Awaited<ReturnType<typeof getPublicEvent>>>;

export async function countRsvps({ eventId, tx = db }: { eventId: number; tx?: DbOrTx }) {
  const [row] = await tx
    .select({
      going: sql<number>`count(*) filter (where ${rsvps.status} = 'going')::int`,
      waitlisted: sql<number>`count(*) filter (where ${rsvps.status} = 'waitlisted')::int`,
    })
    .from(rsvps)
    .where(eq(rsvps.eventId, eventId));
  return { going: Number(row?.going ?? 0), waitlisted: Number(row?.waitlisted ?? 0) };
}

async function eventForMail(tx: DbOrTx, eventId: number) {
  const [row] = await tx
    .select({
      event: deliveryEvents,
      officeName: offices.name,
      city: offices.city,
      address: offices.addressLine1,
    })
    .from(deliveryEvents)
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .where(eq(deliveryEvents.id, eventId));
  return row!;
}

export function eventIcs(info: Awaited<ReturnType<typeof eventForMail>>, locale: Locale) {
  const { event } = info;
  return buildIcs({
    uid: `delivery-event-${event.id}@handover`,
    start: event.startsAt,
    end: event.endsAt,
    timeZone: event.timeZone,
    summary:
      locale === "es"
        ? `Entrega de la petición: ${info.officeName}`
        : `Petition delivery: ${info.officeName}`,
    description:
      (locale === "es" ? event.descriptionEs || event.description : event.description) || "",
    location: event.meetingPoint || `${info.address}, ${info.city}`,
    url: eventUrl(event.id),
    status: event.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    sequence:
      Math.floor(event.updatedAt.getTime() / 1000) - Math.floor(event.createdAt.getTime() / 1000) >
      0
        ? 1
        : 0,
  });
}

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

async function lockEvent(tx: DbOrTx, eventId: number) {
  const [event] = await tx
    .select()
    .from(deliveryEvents)
    .where(eq(deliveryEvents.id, eventId))
    .for("update");
  return event;
}

/**
 * A volunteer signs up. Going while there is room, else waitlisted. Signing up again with the same
 * email returns the existing RSVP (a cancelled one is revived). Queues the confirmation with an .ics.
 */
export async function createRsvp({
  eventId,
  input,
  locale,
}: {
  eventId: number;
  input: RsvpInput;
  locale: Locale;
}): Promise<{ rsvp: Rsvp; token: string; already: boolean }> {
  return db.transaction(async (tx) => {
    const event = await lockEvent(tx, eventId);
    if (
      !event ||
      !(RSVP_OPEN_EVENT_STATES as readonly string[]).includes(event.status) ||
      event.startsAt.getTime() <= Date.now()
    ) {
      throw new RsvpClosedError("This delivery is not taking RSVPs");
    }
    const emailCanonical = normalizeEmail(input.email);
    const [existing] = await tx
      .select()
      .from(rsvps)
      .where(and(eq(rsvps.eventId, eventId), eq(rsvps.emailCanonical, emailCanonical)));
    if (existing && existing.status !== "cancelled")
      return { rsvp: existing, token: "", already: true };

    const { going } = await countRsvps({ eventId, tx });
    const full = event.capacity != null && going >= event.capacity;
    const now = new Date();
    const values = {
      name: input.name,
      email: input.email.trim(),
      phone: input.phone ?? "",
      role: input.role,
      locale,
      status: full ? ("waitlisted" as const) : ("going" as const),
      // Replaced below by the hash of the id-derived token (the id is not known before the insert).
      cancelTokenHash: existing ? existing.cancelTokenHash : sha256(randomToken()),
      waitlistedAt: full ? now : null,
      cancelledAt: null,
      promotedAt: null,
    };
    const [rsvp] = existing
      ? await tx
          .update(rsvps)
          .set({ ...values, createdAt: now })
          .where(eq(rsvps.id, existing.id))
          .returning()
      : await tx
          .insert(rsvps)
          .values({ ...values, eventId, emailCanonical })
          .returning();
    const token = rsvpCancelToken(rsvp!.id);
    await tx
      .update(rsvps)
      .set({ cancelTokenHash: sha256(token) })
      .where(eq(rsvps.id, rsvp!.id));

    const info = await eventForMail(tx, eventId);
    await enqueueEmail({
      template: rsvpConfirmation,
      props: {
        name: rsvp!.name,
        officeName: info.officeName,
        city: info.city,
        startsAt: event.startsAt.toISOString(),
        timeZone: event.timeZone,
        meetingPoint: event.meetingPoint,
        waitlisted: full,
        eventUrl: eventUrl(eventId),
        cancelUrl: cancelUrl(token),
      },
      to: rsvp!.email,
      locale,
      dedupeKey: `rsvp-confirmation:rsvp:${rsvp!.id}:${now.getTime()}`,
      attachments: full
        ? []
        : [
            {
              filename: "delivery.ics",
              contentType: "text/calendar; charset=utf-8; method=PUBLISH",
              content: Buffer.from(eventIcs(info, locale)).toString("base64"),
            },
          ],
      tx,
    });
    if (!full) await scheduleReminders({ eventId, startsAt: event.startsAt, tx });
    await emitWebhookEvent({
      tx,
      type: "attendance.created",
      key: `${rsvp!.id}:${now.getTime()}`,
      subject: { rsvpId: rsvp!.id, eventId },
    });
    return { rsvp: rsvp!, token, already: false };
  });
}

export async function getRsvpByToken(token: string) {
  if (!token) return null;
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
    .where(eq(rsvps.cancelTokenHash, sha256(token)));
  return row ?? null;
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
    const token = rsvpCancelToken(r.id);
    await enqueueEmail({
      template: rsvpWaitlistPromoted,
      props: {
        name: r.name,
        officeName: info.officeName,
        city: info.city,
        startsAt: event.startsAt.toISOString(),
        timeZone: event.timeZone,
        meetingPoint: event.meetingPoint,
        eventUrl: eventUrl(eventId),
        cancelUrl: cancelUrl(token),
      },
      to: r.email,
      locale: r.locale,
      dedupeKey: `rsvp-waitlist-promoted:rsvp:${r.id}:${now.getTime()}`,
      attachments: [
        {
          filename: "delivery.ics",
          contentType: "text/calendar; charset=utf-8; method=PUBLISH",
          content: Buffer.from(eventIcs(info, r.locale)).toString("base64"),
        },
      ],
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
    const [found] = await tx
      .select({ eventId: rsvps.eventId })
      .from(rsvps)
      .where(eq(rsvps.cancelTokenHash, hash));
    if (!found) return { cancelled: false, promoted: [] as number[] };
    await lockEvent(tx, found.eventId);
    // Re-read under the lock: a concurrent cancellation of the same RSVP must not count twice.
    const [rsvp] = await tx.select().from(rsvps).where(eq(rsvps.cancelTokenHash, hash));
    if (!rsvp || rsvp.status === "cancelled") return { cancelled: false, promoted: [] as number[] };
    await tx
      .update(rsvps)
      .set({ status: "cancelled", cancelledAt: new Date() })
      .where(eq(rsvps.id, rsvp.id));
    const promoted = rsvp.status === "going" ? await promoteFromWaitlist(tx, rsvp.eventId) : [];
    return { cancelled: true, promoted };
  });
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
    const token = rsvpCancelToken(r.id);
    const created = await enqueueEmail({
      template: rsvpReminder,
      props: {
        name: r.name,
        officeName: info.officeName,
        city: info.city,
        startsAt,
        timeZone: event.timeZone,
        meetingPoint: event.meetingPoint,
        window,
        eventUrl: eventUrl(eventId),
        cancelUrl: cancelUrl(token),
      },
      to: r.email,
      locale: r.locale,
      dedupeKey: `rsvp-reminder:rsvp:${r.id}:${window}:${startsAt}`,
    });
    if (created) queued++;
  }
  return queued;
}

export async function listAttendees({ actor, eventId }: { actor: Actor; eventId: number }) {
  await assertEventPermission({ actor, eventId, permission: "event.attendees" });
  return db
    .select({
      id: rsvps.id,
      name: rsvps.name,
      email: rsvps.email,
      phone: rsvps.phone,
      role: rsvps.role,
      status: rsvps.status,
      createdAt: rsvps.createdAt,
      checkedInAt: rsvps.checkedInAt,
    })
    .from(rsvps)
    .where(eq(rsvps.eventId, eventId))
    .orderBy(
      sql`case ${rsvps.status} when 'going' then 0 when 'waitlisted' then 1 else 2 end`,
      asc(rsvps.createdAt),
    );
}

export async function setCheckedIn({
  actor,
  eventId,
  rsvpId,
  checkedIn,
}: {
  actor: Actor;
  eventId: number;
  rsvpId: number;
  checkedIn: boolean;
}) {
  await assertEventPermission({ actor, eventId, permission: "event.checkin" });
  const [row] = await db
    .update(rsvps)
    .set({ checkedInAt: checkedIn ? new Date() : null })
    .where(and(eq(rsvps.id, rsvpId), eq(rsvps.eventId, eventId), eq(rsvps.status, "going")))
    .returning({ id: rsvps.id });
  if (row && checkedIn)
    await emitWebhookEvent({
      type: "attendance.checked_in",
      key: rsvpId,
      subject: { rsvpId, eventId },
    });
  return !!row;
}

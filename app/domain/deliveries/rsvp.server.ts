// Volunteers joining a delivery: RSVP with capacity and a waitlist, cancel by link, reminders,
// check-in. Every change of who is "going" happens with the event row locked (FOR UPDATE), so
// concurrent RSVPs and cancellations never overfill the event or promote the same person twice.
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { RsvpInput } from "./delivery-forms";
import { db, type DbOrTx } from "#db/client";
import { deliveryEvents, offices, petitions, petitionTexts, rsvps, type Rsvp } from "#db/schema";
import { RSVP_HOLDING_STATES, RSVP_OPEN_EVENT_STATES, type Locale } from "#db/schema/states";
import rsvpAlreadyRegistered from "#emails/rsvp-already-registered";
import rsvpConfirmAddress from "#emails/rsvp-confirm-address";
import rsvpConfirmation from "#emails/rsvp-confirmation";
import rsvpReminder from "#emails/rsvp-reminder";
import rsvpWaitlistPromoted from "#emails/rsvp-waitlist-promoted";
import { buildIcs } from "~/lib/ics";
import { keyedHash, randomToken, sha256 } from "~/lib/crypto.server";
import { env } from "~/lib/env.server";
import { normalizeEmail } from "~/domain/team/user.server";
import { assertEventPermission, roleAllows, type Actor } from "~/domain/team/authorization.server";
import { takeClientLimit } from "~/domain/limits/rate-limit.server";
import { enqueueEmail } from "~/domain/mail/email.server";
import { enqueueJob } from "~/jobs/queue.server";
import { emitWebhookEvent } from "~/domain/integrations/webhook-events.server";

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

/** The public event page in the reader's language (links in emails and invitations carry it). */
export const eventUrl = (eventId: number, locale: Locale) =>
  `${env().APP_URL}/events/${eventId}?lang=${locale}`;
export const cancelUrl = (token: string) => `${env().APP_URL}/rsvp/${token}`;
export const confirmUrl = (token: string) => `${env().APP_URL}/rsvp/confirm/${token}`;

/** RSVPs one client (address) may send per hour, whatever the event: enough for a family. */
export const RSVP_CLIENT_LIMIT = 8;
const hourBucket = () => Math.floor(Date.now() / 3600_000);

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
    url: eventUrl(event.id, locale),
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
 * Gives a confirmed volunteer a place (going while there is room, else waitlisted) and queues the
 * confirmation with the meeting point and an .ics. The caller holds the event row lock.
 */
async function seatVolunteer(
  tx: DbOrTx,
  event: typeof deliveryEvents.$inferSelect,
  rsvp: Rsvp,
  locale: Locale,
) {
  const { going } = await countRsvps({ eventId: event.id, tx });
  const full = event.capacity != null && going >= event.capacity;
  const now = new Date();
  const token = rsvpCancelToken(rsvp.id);
  const [seated] = await tx
    .update(rsvps)
    .set({
      status: full ? "waitlisted" : "going",
      waitlistedAt: full ? now : null,
      cancelledAt: null,
      promotedAt: null,
      confirmedAt: rsvp.confirmedAt ?? now,
      confirmTokenHash: null,
      cancelTokenHash: sha256(token),
    })
    .where(eq(rsvps.id, rsvp.id))
    .returning();
  const info = await eventForMail(tx, event.id);
  await enqueueEmail({
    template: rsvpConfirmation,
    props: {
      name: seated!.name,
      officeName: info.officeName,
      city: info.city,
      startsAt: event.startsAt.toISOString(),
      timeZone: event.timeZone,
      meetingPoint: event.meetingPoint,
      waitlisted: full,
      eventUrl: eventUrl(event.id, locale),
      cancelUrl: cancelUrl(token),
    },
    to: seated!.email,
    locale,
    dedupeKey: `rsvp-confirmation:rsvp:${seated!.id}:${now.getTime()}`,
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
  if (!full) await scheduleReminders({ eventId: event.id, startsAt: event.startsAt, tx });
  // Integrations hear of a volunteer once they are seated (a place or the waitlist).
  await emitWebhookEvent({
    tx,
    type: "attendance.created",
    key: `${seated!.id}:${now.getTime()}`,
    subject: { rsvpId: seated!.id, eventId: event.id },
  });
  return { rsvp: seated!, token };
}

const isOpen = (event: typeof deliveryEvents.$inferSelect | undefined) =>
  !!event &&
  (RSVP_OPEN_EVENT_STATES as readonly string[]).includes(event.status) &&
  event.startsAt.getTime() > Date.now();

/** The volunteer's details as stored: the phone only when they agreed the coordinators may see it. */
const storedDetails = (input: RsvpInput) => ({
  name: input.name,
  email: input.email.trim(),
  phone: input.shareContact ? (input.phone ?? "") : "",
  shareContact: !!input.shareContact && !!input.phone,
  role: input.role,
});

/**
 * Seats a volunteer whose address is already known to be theirs (the confirmation link, or a
 * trusted caller). The public form goes through requestRsvp, which confirms the address first.
 * Signing up again with the same email returns the existing RSVP (a cancelled one is revived).
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
    if (!isOpen(event)) throw new RsvpClosedError("This delivery is not taking RSVPs");
    const emailCanonical = normalizeEmail(input.email);
    const [existing] = await tx
      .select()
      .from(rsvps)
      .where(and(eq(rsvps.eventId, eventId), eq(rsvps.emailCanonical, emailCanonical)));
    if (existing && (RSVP_HOLDING_STATES as readonly string[]).includes(existing.status))
      return { rsvp: existing, token: "", already: true };
    const values = { ...storedDetails(input), locale, createdAt: new Date() };
    const [row] = existing
      ? await tx.update(rsvps).set(values).where(eq(rsvps.id, existing.id)).returning()
      : await tx
          .insert(rsvps)
          .values({
            ...values,
            eventId,
            emailCanonical,
            status: "unconfirmed",
            cancelTokenHash: sha256(randomToken()),
          })
          .returning();
    const seated = await seatVolunteer(tx, event!, row!, locale);
    return { ...seated, already: false };
  });
}

export type RsvpRequestOutcome = { status: "check-email" } | { status: "limited" };

/**
 * The public form. Whatever the address — new, unconfirmed, already going or waitlisted — the
 * answer is the same ("check your email"), so the form tells no one who has signed up. What
 * differs is the email that address receives: a confirmation link (no seat or meeting point until
 * it is used) or a note that it is already signed up. At most one such email per address per event
 * per hour (the outbox's dedupe key), and RSVP_CLIENT_LIMIT requests per client per hour.
 */
export async function requestRsvp({
  eventId,
  input,
  locale,
  ip,
}: {
  eventId: number;
  input: RsvpInput;
  locale: Locale;
  ip: string;
}): Promise<RsvpRequestOutcome> {
  if (
    !(await takeClientLimit({ purpose: "rsvp", ip, limit: RSVP_CLIENT_LIMIT, windowMinutes: 60 }))
  )
    return { status: "limited" };
  const bucket = hourBucket();
  await db.transaction(async (tx) => {
    const event = await lockEvent(tx, eventId);
    if (!isOpen(event)) throw new RsvpClosedError("This delivery is not taking RSVPs");
    const emailCanonical = normalizeEmail(input.email);
    const [existing] = await tx
      .select()
      .from(rsvps)
      .where(and(eq(rsvps.eventId, eventId), eq(rsvps.emailCanonical, emailCanonical)));
    const info = await eventForMail(tx, eventId);
    if (existing && (RSVP_HOLDING_STATES as readonly string[]).includes(existing.status)) {
      // Nothing changes; only the address's owner learns that they were already in.
      await enqueueEmail({
        template: rsvpAlreadyRegistered,
        props: {
          name: existing.name,
          officeName: info.officeName,
          city: info.city,
          startsAt: event!.startsAt.toISOString(),
          timeZone: event!.timeZone,
          waitlisted: existing.status === "waitlisted",
          eventUrl: eventUrl(eventId, existing.locale),
          cancelUrl: cancelUrl(rsvpCancelToken(existing.id)),
        },
        to: existing.email,
        locale: existing.locale,
        dedupeKey: `rsvp-already-registered:rsvp:${existing.id}:${bucket}`,
        tx,
      });
      return;
    }
    const [row] = existing
      ? await tx
          .update(rsvps)
          .set({ ...storedDetails(input), locale, status: "unconfirmed", cancelledAt: null })
          .where(eq(rsvps.id, existing.id))
          .returning()
      : await tx
          .insert(rsvps)
          .values({
            ...storedDetails(input),
            locale,
            eventId,
            emailCanonical,
            status: "unconfirmed",
            cancelTokenHash: sha256(randomToken()),
          })
          .returning();
    const token = randomToken(24);
    const sent = await enqueueEmail({
      template: rsvpConfirmAddress,
      props: {
        name: row!.name,
        officeName: info.officeName,
        city: info.city,
        startsAt: event!.startsAt.toISOString(),
        timeZone: event!.timeZone,
        confirmUrl: confirmUrl(token),
      },
      to: row!.email,
      locale,
      dedupeKey: `rsvp-confirm-address:rsvp:${row!.id}:${bucket}`,
      tx,
    });
    // Only a link that was actually mailed replaces the previous one (a throttled repeat keeps it).
    if (sent)
      await tx
        .update(rsvps)
        .set({ confirmTokenHash: sha256(token) })
        .where(eq(rsvps.id, row!.id));
  });
  return { status: "check-email" };
}

/** What the confirmation page shows before the button is pressed. */
export async function getRsvpToConfirm(token: string) {
  if (!token || token.length > 100) return null;
  const [row] = await db
    .select({
      status: rsvps.status,
      locale: rsvps.locale,
      eventId: rsvps.eventId,
      officeName: offices.name,
      startsAt: deliveryEvents.startsAt,
      timeZone: deliveryEvents.timeZone,
    })
    .from(rsvps)
    .innerJoin(deliveryEvents, eq(deliveryEvents.id, rsvps.eventId))
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .where(eq(rsvps.confirmTokenHash, sha256(token)));
  return row ?? null;
}

/** The confirmation link's POST: the address is the volunteer's, so they get a place (or the waitlist). */
export async function confirmRsvp({
  token,
}: {
  token: string;
}): Promise<
  | { status: "going" | "waitlisted"; eventId: number }
  | { status: "closed"; eventId: number }
  | { status: "invalid" }
> {
  if (!token || token.length > 100) return { status: "invalid" };
  const hash = sha256(token);
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({ eventId: rsvps.eventId })
      .from(rsvps)
      .where(eq(rsvps.confirmTokenHash, hash));
    if (!found) return { status: "invalid" as const };
    const event = await lockEvent(tx, found.eventId);
    const [rsvp] = await tx.select().from(rsvps).where(eq(rsvps.confirmTokenHash, hash));
    if (!rsvp || rsvp.status !== "unconfirmed") return { status: "invalid" as const };
    if (!isOpen(event)) return { status: "closed" as const, eventId: found.eventId };
    const seated = await seatVolunteer(tx, event!, rsvp, rsvp.locale);
    return {
      status: seated.rsvp.status === "going" ? ("going" as const) : ("waitlisted" as const),
      eventId: found.eventId,
    };
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
        eventUrl: eventUrl(eventId, r.locale),
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
        eventUrl: eventUrl(eventId, r.locale),
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

/**
 * The event's volunteers who confirmed their address. Owners and organizers see the email (they
 * hold contact data); the phone only ever appears when the volunteer agreed the event's
 * coordinators may see it — the RSVP form says so next to the field.
 */
export async function listAttendees({ actor, eventId }: { actor: Actor; eventId: number }) {
  const { role } = await assertEventPermission({ actor, eventId, permission: "event.attendees" });
  const withEmail = roleAllows(role, "signatures.viewContact");
  const list = await db
    .select({
      id: rsvps.id,
      name: rsvps.name,
      email: rsvps.email,
      phone: sql<string>`case when ${rsvps.shareContact} then ${rsvps.phone} else '' end`,
      role: rsvps.role,
      status: rsvps.status,
      createdAt: rsvps.createdAt,
      checkedInAt: rsvps.checkedInAt,
    })
    .from(rsvps)
    .where(and(eq(rsvps.eventId, eventId), ne(rsvps.status, "unconfirmed")))
    .orderBy(
      sql`case ${rsvps.status} when 'going' then 0 when 'waitlisted' then 1 else 2 end`,
      asc(rsvps.createdAt),
    );
  return list.map(({ email, ...rest }) => (withEmail ? { ...rest, email } : rest)) as Array<
    Omit<(typeof list)[number], "email"> & { email?: string }
  >;
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

// Volunteers joining a delivery: the public form asks them to confirm their address first; the
// confirmation seats them (going while there is room, else waitlisted) with the event row locked.
import { and, eq } from "drizzle-orm";
import type { RsvpInput } from "./delivery-forms";
import { db, type DbOrTx } from "#db/client";
import { rsvps, type Rsvp } from "#db/schema";
import { RSVP_HOLDING_STATES, type Locale } from "#db/schema/states";
import rsvpAlreadyRegistered from "#emails/rsvp-already-registered";
import rsvpConfirmAddress from "#emails/rsvp-confirm-address";
import rsvpConfirmation from "#emails/rsvp-confirmation";
import { randomToken, sha256 } from "~/lib/crypto.server";
import { normalizeEmail } from "~/domain/team/user.server";
import { takeClientLimit } from "~/domain/limits/rate-limit.server";
import { enqueueEmail } from "~/domain/mail/email.server";
import { emitWebhookEvent } from "~/domain/integrations/webhook-events.server";
import { countRsvps, lockEvent, takesRsvps, type EventRow } from "./rsvp-event.server";
import {
  cancelUrl,
  confirmUrl,
  eventForMail,
  eventMailProps,
  eventUrl,
  icsAttachment,
  rsvpCancelToken,
} from "./rsvp-mail.server";
import { scheduleReminders } from "./rsvp-reminders.server";
import { lockRsvpByHash, rsvpForLink } from "./rsvp-token.server";

export class RsvpClosedError extends Error {
  name = "RsvpClosedError";
  status = 409;
}

/** RSVPs one client (address) may send per hour, whatever the event: enough for a family. */
export const RSVP_CLIENT_LIMIT = 8;
const hourBucket = () => Math.floor(Date.now() / 3600_000);

/**
 * Gives a confirmed volunteer a place (going while there is room, else waitlisted) and queues the
 * confirmation with the meeting point and an .ics. The caller holds the event row lock.
 */
async function seatVolunteer(tx: DbOrTx, event: EventRow, rsvp: Rsvp, locale: Locale) {
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
      ...eventMailProps(info),
      meetingPoint: event.meetingPoint,
      waitlisted: full,
      eventUrl: eventUrl(event.id, locale),
      cancelUrl: cancelUrl(token),
    },
    to: seated!.email,
    locale,
    dedupeKey: `rsvp-confirmation:rsvp:${seated!.id}:${now.getTime()}`,
    attachments: full ? [] : [icsAttachment(info, locale)],
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

/** The volunteer's details as stored: the phone only when they agreed the coordinators may see it. */
const storedDetails = (input: RsvpInput) => ({
  name: input.name,
  email: input.email.trim(),
  phone: input.shareContact ? (input.phone ?? "") : "",
  shareContact: !!input.shareContact && !!input.phone,
  role: input.role,
});

/** The open event, locked, and whatever RSVP the address already has there. */
async function openEventAndExisting(tx: DbOrTx, eventId: number, input: RsvpInput) {
  const event = await lockEvent(tx, eventId);
  if (!takesRsvps(event)) throw new RsvpClosedError("This delivery is not taking RSVPs");
  const emailCanonical = normalizeEmail(input.email);
  const [existing] = await tx
    .select()
    .from(rsvps)
    .where(and(eq(rsvps.eventId, eventId), eq(rsvps.emailCanonical, emailCanonical)));
  const holding =
    !!existing && (RSVP_HOLDING_STATES as readonly string[]).includes(existing.status);
  return { event, emailCanonical, existing, holding };
}

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
    const { event, emailCanonical, existing, holding } = await openEventAndExisting(
      tx,
      eventId,
      input,
    );
    if (existing && holding) return { rsvp: existing, token: "", already: true };
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
    const seated = await seatVolunteer(tx, event, row!, locale);
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
    const { emailCanonical, existing, holding } = await openEventAndExisting(tx, eventId, input);
    const info = await eventForMail(tx, eventId);
    if (existing && holding) {
      // Nothing changes; only the address's owner learns that they were already in.
      await enqueueEmail({
        template: rsvpAlreadyRegistered,
        props: {
          name: existing.name,
          ...eventMailProps(info),
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
        ...eventMailProps(info),
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
  const row = await rsvpForLink(rsvps.confirmTokenHash, token);
  if (!row) return null;
  return {
    status: row.rsvp.status,
    locale: row.rsvp.locale,
    eventId: row.rsvp.eventId,
    officeName: row.officeName,
    startsAt: row.startsAt,
    timeZone: row.timeZone,
  };
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
    const found = await lockRsvpByHash(tx, rsvps.confirmTokenHash, hash);
    if (!found) return { status: "invalid" as const };
    const { event, rsvp, eventId } = found;
    if (!rsvp || rsvp.status !== "unconfirmed") return { status: "invalid" as const };
    if (!takesRsvps(event)) return { status: "closed" as const, eventId };
    const seated = await seatVolunteer(tx, event, rsvp, rsvp.locale);
    return {
      status: seated.rsvp.status === "going" ? ("going" as const) : ("waitlisted" as const),
      eventId,
    };
  });
}

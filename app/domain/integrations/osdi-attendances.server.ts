// Attendances (RSVPs to a delivery event) in the OSDI view, and their volunteers as OSDI people.
import { and, asc, eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { deliveryEvents, rsvps } from "#db/schema";
import type { RsvpState } from "#db/schema/states";
import type { ApiActor } from "~/domain/team/api-token.server";
import { campaignEvent } from "./osdi-events.server";
import { collection, filterSql, pageWithTotal, type ListInput } from "./osdi-paging.server";
import { allow, ApiNotFoundError, href, iso, resourceHead } from "./osdi-resource.server";

export const rsvpModified = sql`greatest(${rsvps.createdAt}, ${rsvps.waitlistedAt}, ${rsvps.promotedAt}, ${rsvps.cancelledAt}, ${rsvps.checkedInAt})`;
type RsvpRow = typeof rsvps.$inferSelect & { modified: Date | string };

/** RSVPs with their modified time; `rsvpRowOf` makes one row of a result. */
export const selectRsvps = () =>
  db.select({ r: rsvps, modified: rsvpModified.mapWith(String) }).from(rsvps);
export const rsvpRowOf = (r: { r: typeof rsvps.$inferSelect; modified: string }) => ({
  ...r.r,
  modified: r.modified,
});

const ATTENDANCE_STATUS: Record<RsvpState, string> = {
  unconfirmed: "needs action",
  going: "accepted",
  waitlisted: "tentative",
  cancelled: "declined",
};

export function attendanceResource(r: RsvpRow) {
  const path = `/events/${r.eventId}/attendances/${r.id}`;
  return {
    ...resourceHead(r.id, r.createdAt, r.modified),
    action_date: iso(r.createdAt),
    status: ATTENDANCE_STATUS[r.status],
    attended: !!r.checkedInAt,
    "handover:status": r.status,
    "handover:role": r.role,
    _links: {
      self: href(path),
      "osdi:event": href(`/events/${r.eventId}`),
      "osdi:person": href(`/people/r${r.id}`),
    },
  };
}

/** A volunteer as an OSDI person. The RSVP form asks for one name field: it is the given name. */
export function volunteerPerson(r: RsvpRow, withContact: boolean) {
  return {
    ...resourceHead(`r${r.id}`, r.createdAt, r.modified),
    given_name: r.name,
    languages_spoken: [r.locale],
    ...(withContact
      ? {
          email_addresses: [{ address: r.email, primary: true }],
          ...(r.phone ? { phone_numbers: [{ number: r.phone, primary: true }] } : {}),
        }
      : {}),
    "handover:kind": "volunteer",
    _links: {
      self: href(`/people/r${r.id}`),
      "osdi:attendances": href(`/events/${r.eventId}/attendances/${r.id}`),
    },
  };
}

export async function listAttendances({
  actor,
  eventId,
  paging,
  search,
}: ListInput & { eventId: number }) {
  await campaignEvent(actor, eventId);
  await allow(actor, "event.attendees");
  const where = and(eq(rsvps.eventId, eventId), filterSql(rsvpModified, paging));
  const { list, total } = await pageWithTotal({
    paging,
    table: rsvps,
    where,
    page: (limit, offset) =>
      selectRsvps().where(where).orderBy(asc(rsvps.id)).limit(limit).offset(offset),
  });
  return collection({
    path: `/events/${eventId}/attendances`,
    rel: "attendances",
    items: list.map((r) => attendanceResource(rsvpRowOf(r))),
    total,
    paging,
    search,
  });
}

/** An RSVP to an event of the actor's campaign, or null. */
export async function rsvpRow(actor: ApiActor, rsvpId: number) {
  const [row] = await selectRsvps()
    .innerJoin(deliveryEvents, eq(deliveryEvents.id, rsvps.eventId))
    .where(and(eq(rsvps.id, rsvpId), eq(deliveryEvents.campaignId, actor.campaignId)));
  return row ? rsvpRowOf(row) : null;
}

export async function getAttendance({
  actor,
  eventId,
  rsvpId,
}: {
  actor: ApiActor;
  eventId: number;
  rsvpId: number;
}) {
  await allow(actor, "event.attendees");
  const r = await rsvpRow(actor, rsvpId);
  if (!r || r.eventId !== eventId)
    throw new ApiNotFoundError(`No attendance ${rsvpId} on event ${eventId}.`);
  return attendanceResource(r);
}

/** For webhooks and the attendance helper: an RSVP with its person, contact data as allowed. */
export async function attendanceWithPerson(rsvpId: number, withContact: boolean) {
  const [row] = await selectRsvps().where(eq(rsvps.id, rsvpId));
  if (!row) return null;
  const r = rsvpRowOf(row);
  return {
    ...attendanceResource(r),
    _embedded: { "osdi:person": volunteerPerson(r, withContact) },
  };
}

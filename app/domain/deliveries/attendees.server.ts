// The event's volunteers as the team sees them on the day: the list, and checking people in.
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { db } from "#db/client";
import { rsvps } from "#db/schema";
import { assertEventPermission, roleAllows, type Actor } from "~/domain/team/authorization.server";
import { emitWebhookEvent } from "~/domain/integrations/webhook-events.server";

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

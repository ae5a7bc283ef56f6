// The team members who hear about an event's news (a report, the office's acknowledgement), and
// the link their emails carry.
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { campaignMembers, eventCoordinators, users } from "#db/schema";
import { env } from "~/lib/env.server";
import { roleAllows } from "~/domain/team/authorization.server";

/** The event's page on the dashboard, in the reader's language. */
export const teamEventUrl = ({
  campaignSlug,
  eventId,
  locale,
}: {
  campaignSlug: string;
  eventId: number;
  locale: string;
}) => `${env().APP_URL}/dashboard/c/${campaignSlug}/deliveries/events/${eventId}?lang=${locale}`;

/** The members who manage the campaign's events (owners, organizers), and the event's own coordinators. */
export async function eventTeamRecipients({
  eventId,
  campaignId,
}: {
  eventId: number;
  campaignId: number;
}) {
  const coordinatorIds = (
    await db
      .select({ userId: eventCoordinators.userId })
      .from(eventCoordinators)
      .where(eq(eventCoordinators.eventId, eventId))
  ).map((r) => r.userId);
  const team = await db
    .select({ id: users.id, email: users.email, locale: users.locale, role: campaignMembers.role })
    .from(campaignMembers)
    .innerJoin(users, eq(users.id, campaignMembers.userId))
    .where(eq(campaignMembers.campaignId, campaignId));
  return team.filter((m) => roleAllows(m.role, "event.manage") || coordinatorIds.includes(m.id));
}

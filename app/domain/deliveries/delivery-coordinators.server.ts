// Who leads each delivery event on the ground. Teams plan the day first and recruit city leads
// after, so coordinators can be set or changed on any event that is still open: one event at a
// time (its page) or one person on many events (the board). Every change is audited, and each
// newly assigned coordinator gets an email with the event's link.
import { and, eq, inArray } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import {
  campaignMembers,
  campaigns,
  deliveryEvents,
  eventCoordinators,
  offices,
  users,
} from "#db/schema";
import { OPEN_EVENT_STATES } from "#db/schema/states";
import coordinatorAssigned from "#emails/coordinator-assigned";
import { env } from "~/lib/env.server";
import { recordAudit } from "~/domain/team/audit.server";
import { assertCampaignPermission, rolesWith, type Actor } from "~/domain/team/authorization.server";
import { enqueueEmail } from "~/domain/mail/email.server";
import { teamEventUrl } from "./event-team.server";

/** The assignment could not be made; `code` is a key of the delivery locale's errors. */
export class CoordinatorAssignmentError extends Error {
  name = "CoordinatorAssignmentError";
  status = 400;
  constructor(public code: "coordinator" | "eventClosed" | "noEvents") {
    super(code);
  }
}

/** Members of the campaign who may lead an event (anyone but a read-only viewer). */
export async function listAssignableMembers({
  campaignId,
  tx = db,
}: {
  campaignId: number;
  tx?: DbOrTx;
}) {
  return tx
    .select({ id: users.id, name: users.name, role: campaignMembers.role })
    .from(campaignMembers)
    .innerJoin(users, eq(users.id, campaignMembers.userId))
    .where(
      and(
        eq(campaignMembers.campaignId, campaignId),
        inArray(campaignMembers.role, rolesWith("event.report")),
      ),
    )
    .orderBy(users.name);
}

async function assertMembers(tx: DbOrTx, campaignId: number, userIds: number[]) {
  if (!userIds.length) return [];
  const found = await tx
    .select({ id: users.id, email: users.email, locale: users.locale, name: users.name })
    .from(campaignMembers)
    .innerJoin(users, eq(users.id, campaignMembers.userId))
    .where(
      and(
        eq(campaignMembers.campaignId, campaignId),
        inArray(campaignMembers.userId, userIds),
        inArray(campaignMembers.role, rolesWith("event.report")),
      ),
    );
  if (found.length !== new Set(userIds).size) throw new CoordinatorAssignmentError("coordinator");
  return found;
}

type Change = { eventId: number; added: number[]; removed: number[] };

async function notifyAdded(
  tx: DbOrTx,
  people: Awaited<ReturnType<typeof assertMembers>>,
  changes: Change[],
  campaignSlug: string,
  key: number,
) {
  const eventIds = changes.filter((c) => c.added.length).map((c) => c.eventId);
  if (!eventIds.length) return;
  const rows = await tx
    .select({
      id: deliveryEvents.id,
      startsAt: deliveryEvents.startsAt,
      timeZone: deliveryEvents.timeZone,
      city: offices.city,
      officeName: offices.name,
    })
    .from(deliveryEvents)
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .where(inArray(deliveryEvents.id, eventIds));
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const change of changes) {
    const event = byId.get(change.eventId);
    if (!event) continue;
    for (const userId of change.added) {
      const person = people.find((p) => p.id === userId);
      if (!person) continue;
      await enqueueEmail({
        template: coordinatorAssigned,
        props: {
          name: person.name,
          city: event.city,
          officeName: event.officeName,
          startsAt: event.startsAt.toISOString(),
          timeZone: event.timeZone,
          eventUrl: teamEventUrl({ campaignSlug, eventId: event.id, locale: person.locale }),
          myUrl: `${env().APP_URL}/dashboard/my?lang=${person.locale}`,
        },
        to: person.email,
        locale: person.locale,
        // One email per assignment: removed and assigned again later is a new assignment.
        dedupeKey: `coordinator-assigned:event:${event.id}:user:${userId}:${key}`,
        tx,
      });
    }
  }
}

async function lockOpenEvents(tx: DbOrTx, campaignId: number, eventIds: number[]) {
  const events = await tx
    .select({ id: deliveryEvents.id, status: deliveryEvents.status })
    .from(deliveryEvents)
    .where(and(eq(deliveryEvents.campaignId, campaignId), inArray(deliveryEvents.id, eventIds)))
    .for("update");
  if (events.length !== new Set(eventIds).size) throw new CoordinatorAssignmentError("noEvents");
  if (events.some((e) => !(OPEN_EVENT_STATES as readonly string[]).includes(e.status)))
    throw new CoordinatorAssignmentError("eventClosed");
  return events;
}

async function campaignSlug(tx: DbOrTx, campaignId: number) {
  const [row] = await tx
    .select({ slug: campaigns.slug })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId));
  return row?.slug ?? "";
}

/** Replaces an event's coordinators with `userIds` (organizers and owners only). */
export async function setEventCoordinators({
  actor,
  campaignId,
  eventId,
  userIds,
}: {
  actor: Actor;
  campaignId: number;
  eventId: number;
  userIds: number[];
}) {
  return db.transaction(async (tx) => {
    await assertCampaignPermission({ actor, campaignId, permission: "event.manage", tx });
    await lockOpenEvents(tx, campaignId, [eventId]);
    const wanted = [...new Set(userIds)];
    const people = await assertMembers(tx, campaignId, wanted);
    const current = (
      await tx
        .select({ userId: eventCoordinators.userId })
        .from(eventCoordinators)
        .where(eq(eventCoordinators.eventId, eventId))
    ).map((r) => r.userId);
    const added = wanted.filter((id) => !current.includes(id));
    const removed = current.filter((id) => !wanted.includes(id));
    if (!added.length && !removed.length) return { added, removed };
    if (removed.length)
      await tx
        .delete(eventCoordinators)
        .where(
          and(eq(eventCoordinators.eventId, eventId), inArray(eventCoordinators.userId, removed)),
        );
    if (added.length)
      await tx.insert(eventCoordinators).values(added.map((userId) => ({ eventId, userId })));
    await tx
      .update(deliveryEvents)
      .set({ updatedAt: new Date() })
      .where(eq(deliveryEvents.id, eventId));
    await recordAudit({
      campaignId,
      actorId: actor!.userId,
      action: "event.coordinators.set",
      subjectType: "delivery_event",
      subjectId: eventId,
      details: { added, removed },
      tx,
    });
    await notifyAdded(
      tx,
      people,
      [{ eventId, added, removed }],
      await campaignSlug(tx, campaignId),
      Date.now(),
    );
    return { added, removed };
  });
}

/** Adds one coordinator to several events at once (the board's bulk action); keeps the others. */
export async function assignCoordinatorToEvents({
  actor,
  campaignId,
  eventIds,
  userId,
}: {
  actor: Actor;
  campaignId: number;
  eventIds: number[];
  userId: number;
}) {
  return db.transaction(async (tx) => {
    await assertCampaignPermission({ actor, campaignId, permission: "event.manage", tx });
    const ids = [...new Set(eventIds)];
    if (!ids.length || ids.length > 500) throw new CoordinatorAssignmentError("noEvents");
    await lockOpenEvents(tx, campaignId, ids);
    const people = await assertMembers(tx, campaignId, [userId]);
    const already = (
      await tx
        .select({ eventId: eventCoordinators.eventId })
        .from(eventCoordinators)
        .where(and(eq(eventCoordinators.userId, userId), inArray(eventCoordinators.eventId, ids)))
    ).map((r) => r.eventId);
    const newIds = ids.filter((id) => !already.includes(id));
    if (!newIds.length) return { assigned: 0 };
    await tx.insert(eventCoordinators).values(newIds.map((eventId) => ({ eventId, userId })));
    await tx
      .update(deliveryEvents)
      .set({ updatedAt: new Date() })
      .where(inArray(deliveryEvents.id, newIds));
    await recordAudit({
      campaignId,
      actorId: actor!.userId,
      action: "event.coordinators.assign",
      subjectType: "user",
      subjectId: userId,
      details: { eventIds: newIds },
      tx,
    });
    await notifyAdded(
      tx,
      people,
      newIds.map((eventId) => ({ eventId, added: [userId], removed: [] })),
      await campaignSlug(tx, campaignId),
      Date.now(),
    );
    return { assigned: newIds.length };
  });
}

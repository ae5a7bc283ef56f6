// Moving a delivery event through its status machine (see delivery-event.ts for the table).
// Every move is checked against the machine and the actor's permission, stamps the state's
// `*_at` column, and leaves an event_status_changes row: who, when, from, to, why.
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { z } from "zod";
import { db, type DbOrTx } from "#db/client";
import {
  acknowledgements,
  campaignMembers,
  deliveryEvents,
  deliveryReports,
  eventCoordinators,
  eventStatusChanges,
  offices,
  packets,
  rsvps,
  users,
  type DeliveryEvent,
} from "#db/schema";
import eventChanged from "#emails/event-changed";
import { zonedTimeToUtc } from "~/lib/zoned-time";
import { env } from "~/lib/env.server";
import { enqueueEmail } from "~/domain/mail/email.server";
import { RSVP_HOLDING_STATES, type EventState } from "#db/schema/states";
import {
  assertEventPermission,
  eventAbilities,
  rolesWith,
  type Actor,
} from "~/domain/team/authorization.server";
import {
  canTransition,
  isOpenEvent,
  nextStates,
  permissionForTransition,
  STATE_TIMESTAMP,
} from "./delivery-event";
import { enqueueJob } from "~/jobs/queue.server";
import { scheduleReminders } from "./rsvp-reminders.server";
import { emitWebhookEvent } from "~/domain/integrations/webhook-events.server";

export class IllegalTransitionError extends Error {
  name = "IllegalTransitionError";
  status = 409;
  constructor(
    public from: EventState,
    public to: EventState,
  ) {
    const allowed = nextStates(from);
    super(
      from === to
        ? `The event is already ${from}.`
        : `An event cannot move from "${from}" to "${to}"` +
            (allowed.length
              ? ` (from "${from}" it can go to: ${allowed.join(", ")}).`
              : ` ("${from}" is final).`),
    );
  }
}

/** "Packet ready" means a packet exists: refused while no built packet is current for the event. */
export class PacketNotBuiltError extends Error {
  name = "PacketNotBuiltError";
  status = 409;
  constructor(public eventId: number) {
    super(`Event ${eventId} has no built packet yet`);
  }
}

async function hasReadyPacket(t: DbOrTx, eventId: number) {
  const [row] = await t
    .select({ id: packets.id })
    .from(packets)
    .where(
      and(eq(packets.eventId, eventId), eq(packets.status, "ready"), isNull(packets.supersededAt)),
    )
    .limit(1);
  return !!row;
}

export class EventNotFoundError extends Error {
  name = "EventNotFoundError";
  status = 404;
  constructor(public eventId: number) {
    super(`No delivery event ${eventId}`);
  }
}

/** Jobs a transition sets off. Deduplicated per event and state, so a repeated move queues nothing twice. */
async function afterTransition(
  tx: DbOrTx,
  event: DeliveryEvent,
  from: EventState,
  to: EventState,
  note: string,
) {
  if (to === "delivered" || to === "acknowledged") {
    await enqueueJob({
      kind: "notify-signers",
      payload: { eventId: event.id, phase: to },
      dedupeKey: `notify-signers:event:${event.id}:${to}`,
      priority: "bulk",
      tx,
    });
  }
  if (to === "delivered") {
    await enqueueJob({
      kind: "delivery-reported",
      payload: { eventId: event.id },
      dedupeKey: `delivery-reported:event:${event.id}`,
      tx,
    });
  }
  if (to === "postponed" || to === "cancelled") {
    const key = `${to}:${event.updatedAt.getTime()}`;
    await enqueueJob({
      kind: "event-changed",
      payload: { eventId: event.id, change: to, from, key, note },
      dedupeKey: `event-changed:event:${event.id}:${key}`,
      tx,
    });
  }
}

/**
 * Moves an event to `to`. Refuses a move the machine does not allow with IllegalTransitionError,
 * and an actor without the permission (event.report for packet_ready/delivered/acknowledged, which a
 * coordinator of this event may do; event.manage for the rest) with ForbiddenError.
 * The event row is locked for the move, so two people pressing buttons at once cannot both win.
 */
export async function moveEventStatus({
  eventId,
  to,
  actor,
  note = "",
  at,
  tx,
}: {
  eventId: number;
  to: EventState;
  actor: Actor;
  note?: string;
  /** When the milestone happened (defaults to now), e.g. the delivery time from a report. */
  at?: Date;
  tx?: DbOrTx;
}): Promise<DeliveryEvent> {
  const run = async (t: DbOrTx) => {
    await assertEventPermission({ actor, eventId, permission: permissionForTransition(to), tx: t });
    const [event] = await t
      .select()
      .from(deliveryEvents)
      .where(eq(deliveryEvents.id, eventId))
      .for("update");
    if (!event) throw new EventNotFoundError(eventId);
    const from = event.status;
    if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
    if (to === "packet_ready" && !(await hasReadyPacket(t, eventId)))
      throw new PacketNotBuiltError(eventId);
    const now = new Date();
    const [updated] = await t
      .update(deliveryEvents)
      .set({ status: to, [STATE_TIMESTAMP[to]]: at ?? now, updatedAt: now })
      .where(eq(deliveryEvents.id, eventId))
      .returning();
    await t.insert(eventStatusChanges).values({
      eventId,
      fromStatus: from,
      toStatus: to,
      actorId: actor?.userId ?? null,
      note: note.trim(),
      createdAt: now,
    });
    await afterTransition(t, updated!, from, to, note.trim());
    await emitWebhookEvent({
      tx: t,
      type: "delivery.status_changed",
      key: `${eventId}:${to}:${now.getTime()}`,
      subject: { eventId, from, to },
    });
    return updated!;
  };
  return tx ? run(tx) : db.transaction(run);
}

export type EventChange = "rescheduled" | "moved" | "postponed" | "cancelled";

/** Emails every going or waitlisted volunteer about a change. `key` makes a rerun send nothing new. */
export async function sendEventChanged({
  eventId,
  change,
  key,
  note = "",
}: {
  eventId: number;
  change: EventChange;
  key: string;
  note?: string;
}) {
  const [row] = await db
    .select({ event: deliveryEvents, officeName: offices.name, city: offices.city })
    .from(deliveryEvents)
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .where(eq(deliveryEvents.id, eventId));
  if (!row) return 0;
  const people = await db
    .select()
    .from(rsvps)
    .where(
      and(
        eq(rsvps.eventId, eventId),
        inArray(
          rsvps.status,
          change === "cancelled" || change === "postponed" ? [...RSVP_HOLDING_STATES] : ["going"],
        ),
      ),
    );
  let queued = 0;
  for (const r of people) {
    const ok = await enqueueEmail({
      template: eventChanged,
      props: {
        name: r.name,
        officeName: row.officeName,
        city: row.city,
        change,
        startsAt: row.event.startsAt.toISOString(),
        timeZone: row.event.timeZone,
        meetingPoint: row.event.meetingPoint,
        note,
        eventUrl: `${env().APP_URL}/events/${eventId}?lang=${r.locale}`,
      },
      to: r.email,
      locale: r.locale,
      dedupeKey: `event-changed:event:${eventId}:${key}:rsvp:${r.id}`,
    });
    if (ok) queued++;
  }
  return queued;
}

import type { rescheduleSchema } from "./delivery-forms";

/**
 * Changes the time or the meeting point (entered in the office's own zone) and tells the volunteers.
 * A postponed event that gets a new date stays postponed until someone moves it back to planned.
 */
export async function updateEventSchedule({
  actor,
  eventId,
  input,
}: {
  actor: Actor;
  eventId: number;
  input: z.infer<typeof rescheduleSchema>;
}) {
  return db.transaction(async (tx) => {
    await assertEventPermission({ actor, eventId, permission: "event.manage", tx });
    const [event] = await tx
      .select()
      .from(deliveryEvents)
      .where(eq(deliveryEvents.id, eventId))
      .for("update");
    if (!event) throw new EventNotFoundError(eventId);
    const startsAt = zonedTimeToUtc(input.date, input.time, event.timeZone);
    const endsAt = new Date(startsAt.getTime() + input.durationMinutes * 60000);
    const timeChanged =
      startsAt.getTime() !== event.startsAt.getTime() ||
      endsAt.getTime() !== event.endsAt.getTime();
    const placeChanged = input.meetingPoint !== event.meetingPoint;
    if (!timeChanged && !placeChanged) return event;
    const now = new Date();
    const [updated] = await tx
      .update(deliveryEvents)
      .set({ startsAt, endsAt, meetingPoint: input.meetingPoint, updatedAt: now })
      .where(eq(deliveryEvents.id, eventId))
      .returning();
    const change: EventChange = timeChanged ? "rescheduled" : "moved";
    const key = `${change}:${now.getTime()}`;
    await enqueueJob({
      kind: "event-changed",
      payload: { eventId, change, key, note: input.note },
      dedupeKey: `event-changed:event:${eventId}:${key}`,
      tx,
    });
    if (timeChanged) {
      await scheduleReminders({ eventId, startsAt, tx });
    }
    return updated!;
  });
}

/** Everything the event page of the dashboard shows, for a member who may view events. */
export async function getEventDetail({
  actor,
  campaignId,
  eventId,
}: {
  actor: Actor;
  campaignId: number;
  eventId: number;
}) {
  const { role, campaignId: eventCampaign } = await assertEventPermission({
    actor,
    eventId,
    permission: "event.view",
  });
  if (eventCampaign !== campaignId) return null;
  const [row] = await db
    .select({ event: deliveryEvents, office: offices })
    .from(deliveryEvents)
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .where(eq(deliveryEvents.id, eventId));
  if (!row) return null;
  const coordinators = await db
    .select({ id: users.id, name: users.name })
    .from(eventCoordinators)
    .innerJoin(users, eq(users.id, eventCoordinators.userId))
    .where(eq(eventCoordinators.eventId, eventId));
  const history = await db
    .select({
      id: eventStatusChanges.id,
      fromStatus: eventStatusChanges.fromStatus,
      toStatus: eventStatusChanges.toStatus,
      note: eventStatusChanges.note,
      createdAt: eventStatusChanges.createdAt,
      actorName: users.name,
    })
    .from(eventStatusChanges)
    .leftJoin(users, eq(users.id, eventStatusChanges.actorId))
    .where(eq(eventStatusChanges.eventId, eventId))
    .orderBy(desc(eventStatusChanges.createdAt), desc(eventStatusChanges.id));
  const [report] = await db
    .select()
    .from(deliveryReports)
    .where(eq(deliveryReports.eventId, eventId));
  const [ack] = await db
    .select()
    .from(acknowledgements)
    .where(eq(acknowledgements.eventId, eventId));
  const hasPacket = await hasReadyPacket(db, eventId);
  const can = eventAbilities({
    role,
    isEventCoordinator: coordinators.some((c) => c.id === actor?.userId),
    status: row.event.status,
    hasReadyPacket: hasPacket,
  });
  // Who can make the planning moves, named to a coordinator who is waiting on them.
  const planners = can.manage
    ? []
    : await db
        .select({ name: users.name })
        .from(campaignMembers)
        .innerJoin(users, eq(users.id, campaignMembers.userId))
        .where(
          and(
            eq(campaignMembers.campaignId, campaignId),
            inArray(campaignMembers.role, rolesWith("event.manage")),
          ),
        )
        .orderBy(users.name)
        .limit(5);
  return {
    ...row,
    coordinators,
    planners: planners.map((p) => p.name),
    hasReadyPacket: hasPacket,
    history,
    report: report ?? null,
    acknowledgement: ack ?? null,
    role,
    open: isOpenEvent(row.event.status),
    can,
  };
}

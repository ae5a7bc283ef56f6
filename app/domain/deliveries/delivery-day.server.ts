// Planning deliveries: a whole day (one petition, one date, several offices, each at a local time
// in its own zone) or a single event. Times are entered as the office's wall clock and stored as
// instants; the office's zone is kept on the event so it is shown in that zone everywhere.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { db, type DbOrTx } from "#db/client";
import {
  campaignMembers,
  deliveryDays,
  deliveryEvents,
  eventCoordinators,
  eventStatusChanges,
  offices,
  petitions,
  petitionTexts,
  users,
} from "#db/schema";
import { assertCampaignPermission, rolesWith, type Actor } from "~/domain/team/authorization.server";
import { recordAudit } from "~/domain/team/audit.server";
import { zonedTimeToUtc } from "~/lib/zoned-time";
import type { PlanDayInput, planStopSchema } from "./delivery-forms";

export class PlanningError extends Error {
  name = "PlanningError";
  status = 400;
  constructor(
    public field: string,
    message: string,
  ) {
    super(message);
  }
}

/** What the planning form offers: the campaign's petitions, offices and coordinators-to-be. */
export async function getPlanningOptions({
  actor,
  campaignId,
}: {
  actor: Actor;
  campaignId: number;
}) {
  await assertCampaignPermission({ actor, campaignId, permission: "event.manage" });
  const [petitionRows, officeRows, memberRows] = await Promise.all([
    db
      .select({
        id: petitions.id,
        slug: petitions.slug,
        title: petitionTexts.title,
        locale: petitionTexts.locale,
        defaultLocale: petitions.defaultLocale,
      })
      .from(petitions)
      .innerJoin(petitionTexts, eq(petitionTexts.petitionId, petitions.id))
      .where(eq(petitions.campaignId, campaignId))
      .orderBy(asc(petitions.id)),
    db
      .select({
        id: offices.id,
        name: offices.name,
        city: offices.city,
        timeZone: offices.timeZone,
      })
      .from(offices)
      .where(eq(offices.campaignId, campaignId))
      .orderBy(asc(offices.city)),
    db
      .select({ id: users.id, name: users.name, role: campaignMembers.role })
      .from(campaignMembers)
      .innerJoin(users, eq(users.id, campaignMembers.userId))
      .where(
        and(
          eq(campaignMembers.campaignId, campaignId),
          inArray(campaignMembers.role, rolesWith("event.report")),
        ),
      )
      .orderBy(asc(users.name)),
  ]);
  const petitionsById = new Map<number, { id: number; slug: string; title: string }>();
  for (const p of petitionRows) {
    if (!petitionsById.has(p.id) || p.locale === p.defaultLocale)
      petitionsById.set(p.id, { id: p.id, slug: p.slug, title: p.title });
  }
  return { petitions: [...petitionsById.values()], offices: officeRows, members: memberRows };
}

async function insertEvent(
  tx: DbOrTx,
  {
    actor,
    campaignId,
    petitionId,
    dayId,
    date,
    stop,
  }: {
    actor: Actor;
    campaignId: number;
    petitionId: number;
    dayId: number | null;
    date: string;
    stop: z.infer<typeof planStopSchema>;
  },
) {
  const [office] = await tx
    .select()
    .from(offices)
    .where(and(eq(offices.id, stop.officeId), eq(offices.campaignId, campaignId)));
  if (!office) throw new PlanningError("officeId", "office");
  const startsAt = zonedTimeToUtc(date, stop.time, office.timeZone);
  const [event] = await tx
    .insert(deliveryEvents)
    .values({
      campaignId,
      petitionId,
      officeId: office.id,
      deliveryDayId: dayId,
      status: "planned",
      startsAt,
      endsAt: new Date(startsAt.getTime() + stop.durationMinutes * 60000),
      timeZone: office.timeZone,
      meetingPoint: stop.meetingPoint,
      meetingPointPrivate: stop.meetingPointPrivate,
      capacity: stop.capacity,
      description: stop.description,
      descriptionEs: stop.descriptionEs,
      createdBy: actor!.userId,
    })
    .returning();
  await tx.insert(eventStatusChanges).values({
    eventId: event!.id,
    fromStatus: null,
    toStatus: "planned",
    actorId: actor!.userId,
    note: "",
  });
  if (stop.coordinatorIds.length) {
    const members = await tx
      .select({ userId: campaignMembers.userId })
      .from(campaignMembers)
      .where(
        and(
          eq(campaignMembers.campaignId, campaignId),
          inArray(campaignMembers.userId, stop.coordinatorIds),
        ),
      );
    if (members.length !== new Set(stop.coordinatorIds).size)
      throw new PlanningError("coordinatorIds", "coordinator");
    await tx
      .insert(eventCoordinators)
      .values(members.map((m) => ({ eventId: event!.id, userId: m.userId })));
  }
  return event!;
}

async function assertPetition(tx: DbOrTx, campaignId: number, petitionId: number) {
  const [p] = await tx
    .select({ id: petitions.id })
    .from(petitions)
    .where(and(eq(petitions.id, petitionId), eq(petitions.campaignId, campaignId)));
  if (!p) throw new PlanningError("petitionId", "petition");
}

/** One petition, one date, several offices: a delivery day and one event per office. */
export async function planDeliveryDay({
  actor,
  campaignId,
  input,
}: {
  actor: Actor;
  campaignId: number;
  input: PlanDayInput;
}) {
  return db.transaction(async (tx) => {
    await assertCampaignPermission({ actor, campaignId, permission: "event.manage", tx });
    await assertPetition(tx, campaignId, input.petitionId);
    const officeIds = input.stops.map((s) => s.officeId);
    if (new Set(officeIds).size !== officeIds.length)
      throw new PlanningError("stops", "duplicateOffice");
    const [day] = await tx
      .insert(deliveryDays)
      .values({
        campaignId,
        petitionId: input.petitionId,
        date: input.date,
        title: input.title,
        createdBy: actor!.userId,
      })
      .returning();
    const events = [];
    for (const stop of input.stops)
      events.push(
        await insertEvent(tx, {
          actor,
          campaignId,
          petitionId: input.petitionId,
          dayId: day!.id,
          date: input.date,
          stop,
        }),
      );
    await recordAudit({
      campaignId,
      actorId: actor!.userId,
      action: "delivery_day.plan",
      subjectType: "delivery_day",
      subjectId: day!.id,
      details: { date: input.date, events: events.length },
      tx,
    });
    return { day: day!, events };
  });
}

/** A single event, outside any delivery day. */
export async function createDeliveryEvent({
  actor,
  campaignId,
  petitionId,
  date,
  stop,
}: {
  actor: Actor;
  campaignId: number;
  petitionId: number;
  date: string;
  stop: z.infer<typeof planStopSchema>;
}) {
  return db.transaction(async (tx) => {
    await assertCampaignPermission({ actor, campaignId, permission: "event.manage", tx });
    await assertPetition(tx, campaignId, petitionId);
    return insertEvent(tx, { actor, campaignId, petitionId, dayId: null, date, stop });
  });
}

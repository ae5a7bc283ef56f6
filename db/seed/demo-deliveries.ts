// The demo delivery day: the petition carried to all five offices on one Tuesday, 11:00 local time.
import { deliveryDays, deliveryEvents, eventCoordinators, eventStatusChanges } from "../schema";
import { zonedTimeToUtc } from "../../app/lib/zoned-time";
import { DEMO_OFFICES } from "./demo-data";
import type { SeedContext } from "./demo-core";

/** The first Tuesday at least 10 days after `now`, as YYYY-MM-DD. */
export function demoDeliveryDate(now: Date) {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 10));
  while (d.getUTCDay() !== 2) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export async function seedDeliveryDay(ctx: SeedContext) {
  const { tx, campaignId, petitionId, officeIds, userIds, now } = ctx;
  const date = demoDeliveryDate(now);
  const [day] = await tx
    .insert(deliveryDays)
    .values({
      campaignId,
      petitionId,
      date,
      title: "National delivery day",
      createdBy: userIds.owner,
    })
    .returning({ id: deliveryDays.id });
  const coordinatorFor: Partial<Record<keyof typeof officeIds, number>> = {
    houston: userIds.coordHouston,
    chicago: userIds.coordChicago,
  };
  for (const office of DEMO_OFFICES) {
    const startsAt = zonedTimeToUtc(date, "11:00", office.timeZone);
    const [event] = await tx
      .insert(deliveryEvents)
      .values({
        campaignId,
        petitionId,
        officeId: officeIds[office.key],
        deliveryDayId: day!.id,
        status: "planned",
        startsAt,
        endsAt: new Date(startsAt.getTime() + 90 * 60000),
        timeZone: office.timeZone,
        meetingPoint: `Corner outside ${office.addressLine1}, ${office.city} — look for the orange banner`,
        meetingPointPrivate: true,
        capacity: office.key === "chicago" ? 40 : 15,
        description: `Join neighbors in ${office.city} to hand the petition to ${office.decisionMaker}, ${office.decisionMakerTitle}.`,
        descriptionEs: `Acompaña a tus vecinos en ${office.city} para entregar la petición a ${office.decisionMaker}.`,
        createdBy: userIds.owner,
      })
      .returning({ id: deliveryEvents.id });
    await tx.insert(eventStatusChanges).values({
      eventId: event!.id,
      fromStatus: null,
      toStatus: "planned",
      actorId: userIds.owner,
      note: "Planned with the delivery day",
    });
    const coordinator = coordinatorFor[office.key];
    if (coordinator)
      await tx.insert(eventCoordinators).values({ eventId: event!.id, userId: coordinator });
  }
}

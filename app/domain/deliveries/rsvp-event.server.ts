// A delivery event as volunteers see it: whether it takes RSVPs, how many are going, and what its
// public page may show. Every change of who is "going" happens with the event row locked (FOR
// UPDATE), so concurrent RSVPs and cancellations never overfill the event or promote anyone twice.
import { eq, sql } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { deliveryEvents, offices, petitions, petitionTexts, rsvps } from "#db/schema";
import { RSVP_OPEN_EVENT_STATES, type Locale } from "#db/schema/states";
import { officeAddressColumns } from "~/domain/offices/office-columns.server";

export type EventRow = typeof deliveryEvents.$inferSelect;

export async function lockEvent(tx: DbOrTx, eventId: number) {
  const [event] = await tx
    .select()
    .from(deliveryEvents)
    .where(eq(deliveryEvents.id, eventId))
    .for("update");
  return event;
}

/** Volunteers may join while the event is planned or confirmed and has not started. */
export const takesRsvps = (event: EventRow | undefined): event is EventRow =>
  !!event &&
  (RSVP_OPEN_EVENT_STATES as readonly string[]).includes(event.status) &&
  event.startsAt.getTime() > Date.now();

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

/** What a public page may show about an event. The meeting point only when it isn't private. */
export async function getPublicEvent({ eventId, tx = db }: { eventId: number; tx?: DbOrTx }) {
  const [row] = await tx
    .select({
      event: deliveryEvents,
      office: { name: offices.name, kind: offices.kind, ...officeAddressColumns },
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
    open: takesRsvps(event),
  };
}

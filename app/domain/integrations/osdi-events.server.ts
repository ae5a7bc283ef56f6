// Delivery events in the OSDI view. The office's address is public; a private meeting point is
// shown only with contact access.
import { and, asc, eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { deliveryEvents, offices, rsvps } from "#db/schema";
import type { EventState } from "#db/schema/states";
import { env } from "~/lib/env.server";
import type { ApiActor } from "~/domain/team/api-token.server";
import { collection, filterSql, pageWithTotal, type ListInput } from "./osdi-paging.server";
import {
  allow,
  ApiNotFoundError,
  contactAllowed,
  href,
  iso,
  resourceHead,
} from "./osdi-resource.server";

const OSDI_EVENT_STATUS: Record<EventState, "confirmed" | "tentative" | "cancelled"> = {
  planned: "tentative",
  confirmed: "confirmed",
  packet_ready: "confirmed",
  delivered: "confirmed",
  acknowledged: "confirmed",
  postponed: "tentative",
  cancelled: "cancelled",
};

const eventSelect = {
  e: deliveryEvents,
  office: offices,
  going: sql<number>`(select count(*)::int from ${rsvps} where ${rsvps.eventId} = ${deliveryEvents.id} and ${rsvps.status} = 'going')`,
};
const selectEvents = () =>
  db
    .select(eventSelect)
    .from(deliveryEvents)
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId));
type EventRow = {
  e: typeof deliveryEvents.$inferSelect;
  office: typeof offices.$inferSelect;
  going: number;
};

/** An OSDI event. The office's address is public; a private meeting point never is (see `handover:meeting_point`). */
export function eventResource({ e, office, going }: EventRow, withContact: boolean) {
  const path = `/events/${e.id}`;
  const meetingPublic = !!e.meetingPoint && !e.meetingPointPrivate;
  return {
    ...resourceHead(e.id, e.createdAt, e.updatedAt),
    name: `delivery-${e.id}`,
    title: `Petition delivery: ${office.name}`,
    description: e.description,
    ...(e.descriptionEs ? { "handover:description_es": e.descriptionEs } : {}),
    browser_url: `${env().APP_URL}/events/${e.id}`,
    type: "open",
    status: OSDI_EVENT_STATUS[e.status],
    "handover:status": e.status,
    start_date: iso(e.startsAt),
    end_date: iso(e.endsAt),
    all_day: false,
    timezone: e.timeZone,
    ...(e.capacity != null ? { capacity: e.capacity } : {}),
    total_accepted: Number(going),
    visibility: "public",
    location: {
      ...(meetingPublic ? { venue: e.meetingPoint } : {}),
      address_lines: [office.addressLine1, office.addressLine2].filter(Boolean),
      locality: office.city,
      ...(office.region ? { region: office.region } : {}),
      ...(office.postalCode ? { postal_code: office.postalCode } : {}),
      country: office.country,
      public: true,
    },
    ...(e.meetingPoint && (meetingPublic || withContact)
      ? { "handover:meeting_point": { text: e.meetingPoint, public: meetingPublic } }
      : {}),
    _links: {
      self: href(path),
      "osdi:attendances": href(`${path}/attendances`),
      "osdi:record_attendance_helper": href(`${path}/record_attendance_helper`),
      "handover:delivery": href(`/deliveries/${e.id}`),
      "handover:office": href(`/offices/${office.id}`),
      "osdi:petition": href(`/petitions/${e.petitionId}`),
    },
  };
}

export async function listEvents({ actor, paging, search }: ListInput) {
  await allow(actor, "event.view");
  const withContact = await contactAllowed(actor);
  const where = campaignEventsListed({ actor, paging });
  const { list, total } = await pageWithTotal({
    paging,
    table: deliveryEvents,
    where,
    page: (limit, offset) =>
      selectEvents().where(where).orderBy(asc(deliveryEvents.id)).limit(limit).offset(offset),
  });
  return collection({
    path: "/events",
    rel: "events",
    items: list.map((r) => eventResource(r, withContact)),
    total,
    paging,
    search,
  });
}

async function eventRow(actor: ApiActor, eventId: number) {
  const [row] = await selectEvents().where(
    and(eq(deliveryEvents.id, eventId), eq(deliveryEvents.campaignId, actor.campaignId)),
  );
  if (!row) throw new ApiNotFoundError(`No event ${eventId} in this campaign.`);
  return row;
}

export async function getEvent({ actor, eventId }: { actor: ApiActor; eventId: number }) {
  await allow(actor, "event.view");
  return eventResource(await eventRow(actor, eventId), await contactAllowed(actor));
}

/**
 * The campaign's events a list page may show: the events and the deliveries lists are two views of
 * the same rows, so they filter them alike.
 */
export function campaignEventsListed({ actor, paging }: Pick<ListInput, "actor" | "paging">) {
  return and(
    eq(deliveryEvents.campaignId, actor.campaignId),
    filterSql(sql`${deliveryEvents.updatedAt}`, paging),
  );
}

/** Throws ApiNotFoundError unless the event belongs to the actor's campaign. */
export async function campaignEvent(actor: ApiActor, eventId: number) {
  const [e] = await db
    .select({ id: deliveryEvents.id })
    .from(deliveryEvents)
    .where(and(eq(deliveryEvents.id, eventId), eq(deliveryEvents.campaignId, actor.campaignId)));
  if (!e) throw new ApiNotFoundError(`No event ${eventId} in this campaign.`);
}

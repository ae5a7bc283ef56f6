// The delivery status board: every event of a campaign (or one delivery day) with its office,
// local time, coordinators, RSVPs, packet state and last update — filtered, sorted and grouped in
// SQL so a campaign with a thousand events still loads in one round of small queries.
import { and, asc, desc, eq, gte, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db } from "#db/client";
import {
  deliveryDays,
  deliveryEvents,
  eventCoordinators,
  offices,
  packets,
  users,
} from "#db/schema";
import { EVENT_STATES, type EventState } from "#db/schema/states";
import { INT4_MAX, isoDateParam } from "~/lib/params";
import { assertCampaignPermission, type Actor } from "~/domain/team/authorization.server";

export const BOARD_SORTS = ["time", "city", "status", "updated"] as const;
export const BOARD_GROUPS = ["none", "date", "status"] as const;

export const boardQuerySchema = z.object({
  status: z.array(z.enum(EVENT_STATES)).catch([]),
  city: z.string().trim().max(120).catch(""),
  date: z
    .string()
    .refine((v) => isoDateParam(v) !== undefined)
    .or(z.literal(""))
    .catch(""),
  coordinator: z.coerce.number().int().positive().max(INT4_MAX).optional().catch(undefined),
  day: z.coerce.number().int().positive().max(INT4_MAX).optional().catch(undefined),
  sort: z.enum(BOARD_SORTS).catch("time"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  group: z.enum(BOARD_GROUPS).catch("none"),
  // Paging: a national day can hold a thousand events; a page draws at most BOARD_PAGE_SIZE rows.
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** Rows drawn per board page; the summary and city grid still cover every event. */
export const BOARD_PAGE_SIZE = 250;
export type BoardQuery = z.infer<typeof boardQuerySchema>;

export function parseBoardQuery(params: URLSearchParams): BoardQuery {
  return boardQuerySchema.parse({
    status: params.getAll("status").filter(Boolean),
    city: params.get("city") ?? "",
    date: params.get("date") ?? "",
    coordinator: params.get("coordinator") || undefined,
    day: params.get("day") || undefined,
    sort: params.get("sort") ?? undefined,
    dir: params.get("dir") ?? undefined,
    group: params.get("group") ?? undefined,
    page: params.get("page") ?? undefined,
  });
}

export type BoardRow = {
  id: number;
  status: EventState;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  localDate: string;
  city: string;
  region: string;
  officeName: string;
  coordinators: string;
  going: number;
  waitlisted: number;
  capacity: number | null;
  packetStatus: string | null;
  deliveryChannel: string | null;
  acknowledgedByOffice: boolean;
  updatedAt: string;
  dayId: number | null;
};

export async function getBoard({
  actor,
  campaignId,
  query,
}: {
  actor: Actor;
  campaignId: number;
  query: BoardQuery;
}) {
  await assertCampaignPermission({ actor, campaignId, permission: "event.view" });
  const where: SQL[] = [eq(deliveryEvents.campaignId, campaignId)];
  if (query.status.length) where.push(inArray(deliveryEvents.status, query.status));
  if (query.city) where.push(sql`lower(${offices.city}) = lower(${query.city})`);
  if (query.day) where.push(eq(deliveryEvents.deliveryDayId, query.day));
  if (query.coordinator) {
    where.push(
      sql`exists (select 1 from ${eventCoordinators} where ${eventCoordinators.eventId} = ${deliveryEvents.id} and ${eventCoordinators.userId} = ${query.coordinator})`,
    );
  }
  if (query.date) {
    // "That date" in each event's own zone: compare the local calendar date, not a UTC range.
    where.push(
      sql`(${deliveryEvents.startsAt} at time zone ${deliveryEvents.timeZone})::date = ${query.date}::date`,
    );
    // A cheap index-friendly bracket around it (every zone is within ±14 h of UTC).
    where.push(
      gte(deliveryEvents.startsAt, new Date(Date.parse(`${query.date}T00:00:00Z`) - 14 * 3600_000)),
    );
    where.push(
      lt(deliveryEvents.startsAt, new Date(Date.parse(`${query.date}T00:00:00Z`) + 38 * 3600_000)),
    );
  }

  const direction = query.dir === "desc" ? desc : asc;
  const statusOrder = sql`array_position(array[${sql.join(
    EVENT_STATES.map((s) => sql`${s}`),
    sql`, `,
  )}]::text[], ${deliveryEvents.status}::text)`;
  const order: SQL[] = [];
  if (query.group === "status") order.push(asc(statusOrder));
  if (query.group === "date")
    order.push(
      asc(sql`(${deliveryEvents.startsAt} at time zone ${deliveryEvents.timeZone})::date`),
    );
  if (query.sort === "city") order.push(direction(offices.city), asc(deliveryEvents.startsAt));
  else if (query.sort === "status")
    order.push(
      query.dir === "desc" ? desc(statusOrder) : asc(statusOrder),
      asc(deliveryEvents.startsAt),
    );
  else if (query.sort === "updated") order.push(direction(deliveryEvents.updatedAt));
  else order.push(direction(deliveryEvents.startsAt), asc(offices.city));
  order.push(asc(deliveryEvents.id));

  // Coordinator names and the latest packet as grouped subqueries joined once (not per row);
  // RSVP counts are columns the rsvps table's trigger keeps on the event.
  const coordinatorNames = db
    .select({
      eventId: eventCoordinators.eventId,
      names: sql<string>`string_agg(${users.name}, ', ' order by ${users.name})`.as("names"),
    })
    .from(eventCoordinators)
    .innerJoin(users, eq(users.id, eventCoordinators.userId))
    .innerJoin(deliveryEvents, eq(deliveryEvents.id, eventCoordinators.eventId))
    .where(eq(deliveryEvents.campaignId, campaignId))
    .groupBy(eventCoordinators.eventId)
    .as("coordinator_names");
  const latestPackets = db
    .selectDistinctOn([packets.eventId], {
      eventId: packets.eventId,
      status: sql<string>`${packets.status}::text`.as("packet_status"),
    })
    .from(packets)
    .innerJoin(deliveryEvents, eq(deliveryEvents.id, packets.eventId))
    .where(and(eq(deliveryEvents.campaignId, campaignId), isNull(packets.supersededAt)))
    .orderBy(packets.eventId, desc(packets.createdAt))
    .as("latest_packets");

  const rows = await db
    .select({
      id: deliveryEvents.id,
      status: deliveryEvents.status,
      startsAt: deliveryEvents.startsAt,
      endsAt: deliveryEvents.endsAt,
      timeZone: deliveryEvents.timeZone,
      localDate: sql<string>`to_char(${deliveryEvents.startsAt} at time zone ${deliveryEvents.timeZone}, 'YYYY-MM-DD')`,
      city: offices.city,
      region: offices.region,
      officeName: offices.name,
      capacity: deliveryEvents.capacity,
      updatedAt: deliveryEvents.updatedAt,
      dayId: deliveryEvents.deliveryDayId,
      coordinators: sql<string>`coalesce(${coordinatorNames.names}, '')`,
      going: deliveryEvents.rsvpGoing,
      waitlisted: deliveryEvents.rsvpWaitlisted,
      packetStatus: sql<string | null>`${latestPackets.status}`,
      deliveryChannel: deliveryEvents.deliveryChannel,
      acknowledgedByOffice: deliveryEvents.acknowledgedByOffice,
    })
    .from(deliveryEvents)
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .leftJoin(coordinatorNames, eq(coordinatorNames.eventId, deliveryEvents.id))
    .leftJoin(latestPackets, eq(latestPackets.eventId, deliveryEvents.id))
    .where(and(...where))
    .orderBy(...order)
    .limit(BOARD_PAGE_SIZE + 1)
    .offset((query.page - 1) * BOARD_PAGE_SIZE);
  const hasNextPage = rows.length > BOARD_PAGE_SIZE;
  if (hasNextPage) rows.length = BOARD_PAGE_SIZE;

  // Counts per status over the same campaign/day, ignoring the status filter, for the summary.
  const countWhere: SQL[] = [eq(deliveryEvents.campaignId, campaignId)];
  if (query.day) countWhere.push(eq(deliveryEvents.deliveryDayId, query.day));
  const [counts, cities, coordinators, days] = await Promise.all([
    db
      .select({ status: deliveryEvents.status, n: sql<number>`count(*)::int` })
      .from(deliveryEvents)
      .where(and(...countWhere))
      .groupBy(deliveryEvents.status),
    db
      .selectDistinct({ city: offices.city })
      .from(offices)
      .where(eq(offices.campaignId, campaignId))
      .orderBy(asc(offices.city)),
    db
      .selectDistinct({ id: users.id, name: users.name })
      .from(eventCoordinators)
      .innerJoin(users, eq(users.id, eventCoordinators.userId))
      .innerJoin(deliveryEvents, eq(deliveryEvents.id, eventCoordinators.eventId))
      .where(eq(deliveryEvents.campaignId, campaignId))
      .orderBy(asc(users.name)),
    db
      .select({ id: deliveryDays.id, date: deliveryDays.date, title: deliveryDays.title })
      .from(deliveryDays)
      .where(eq(deliveryDays.campaignId, campaignId))
      .orderBy(asc(deliveryDays.date)),
  ]);
  const summary = Object.fromEntries(EVENT_STATES.map((s) => [s, 0])) as Record<EventState, number>;
  for (const c of counts) summary[c.status] = Number(c.n);

  const boardRows: BoardRow[] = rows.map((r) => ({
    ...r,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    going: Number(r.going),
    waitlisted: Number(r.waitlisted),
  }));
  return {
    rows: boardRows,
    page: query.page,
    hasNextPage,
    summary,
    total: Object.values(summary).reduce((a, b) => a + b, 0),
    options: { cities: cities.map((c) => c.city), coordinators, days },
    version: await getBoardVersion({ actor, campaignId, day: query.day }),
  };
}

/**
 * A cheap fingerprint of what the board shows: the live view re-fetches when it changes. Every
 * change the board draws (the event, its RSVPs, its packets) stamps the event's `changed_at`
 * through database triggers, and a new event is stamped on insert (events are never deleted), so
 * this is the newest stamp — one backward step in the (campaign_id, changed_at) index. A stamp
 * committed late behind a newer one is caught by the `since` answer's overlap (getBoardLive).
 */
export async function getBoardVersion({
  actor,
  campaignId,
  day,
}: {
  actor: Actor;
  campaignId: number;
  day?: number;
}) {
  await assertCampaignPermission({ actor, campaignId, permission: "event.view" });
  void day; // the version covers the whole campaign (an event can move between days)
  const [row] = await db
    .select({ changed: sql<string>`${deliveryEvents.changedAt}::text` })
    .from(deliveryEvents)
    .where(eq(deliveryEvents.campaignId, campaignId))
    .orderBy(desc(deliveryEvents.changedAt))
    .limit(1);
  return row?.changed ?? "";
}

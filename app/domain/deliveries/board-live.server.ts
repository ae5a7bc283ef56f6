// The delivery board's live feed: what changed since the viewer's last look, answered from the
// (campaign_id, changed_at) index so the cost follows the changes, not the size of the campaign.
import { and, asc, eq, gte, sql, type SQL } from "drizzle-orm";
import { db, rows as sqlRows } from "#db/client";
import { deliveryEvents } from "#db/schema";
import {
  assertCampaignPermission,
  ForbiddenError,
  PERMISSIONS,
  type Actor,
} from "~/domain/team/authorization.server";

/** How far back a "since" answer reaches past the caller's last stamp: a transaction stamps its
 * change when it writes but others see it only at commit, so replies overlap by this margin. */
const SINCE_OVERLAP_MS = 5_000;

/**
 * What changed since `since` (the `now` of the caller's previous answer): the ids of events whose
 * board row changed, answered from the (campaign_id, changed_at) index — proportional to the
 * changes, not to the campaign. The caller passes back `now` next time; ids may repeat across two
 * answers (the overlap), never be missed.
 */
export async function getBoardChanges({
  actor,
  campaignId,
  since,
  day,
}: {
  actor: Actor;
  campaignId: number;
  since: Date;
  day?: number;
}) {
  await assertCampaignPermission({ actor, campaignId, permission: "event.view" });
  const where: SQL[] = [
    eq(deliveryEvents.campaignId, campaignId),
    gte(deliveryEvents.changedAt, new Date(since.getTime() - SINCE_OVERLAP_MS)),
  ];
  if (day) where.push(eq(deliveryEvents.deliveryDayId, day));
  const [changed, [clock]] = await Promise.all([
    db
      .select({ id: deliveryEvents.id })
      .from(deliveryEvents)
      .where(and(...where))
      .orderBy(asc(deliveryEvents.changedAt))
      .limit(1001),
    db.select({ now: sql<string>`now()::text` }).from(sql`(select 1) as one`),
  ]);
  // More than a thousand changes at once: the caller should simply reload the whole board.
  const reload = changed.length > 1000;
  return {
    now: new Date(clock!.now).toISOString(),
    changed: reload ? [] : changed.map((c) => c.id),
    reload,
  };
}

/** The live feed's answer: see getBoardLive. */
export type BoardLive =
  | { kind: "signed-out" }
  | { kind: "no-campaign" }
  | {
      kind: "ok";
      version: string;
      /** The database's clock: pass it back as `since` next time. */
      now: string;
      /** With `since`: events changed since then (5 s overlap), oldest change first. */
      changed?: number[];
      /** Each changed event's stamp, in the same order (a client skips pairs it has seen). */
      at?: string[];
      /** More than a thousand changes: reload the board instead. */
      reload?: boolean;
    };

/**
 * The board's live feed in one SQL statement: the session (by its token's hash), the campaign (by
 * slug), the viewer's role in it, the board's version and — given `since` — the events changed
 * since then. Authorization stays here: a signed-out session, a stranger or a role without
 * "event.view" gets no figures (the role is checked in the statement, so nothing is read for a
 * stranger, and again below).
 *
 * Cost is proportional to the changes, not to the campaign: the version is the newest
 * `changed_at` (one backward step in the (campaign_id, changed_at) index; events are never
 * deleted and a new one is stamped on insert), the changes a range of that index. Both cover the
 * whole campaign even when the board shows one day, so an event moved off the day is reported.
 */
export async function getBoardLive({
  sessionTokenHash,
  campaignSlug,
  since,
}: {
  sessionTokenHash: string | null;
  campaignSlug: string;
  since?: Date | null;
}): Promise<BoardLive> {
  if (!sessionTokenHash) return { kind: "signed-out" };
  const roles = PERMISSIONS["event.view"] as readonly string[];
  const sinceIso = since ? new Date(since.getTime() - SINCE_OVERLAP_MS).toISOString() : null;
  const [r] = await sqlRows<{
    user_id: number | null;
    campaign_id: number | null;
    role: string | null;
    newest: string | null;
    changed: { id: number; at: string }[] | null;
    now: string;
  }>(
    db,
    sql`with viewer as (
          select s.user_id from sessions s
          where s.id_hash = ${sessionTokenHash} and s.revoked_at is null and s.expires_at > now()
        ), campaign as (
          select c.id from campaigns c where c.slug = ${campaignSlug}
        ), member as (
          select m.campaign_id, m.role::text as role from campaign_members m
          join viewer v on v.user_id = m.user_id
          join campaign c on c.id = m.campaign_id
        ), allowed as (
          select campaign_id from member
          where role in (${sql.join(
            roles.map((role) => sql`${role}`),
            sql`, `,
          )})
        )
        select (select user_id from viewer) as user_id,
               (select id from campaign) as campaign_id,
               (select role from member) as role,
               (select e.changed_at::text from delivery_events e
                 where e.campaign_id = (select campaign_id from allowed)
                 order by e.changed_at desc limit 1) as newest,
               ${
                 sinceIso
                   ? sql`(select json_agg(json_build_object('id', x.id, 'at', x.changed_at) order by x.changed_at, x.id)
                      from (select e.id, e.changed_at from delivery_events e
                            where e.campaign_id = (select campaign_id from allowed)
                              and e.changed_at >= ${sinceIso}::timestamptz
                            order by e.changed_at limit 1001) x)`
                   : sql`null`
               } as changed,
               now()::text as now`,
  );
  if (!r || r.user_id === null) return { kind: "signed-out" };
  if (r.campaign_id === null) return { kind: "no-campaign" };
  if (!r.role || !roles.includes(r.role))
    throw new ForbiddenError("event.view", "You don't have access to this page.");
  const now = new Date(r.now).toISOString();
  const version = r.newest ?? "";
  if (!sinceIso) return { kind: "ok", version, now };
  const changed = r.changed ?? [];
  const reload = changed.length > 1000;
  return {
    kind: "ok",
    version,
    now,
    changed: reload ? [] : changed.map((c) => Number(c.id)),
    at: reload ? [] : changed.map((c) => new Date(c.at).toISOString()),
    reload,
  };
}

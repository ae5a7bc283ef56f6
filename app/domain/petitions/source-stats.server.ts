// Where signatures come from: counts and confirmation rate by share-link source code, over time.
// "Conversion" is the share of signatures from a source that were confirmed by email (Handover
// does not count page views, so it cannot say how many visitors signed).
import { sql } from "drizzle-orm";
import { db, rows } from "#db/client";
import { NO_SOURCE } from "~/lib/source-code";
import { assertPetitionPermission, type Actor } from "~/domain/team/authorization.server";

export const SOURCE_DAYS = 30;
const TOP = 8;

export async function sourceStats({
  actor,
  petitionId,
  timeZone = "America/Chicago",
  days = SOURCE_DAYS,
}: {
  actor: Actor;
  petitionId: number;
  timeZone?: string;
  days?: number;
}) {
  await assertPetitionPermission({ actor, petitionId, permission: "signatures.view" });
  const totals = (
    await rows<{ source: string; signed: number; verified: number; recent: number }>(
      db,
      sql`select coalesce(source, ${NO_SOURCE}) as source, count(*)::int as signed,
            count(*) filter (where status = 'verified')::int as verified,
            count(*) filter (where created_at >= now() - make_interval(days => ${days}::int))::int as recent
          from signatures where petition_id = ${petitionId} and status <> 'invalidated'
          group by 1 order by signed desc, source limit 50`,
    )
  ).map((r) => ({
    source: r.source,
    signed: Number(r.signed),
    verified: Number(r.verified),
    recent: Number(r.recent),
    conversion: Number(r.signed) ? Number(r.verified) / Number(r.signed) : 0,
  }));
  const top = totals.slice(0, TOP).map((t) => t.source);
  const series = top.length
    ? await rows<{ source: string; bucket: string; n: number }>(
        db,
        sql`select coalesce(source, ${NO_SOURCE}) as source,
              to_char(date_trunc('day', created_at at time zone ${timeZone}), 'YYYY-MM-DD"T"00:00') as bucket,
              count(*)::int as n
            from signatures
            where petition_id = ${petitionId} and status <> 'invalidated'
              and created_at >= now() - make_interval(days => ${days}::int)
              and coalesce(source, ${NO_SOURCE}) in (${sql.join(
                top.map((s) => sql`${s}`),
                sql`, `,
              )})
            group by 1, 2 order by 2`,
      )
    : [];
  return {
    days,
    totals,
    series: top.map((source) => ({
      source,
      points: series
        .filter((r) => r.source === source)
        .map((r) => ({ bucket: r.bucket, n: Number(r.n) })),
    })),
  };
}

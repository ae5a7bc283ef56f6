// The petition dashboard's figures, read from the rollups the signatures table's triggers keep.
import { sql } from "drizzle-orm";
import { db, rows } from "#db/client";
import type { SignatureState } from "#db/schema/states";
import { assertPetitionPermission, type Actor } from "~/domain/team/authorization.server";

export async function signatureStats({
  actor,
  petitionId,
  unit = "day",
  timeZone = "America/Chicago",
}: {
  actor: Actor;
  petitionId: number;
  unit?: "hour" | "day";
  timeZone?: string;
}) {
  await assertPetitionPermission({ actor, petitionId, permission: "signatures.view" });
  const span = unit === "hour" ? sql`interval '48 hours'` : sql`interval '60 days'`;
  const trunc = unit === "hour" ? sql`'hour'` : sql`'day'`;
  // Read from the rollups the signatures table's triggers keep (db/schema/rollups.ts): a few
  // hundred small rows instead of a scan and sort of every verified signature. The hourly rollup is
  // by UTC hour, so a day bucket in a zone with a half-hour offset starts on the whole hour.
  const [series, byCity, byRegion, byStatus, asOf] = await Promise.all([
    rows<{ bucket: string; n: number }>(
      db,
      sql`select to_char(date_trunc(${trunc}, hour at time zone ${timeZone}), 'YYYY-MM-DD"T"HH24:00') as bucket, sum(n)::int as n
          from signature_hourly where petition_id = ${petitionId} and hour >= date_trunc('hour', now() - ${span})
          group by 1 having sum(n) > 0 order by 1`,
    ),
    rows<{ label: string; n: number }>(
      db,
      sql`select city as label, sum(n)::int as n from signature_places where petition_id = ${petitionId} and city <> ''
          group by city having sum(n) > 0 order by n desc, city limit 12`,
    ),
    rows<{ label: string; n: number }>(
      db,
      sql`select region as label, sum(n)::int as n from signature_places where petition_id = ${petitionId} and region <> ''
          group by region having sum(n) > 0 order by n desc, region limit 12`,
    ),
    rows<{ status: SignatureState; n: number }>(
      db,
      sql`select status, sum(n)::int as n from signature_status_counts where petition_id = ${petitionId} group by status having sum(n) > 0`,
    ),
    rows<{ now: string }>(db, sql`select now() as now`),
  ]);
  const num = <T extends { n: number }>(list: T[]) => list.map((r) => ({ ...r, n: Number(r.n) }));
  return {
    unit,
    // The rollups change in the same transaction as the signatures: the figures are exact as of
    // this moment, which the page shows.
    asOf: new Date(asOf[0]!.now).toISOString(),
    timeZone,
    series: num(series),
    byCity: num(byCity),
    byRegion: num(byRegion),
    byStatus: num(byStatus),
  };
}

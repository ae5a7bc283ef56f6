// The signatures table's filter: read from the page's URL, written as SQL for the list, the count,
// bulk moderation and the export alike.
import { sql, type SQL } from "drizzle-orm";
import { SIGNATURE_STATES, type SignatureState } from "#db/schema/states";
import { isoDateParam } from "~/lib/params";
import { foldName } from "~/lib/fold";
import { zonedTimeToUtc } from "~/lib/zoned-time";
import type { SignerScope } from "~/domain/privacy/signer-scope.server";

export type SignatureFilter = {
  status?: SignatureState;
  city?: string;
  region?: string;
  /** YYYY-MM-DD, inclusive, in `timeZone`. */
  from?: string;
  to?: string;
  hasComment?: boolean;
  optedIn?: boolean;
  /** Name prefix: one word matches first or last name; two or more match first + last. */
  q?: string;
};

/** Parses filter values from a URL's search params (the table's state lives in the URL). */
export function filterFromSearchParams(params: URLSearchParams): SignatureFilter {
  const text = (name: string) => params.get(name)?.trim().slice(0, 100) || undefined;
  const date = (name: string) => isoDateParam(params.get(name));
  const status = params.get("status");
  const flag = (name: string) =>
    params.get(name) === "yes" ? true : params.get(name) === "no" ? false : undefined;
  return {
    status: (SIGNATURE_STATES as readonly string[]).includes(status ?? "")
      ? (status as SignatureState)
      : undefined,
    city: text("city"),
    region: text("region"),
    from: date("from"),
    to: date("to"),
    hasComment: flag("comment"),
    optedIn: flag("optedIn"),
    q: text("q"),
  };
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The filter as SQL. With a packet-view scope, filters that would reveal what is not shown (a
 * hidden name, a comment, the updates choice) are ignored: a name search matches printed names only.
 */
export function signatureWhereSql(
  petitionId: number,
  filter: SignatureFilter,
  timeZone: string,
  scope: SignerScope = { full: true, where: sql`true` },
): SQL {
  const f: SignatureFilter = scope.full
    ? filter
    : { ...filter, hasComment: undefined, optedIn: undefined };
  const parts: SQL[] = [sql`petition_id = ${petitionId}`];
  if (!scope.full) {
    parts.push(sql`(${scope.where})`);
    if (f.q) parts.push(sql`print_name`);
  }
  if (f.status) parts.push(sql`status = ${f.status}`);
  if (f.city) parts.push(sql`city = ${f.city}`);
  if (f.region) parts.push(sql`region = ${f.region}`);
  if (f.from)
    parts.push(
      sql`created_at >= ${zonedTimeToUtc(f.from, "00:00", timeZone).toISOString()}::timestamptz`,
    );
  if (f.to) {
    const end = zonedTimeToUtc(f.to, "00:00", timeZone);
    parts.push(sql`created_at < ${new Date(end.getTime() + 86400_000).toISOString()}::timestamptz`);
  }
  if (f.hasComment === true) parts.push(sql`coalesce(comment, '') <> ''`);
  if (f.hasComment === false) parts.push(sql`coalesce(comment, '') = ''`);
  if (f.optedIn !== undefined) parts.push(sql`keep_updated = ${f.optedIn}`);
  // Folded on both sides (accents and case dropped, app/lib/fold.ts) and matched as a prefix,
  // answered by the indexes on the stored folded columns (search_first, search_last).
  const words = foldName(f.q ?? "")
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 3);
  if (words.length === 1) {
    const w = `${escapeLike(words[0]!)}%`;
    parts.push(sql`(search_last like ${w} or search_first like ${w})`);
  } else if (words.length > 1) {
    parts.push(sql`search_first like ${`${escapeLike(words[0]!)}%`}`);
    parts.push(sql`search_last like ${`${escapeLike(words.slice(1).join(" "))}%`}`);
  }
  return sql.join(parts, sql` and `);
}

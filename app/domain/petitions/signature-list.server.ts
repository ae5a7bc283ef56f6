// The organizers' signatures table: server-side filters, keyset paging, the count and the filter's
// choices. Owners and organizers get the full record; every other role gets, from the database
// itself, only what a delivery packet would print (signer-scope.server.ts) — whatever the page shows.
import { sql, type SQL } from "drizzle-orm";
import { db, rows } from "#db/client";
import type { CampaignRole } from "#db/schema/states";
import { int4Id, isCursorKey } from "~/lib/params";
import { roleAllows, type Actor } from "~/domain/team/authorization.server";
import type { SignerScope } from "~/domain/privacy/signer-scope.server";
import { authorizeSignatures } from "./signature-access.server";
import { signatureWhereSql, type SignatureFilter } from "./signature-filter.server";
import { signatureColumns, toSignatureRow, type RawRow } from "./signature-rows.server";
import { PAGE_SIZES, type SortDir, type SortKey } from "./signature-table";

/** Counting stops here so a filter over a million rows answers quickly ("100,000+"). */
export const COUNT_CAP = 100_000;

const SORT_EXPR: Record<SortKey, { expr: SQL; key: SQL; cast: SQL }> = {
  // The cursor carries created_at as text so microseconds survive the round trip.
  created: { expr: sql`created_at`, key: sql`created_at::text`, cast: sql`::timestamptz` },
  lastName: { expr: sql`lower(last_name)`, key: sql`lower(last_name)`, cast: sql`::text` },
  city: { expr: sql`city`, key: sql`city`, cast: sql`::text` },
};

export type Cursor = { key: string; id: number };
export const encodeCursor = (c: Cursor) =>
  Buffer.from(JSON.stringify([c.key, c.id])).toString("base64url");
export function decodeCursor(
  value: string | null | undefined,
  kind: "timestamp" | "text" = "timestamp",
): Cursor | null {
  if (!value) return null;
  try {
    const [key, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as [
      unknown,
      unknown,
    ];
    return typeof key === "string" &&
      isCursorKey(key, kind) &&
      typeof id === "number" &&
      int4Id(String(id)) !== null
      ? { key, id }
      : null;
  } catch {
    return null;
  }
}

/** The SQL of one table page (exported so tests can EXPLAIN exactly what the page runs). */
export function signaturePageSql({
  petitionId,
  filter,
  sort,
  dir,
  cursor,
  backwards,
  limit,
  scope,
  role,
  timeZone,
}: {
  petitionId: number;
  filter: SignatureFilter;
  sort: SortKey;
  dir: SortDir;
  cursor: Cursor | null;
  backwards: boolean;
  limit: number;
  /** The caller's scope; an owner/organizer `role` alone means the full view. */
  scope?: SignerScope;
  role?: CampaignRole;
  timeZone: string;
}) {
  scope ??= roleAllows(role, "signatures.viewContact")
    ? { full: true, where: sql`true` }
    : { full: false, where: sql`false` };
  // Sorting by last name would order (and key cursors by) names a packet view may not see.
  const s = SORT_EXPR[!scope.full && sort === "lastName" ? "created" : sort];
  // Going back a page reads the previous rows in reverse order; the caller flips them.
  const effectiveDir: SortDir = backwards ? (dir === "asc" ? "desc" : "asc") : dir;
  const op = effectiveDir === "asc" ? sql`>` : sql`<`;
  const bound = effectiveDir === "asc" ? sql`>=` : sql`<=`;
  const keyset = cursor
    ? sql` and ${s.expr} ${bound} ${cursor.key}${s.cast} and (${s.expr}, id) ${op} (${cursor.key}${s.cast}, ${cursor.id})`
    : sql``;
  const order = effectiveDir === "asc" ? sql`asc` : sql`desc`;
  return sql`select ${signatureColumns(scope.full)}, ${s.key} as sort_key from signatures
      where ${signatureWhereSql(petitionId, filter, timeZone, scope)}${keyset}
      order by ${s.expr} ${order}, id ${order}
      limit ${limit}`;
}

export type SignaturePageInput = {
  actor: Actor;
  petitionId: number;
  filter: SignatureFilter;
  sort?: SortKey;
  dir?: SortDir;
  after?: string | null;
  before?: string | null;
  pageSize?: number;
  timeZone?: string;
};

/**
 * One page of the table. Keyset paging on (sort value, id): every page costs the same whatever
 * its depth, using the signatures indexes on (petition_id, created_at | city | lower(last_name)).
 */
export async function listSignatures({
  actor,
  petitionId,
  filter,
  sort = "created",
  dir = "desc",
  after,
  before,
  pageSize = 50,
  timeZone = "America/Chicago",
}: SignaturePageInput) {
  const { role, scope } = await authorizeSignatures({
    actor,
    petitionId,
    permission: "signatures.view",
  });
  const size = (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : 50;
  const keyKind = sort === "created" ? "timestamp" : "text";
  const cursorAfter = decodeCursor(after, keyKind);
  const cursorBefore = cursorAfter ? null : decodeCursor(before, keyKind);
  const backwards = !!cursorBefore;
  const fetched = await rows<RawRow & { sort_key: string }>(
    db,
    signaturePageSql({
      petitionId,
      filter,
      sort,
      dir,
      cursor: cursorAfter ?? cursorBefore,
      backwards,
      limit: size + 1,
      scope,
      timeZone,
    }),
  );
  const more = fetched.length > size;
  const page = fetched.slice(0, size);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const hasNext = backwards ? true : more;
  const hasPrev = backwards ? more : !!cursorAfter;
  return {
    rows: page.map(toSignatureRow),
    role,
    canViewContact: scope.full,
    fullView: scope.full,
    nextCursor:
      hasNext && last ? encodeCursor({ key: String(last.sort_key), id: Number(last.id) }) : null,
    prevCursor:
      hasPrev && first ? encodeCursor({ key: String(first.sort_key), id: Number(first.id) }) : null,
  };
}

/** How many signatures match the filter, counted up to COUNT_CAP. */
export async function countSignatures({
  actor,
  petitionId,
  filter,
  timeZone = "America/Chicago",
}: {
  actor: Actor;
  petitionId: number;
  filter: SignatureFilter;
  timeZone?: string;
}) {
  const { scope } = await authorizeSignatures({ actor, petitionId, permission: "signatures.view" });
  const [r] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select 1 from signatures where ${signatureWhereSql(petitionId, filter, timeZone, scope)} limit ${COUNT_CAP + 1}) t`,
  );
  const n = Number(r!.n);
  return { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

/** Cities and regions present on the petition, for the filter's choices. */
export async function filterChoices({ actor, petitionId }: { actor: Actor; petitionId: number }) {
  const { scope } = await authorizeSignatures({ actor, petitionId, permission: "signatures.view" });
  const within = scope.full ? sql`` : sql` and (${scope.where})`;
  // A loose index scan (one index probe per distinct value) instead of DISTINCT over every row:
  // a petition with a million signatures has only a few hundred cities.
  const distinct = (column: "city" | "region", limit: number) =>
    rows<{ v: string }>(
      db,
      sql`with recursive d(v) as (
            (select ${sql.raw(column)} from signatures where petition_id = ${petitionId}${within} and ${sql.raw(column)} > '' order by ${sql.raw(column)} limit 1)
            union all
            select (select ${sql.raw(column)} from signatures where petition_id = ${petitionId}${within} and ${sql.raw(column)} > d.v order by ${sql.raw(column)} limit 1)
            from d where d.v is not null)
          select v from d where v is not null limit ${limit}`,
    );
  const [cityRows, regionRows] = await Promise.all([
    distinct("city", 300),
    distinct("region", 100),
  ]);
  const cities = cityRows.map((r) => ({ city: r.v }));
  const regions = regionRows.map((r) => ({ region: r.v }));
  return { cities: cities.map((c) => c.city), regions: regions.map((r) => r.region) };
}

// The organizers' signatures table: server-side filters, keyset paging, moderation and CSV export.
// Owners and organizers get the full record; every other role gets, from the database itself, only
// what a delivery packet would print (signer-scope.server.ts) — whatever the page shows.
import { sql, type SQL } from "drizzle-orm";
import { db, rows } from "#db/client";
import { SIGNATURE_STATES, type CampaignRole, type SignatureState } from "#db/schema/states";
import { int4Id, isCursorKey, isoDateParam } from "~/lib/params";
import { foldName } from "~/lib/fold";
import { zonedTimeToUtc } from "~/lib/zoned-time";
import { recordAudit } from "~/domain/team/audit.server";
import {
  assertPetitionPermission,
  ForbiddenError,
  roleAllows,
  type Actor,
  type Permission,
} from "~/domain/team/authorization.server";
import { addVerifiedCount } from "./petition-count.server";
import { printableNameSql, signerScope, type SignerScope } from "~/domain/privacy/signer-scope.server";

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

import { PAGE_SIZES, type SignatureRow, type SortDir, type SortKey } from "./signature-table";
export {
  PAGE_SIZES,
  SORT_KEYS,
  type SignatureRow,
  type SortDir,
  type SortKey,
} from "./signature-table";

/** Counting stops here so a filter over a million rows answers quickly ("100,000+"). */
export const COUNT_CAP = 100_000;

/** The petition's campaign, after checking the actor holds `permission` there. */
async function authorizePetition(actor: Actor, petitionId: number, permission: Permission) {
  const { campaignId, role } = await assertPetitionPermission({ actor, petitionId, permission });
  const scope = await signerScope({ role, userId: actor!.userId, petitionId });
  return { campaignId, role, scope };
}

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
function whereSql(
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

function columnsFor(full: boolean) {
  // The SELECT itself differs: a packet view never receives email, postal code, comment or choices,
  // and receives a name only where the signer agreed to have it printed.
  if (!full)
    return sql`id, ${printableNameSql} as printed_name, city, region, status, created_at, verified_at`;
  return sql`id, first_name, last_name, email, city, region, postal_code, status, created_at, verified_at, comment,
    comment_hidden_at, show_publicly, print_name, keep_updated, invalidated_reason`;
}

type RawRow = Record<string, unknown>;
const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());
function toRow(r: RawRow): SignatureRow {
  if (r.printed_name !== undefined) {
    const named = r.printed_name != null;
    return {
      id: Number(r.id),
      firstName: named ? String(r.printed_name) : "",
      lastName: "",
      named,
      city: String(r.city ?? ""),
      region: String(r.region ?? ""),
      status: r.status as SignatureState,
      createdAt: iso(r.created_at)!,
      verifiedAt: iso(r.verified_at),
    };
  }
  return {
    named: true,
    id: Number(r.id),
    firstName: String(r.first_name),
    lastName: String(r.last_name),
    ...(r.email !== undefined ? { email: String(r.email) } : {}),
    city: String(r.city ?? ""),
    region: String(r.region ?? ""),
    postalCode: String(r.postal_code ?? ""),
    status: r.status as SignatureState,
    createdAt: iso(r.created_at)!,
    verifiedAt: iso(r.verified_at),
    comment: (r.comment as string | null) ?? null,
    commentHidden: r.comment_hidden_at != null,
    showPublicly: Boolean(r.show_publicly),
    printName: Boolean(r.print_name),
    keepUpdated: Boolean(r.keep_updated),
    invalidatedReason: (r.invalidated_reason as string | null) ?? null,
  };
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
  return sql`select ${columnsFor(scope.full)}, ${s.key} as sort_key from signatures
      where ${whereSql(petitionId, filter, timeZone, scope)}${keyset}
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
  const { role, scope } = await authorizePetition(actor, petitionId, "signatures.view");
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
    rows: page.map(toRow),
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
  const { scope } = await authorizePetition(actor, petitionId, "signatures.view");
  const [r] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select 1 from signatures where ${whereSql(petitionId, filter, timeZone, scope)} limit ${COUNT_CAP + 1}) t`,
  );
  const n = Number(r!.n);
  return { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

/** Cities and regions present on the petition, for the filter's choices. */
export async function filterChoices({ actor, petitionId }: { actor: Actor; petitionId: number }) {
  const { scope } = await authorizePetition(actor, petitionId, "signatures.view");
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

// ---------------------------------------------------------------------------------------------
// Moderation. Every change is audited; a verified signature leaving "verified" lowers the count.

export async function setCommentHidden({
  actor,
  petitionId,
  signatureId,
  hidden,
}: {
  actor: Actor;
  petitionId: number;
  signatureId: number;
  hidden: boolean;
}) {
  const { campaignId } = await authorizePetition(actor, petitionId, "signatures.moderate");
  await db.transaction(async (tx) => {
    const changed = await rows<{ id: number }>(
      tx,
      sql`update signatures set comment_hidden_at = ${hidden ? sql`now()` : sql`null`}
          where id = ${signatureId} and petition_id = ${petitionId} returning id`,
    );
    if (!changed.length)
      throw new ForbiddenError("signatures.moderate", "No such signature on this petition");
    await recordAudit({
      campaignId,
      actorId: actor!.userId,
      action: hidden ? "signature.comment_hide" : "signature.comment_show",
      subjectType: "signature",
      subjectId: signatureId,
      details: { petitionId },
      tx,
    });
  });
}

export async function invalidateSignature({
  actor,
  petitionId,
  signatureId,
  reason,
}: {
  actor: Actor;
  petitionId: number;
  signatureId: number;
  reason: string;
}) {
  const { campaignId } = await authorizePetition(actor, petitionId, "signatures.moderate");
  return db.transaction(async (tx) => {
    const [before] = await rows<{ status: SignatureState }>(
      tx,
      sql`select status from signatures where id = ${signatureId} and petition_id = ${petitionId} for update`,
    );
    if (!before)
      throw new ForbiddenError("signatures.moderate", "No such signature on this petition");
    if (before.status === "invalidated") return false;
    await rows(
      tx,
      sql`update signatures set status = 'invalidated', invalidated_at = now(), invalidated_reason = ${reason}, invalidated_by = ${actor!.userId}
          where id = ${signatureId}`,
    );
    if (before.status === "verified") await addVerifiedCount({ petitionId, by: -1, tx });
    await recordAudit({
      campaignId,
      actorId: actor!.userId,
      action: "signature.invalidate",
      subjectType: "signature",
      subjectId: signatureId,
      details: { petitionId, reason, previousStatus: before.status },
      tx,
    });
    return true;
  });
}

/** Invalidates every not-yet-invalidated signature matching the filter, in one statement. */
export async function bulkInvalidateSignatures({
  actor,
  petitionId,
  filter,
  reason,
  timeZone = "America/Chicago",
}: {
  actor: Actor;
  petitionId: number;
  filter: SignatureFilter;
  reason: string;
  timeZone?: string;
}) {
  const { campaignId } = await authorizePetition(actor, petitionId, "signatures.moderate");
  return db.transaction(async (tx) => {
    const [r] = await rows<{ total: number; verified: number }>(
      tx,
      sql`with target as (
            select id, status from signatures
            where ${whereSql(petitionId, filter, timeZone)} and status <> 'invalidated'
            for update),
          changed as (
            update signatures s set status = 'invalidated', invalidated_at = now(),
              invalidated_reason = ${reason}, invalidated_by = ${actor!.userId}
            from target where s.id = target.id
            returning target.status as previous)
          select count(*)::int as total, (count(*) filter (where previous = 'verified'))::int as verified from changed`,
    );
    const total = Number(r?.total ?? 0);
    const verified = Number(r?.verified ?? 0);
    if (verified) await addVerifiedCount({ petitionId, by: -verified, tx });
    await recordAudit({
      campaignId,
      actorId: actor!.userId,
      action: "signature.bulk_invalidate",
      subjectType: "petition",
      subjectId: petitionId,
      details: { reason, filter, invalidated: total, verifiedRemoved: verified },
      tx,
    });
    return { invalidated: total, verifiedRemoved: verified };
  });
}

// ---------------------------------------------------------------------------------------------
// CSV export, streamed in keyset batches so a million rows never sit in memory.

export type ExportVariant = "full" | "delivery";

// A cell starting with = + - @ would run as a formula in a spreadsheet: prefix it with '.
function csvCell(value: unknown) {
  let text = value == null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
const csvLine = (cells: unknown[]) => `${cells.map(csvCell).join(",")}\r\n`;

const FULL_HEADER = [
  "first_name",
  "last_name",
  "email",
  "postal_code",
  "city",
  "region",
  "status",
  "signed_at",
  "verified_at",
  "comment",
  "comment_hidden",
  "keep_updated",
  "invalidated_reason",
];
// For the delivery: what a packet prints — verified signatures only, the name only when the signer
// agreed to have it printed ("Anonymous" otherwise), city and state. Never contact data or postal code.
const DELIVERY_HEADER = ["name", "city", "region", "verified_at"];

/**
 * Checks permission and records the export in the audit log, then returns an async iterator of CSV
 * chunks. "full" needs signatures.export; "delivery" needs signatures.exportDelivery.
 */
export async function exportSignaturesCsv({
  actor,
  petitionId,
  filter,
  variant,
  timeZone = "America/Chicago",
  batchSize = 2000,
  anonymous = "Anonymous",
}: {
  actor: Actor;
  petitionId: number;
  filter: SignatureFilter;
  variant: ExportVariant;
  timeZone?: string;
  batchSize?: number;
  /** How an unnamed signer is written in the delivery variant, in the reader's language. */
  anonymous?: string;
}): Promise<AsyncGenerator<string>> {
  const permission: Permission =
    variant === "full" ? "signatures.export" : "signatures.exportDelivery";
  const authorized = await authorizePetition(actor, petitionId, permission);
  const { campaignId } = authorized;
  // The delivery variant is a packet view for everyone; a coordinator's covers their own offices.
  const scope: SignerScope =
    variant === "full"
      ? authorized.scope
      : {
          full: false,
          where: authorized.scope.full
            ? sql`status = 'verified' and invalidated_at is null`
            : authorized.scope.where,
        };
  const effective: SignatureFilter =
    variant === "delivery" ? { ...filter, status: "verified" } : filter;
  await recordAudit({
    campaignId,
    actorId: actor!.userId,
    action: variant === "full" ? "signatures.export" : "signatures.export_delivery",
    subjectType: "petition",
    subjectId: petitionId,
    details: { filter: effective },
  });
  const where = whereSql(petitionId, effective, timeZone, scope);
  const columns =
    variant === "full"
      ? sql`id, first_name, last_name, email, postal_code, city, region, status, created_at, created_at::text as k, verified_at, comment, comment_hidden_at, keep_updated, invalidated_reason`
      : sql`id, ${printableNameSql} as name, city, region, verified_at, created_at::text as k`;
  async function* generate() {
    yield variant === "full" ? csvLine(FULL_HEADER) : csvLine(DELIVERY_HEADER);
    let cursor: Cursor | null = null;
    for (;;) {
      // The plain `created_at >=` bound is what lets the (petition_id, created_at) index start each
      // batch where the last ended; the row comparison alone made every batch rescan from the top.
      const keyset: SQL = cursor
        ? sql` and created_at >= ${cursor.key}::timestamptz and (created_at, id) > (${cursor.key}::timestamptz, ${cursor.id})`
        : sql``;
      const batch: RawRow[] = await rows<RawRow>(
        db,
        sql`select ${columns} from signatures where ${where}${keyset} order by created_at, id limit ${batchSize}`,
      );
      if (!batch.length) return;
      let chunk = "";
      for (const r of batch) {
        chunk +=
          variant === "full"
            ? csvLine([
                r.first_name,
                r.last_name,
                r.email,
                r.postal_code,
                r.city,
                r.region,
                r.status,
                iso(r.created_at),
                iso(r.verified_at),
                r.comment,
                r.comment_hidden_at ? "yes" : "no",
                r.keep_updated ? "yes" : "no",
                r.invalidated_reason,
              ])
            : csvLine([r.name ?? anonymous, r.city, r.region, iso(r.verified_at)]);
      }
      yield chunk;
      const last: RawRow = batch[batch.length - 1]!;
      cursor = { key: String(last.k), id: Number(last.id) };
      if (batch.length < batchSize) return;
    }
  }
  return generate();
}

// ---------------------------------------------------------------------------------------------
// The petition dashboard's figures.

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
  await authorizePetition(actor, petitionId, "signatures.view");
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

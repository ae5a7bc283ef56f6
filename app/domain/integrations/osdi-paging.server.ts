// Lists in the OSDI view: the paging and modified_date filter a client asks for, one page of rows
// with the total, and the HAL collection that carries them.
import { sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { db } from "#db/client";
import type { ApiActor } from "~/domain/team/api-token.server";
import { ApiInputError, curies, href, MAX_PAGESIZE } from "./osdi-resource.server";

export type Paging = {
  page: number;
  perPage: number;
  modifiedAfter?: { op: "gt" | "ge" | "lt" | "le"; at: Date };
};

/** What every list verb takes. */
export type ListInput = { actor: ApiActor; paging: Paging; search: URLSearchParams };

/**
 * `?page=&per_page=&filter=modified_date gt '2026-01-01T00:00:00Z'` — the OData subset OSDI asks
 * for, on modified_date (gt, ge, lt, le). Anything else is a 400 naming what was wrong.
 */
export function parsePaging(search: URLSearchParams): Paging {
  const page = search.get("page") ?? "1";
  const perPage = search.get("per_page") ?? "25";
  if (!/^\d{1,6}$/.test(page) || Number(page) < 1)
    throw new ApiInputError("page must be a whole number from 1.");
  if (!/^\d{1,4}$/.test(perPage) || Number(perPage) < 1 || Number(perPage) > MAX_PAGESIZE)
    throw new ApiInputError(`per_page must be a whole number from 1 to ${MAX_PAGESIZE}.`);
  const filter = search.get("filter");
  let modifiedAfter: Paging["modifiedAfter"];
  if (filter !== null) {
    const m = /^\s*modified_date\s+(gt|ge|lt|le)\s+'([^']{1,40})'\s*$/.exec(filter);
    const at = m ? new Date(m[2]!) : null;
    if (!m || !at || Number.isNaN(at.getTime()))
      throw new ApiInputError(
        "filter supports modified_date with gt, ge, lt or le and a quoted ISO 8601 time, e.g. modified_date gt '2026-01-31T00:00:00Z'.",
      );
    modifiedAfter = { op: m[1] as "gt", at };
  }
  return { page: Number(page), perPage: Number(perPage), modifiedAfter };
}

/** The paging's modified_date filter on `modified` (true when there is none). */
export function filterSql(modified: SQL, paging: Paging): SQL {
  const f = paging.modifiedAfter;
  if (!f) return sql`true`;
  const op = { gt: sql`>`, ge: sql`>=`, lt: sql`<`, le: sql`<=` }[f.op];
  return sql`${modified} ${op} ${f.at.toISOString()}::timestamptz`;
}

export const offset = (p: Paging) => (p.page - 1) * p.perPage;

/**
 * One page of a list and the number of rows it is a page of, read together. `page` reads the
 * rows for a limit and offset; the total counts the rows of `table` matching `where`.
 */
export async function pageWithTotal<T>({
  paging,
  table,
  where,
  page,
}: {
  paging: Paging;
  table: PgTable;
  where: SQL | undefined;
  page: (limit: number, offset: number) => PromiseLike<T[]>;
}) {
  const [list, [count]] = await Promise.all([
    page(paging.perPage, offset(paging)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(table)
      .where(where),
  ]);
  return { list, total: Number(count?.n ?? 0) };
}

/** A HAL collection: `_embedded`, `_links` with self/next/prev and the item links, OSDI's page fields. */
export function collection({
  path,
  rel,
  items,
  total,
  paging,
  search,
}: {
  path: string;
  rel: string;
  items: Record<string, unknown>[];
  total: number;
  paging: Paging;
  search: URLSearchParams;
}) {
  const totalPages = Math.max(1, Math.ceil(total / paging.perPage));
  const pageHref = (page: number) => {
    const s = new URLSearchParams(search);
    s.set("page", String(page));
    s.set("per_page", String(paging.perPage));
    return href(`${path}?${s.toString()}`);
  };
  return {
    total_pages: totalPages,
    per_page: paging.perPage,
    page: paging.page,
    total_records: total,
    _links: {
      self: pageHref(paging.page),
      ...(paging.page < totalPages ? { next: pageHref(paging.page + 1) } : {}),
      ...(paging.page > 1 ? { prev: pageHref(Math.min(paging.page - 1, totalPages)) } : {}),
      [`osdi:${rel}`]: items.map((i) => (i._links as { self: { href: string } }).self),
      curies: curies(),
    },
    _embedded: { [`osdi:${rel}`]: items },
  };
}

// Parsing what a URL carries (ids, cursors, dates) into values the database accepts, so a hand-typed
// or hostile URL gets a 404 or the unfiltered page, never a database error.
import { isStorableText } from "./text";

/** Largest value of a Postgres `integer` (serial ids). */
export const INT4_MAX = 2_147_483_647;

/** A positive int4 id written in plain digits, else null ("1e3", "0x10", "1.0", "-1", "2147483648" are not ids). */
export function int4Id(value: string | null | undefined): number | null {
  if (typeof value !== "string" || !/^[1-9]\d{0,9}$/.test(value)) return null;
  const n = Number(value);
  return n <= INT4_MAX ? n : null;
}

/** A non-negative int4 (counts, indexes) written in plain digits, else null. */
export function int4Count(value: string | null | undefined): number | null {
  if (value === "0") return 0;
  return int4Id(value);
}

/** A calendar date YYYY-MM-DD that exists, between 1900 and 2999, else undefined. */
export function isoDateParam(value: string | null | undefined): string | undefined {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  if (y < 1900 || y > 2999) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
    ? value
    : undefined;
}

// A timestamptz as Postgres prints it (created_at::text): "2026-12-04 16:36:09.123456+00".
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

/** Whether a keyset cursor's sort key can be compared in SQL without a cast error. */
export function isCursorKey(key: string, kind: "timestamp" | "text") {
  if (key.length > 300 || !isStorableText(key)) return false;
  return kind === "text" || PG_TIMESTAMP.test(key);
}

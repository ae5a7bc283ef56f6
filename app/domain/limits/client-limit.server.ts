// Per-client rate limits that keep nothing about the client longer than the limit needs.
// A client's address is hashed with the day's random key (client_keys): the key is deleted the day
// after, so an old hash can no longer be tested against the 4 billion IPv4 addresses — unlike an
// HMAC under a secret that lives beside the database for ever. Counter rows are dropped once their
// window has passed. Nothing IP-derived is stored anywhere else (see ADR 021).
import { lt, sql } from "drizzle-orm";
import crypto from "node:crypto";
import { db, rows, type DbOrTx } from "#db/client";
import { clientKeys } from "#db/schema";
import { takeHit } from "./rate-limit.server";

/** The longest window any caller uses; counter rows older than this are deleted. */
export const MAX_WINDOW_MINUTES = 60;
/** Key prefixes whose rows this store owns and prunes. */
const OWNED_PREFIXES = ["client:", "sign:"];

const utcDay = (d = new Date()) => d.toISOString().slice(0, 10);
let cached: { day: string; key: string } | null = null;
let lastPrune = 0;

/** Today's key, created by whichever process asks first (every process reads the same row). */
async function todaysKey(tx: DbOrTx = db) {
  const day = utcDay();
  if (cached?.day === day) return cached.key;
  await tx
    .insert(clientKeys)
    .values({ day, key: crypto.randomBytes(32).toString("base64url") })
    .onConflictDoNothing();
  const [row] = await rows<{ key: string }>(
    tx,
    sql`select key from client_keys where day = ${day}::date`,
  );
  cached = { day, key: row!.key };
  // Yesterday's key stays a day so a window spanning midnight still finds its rows; older go.
  await tx.delete(clientKeys).where(lt(clientKeys.day, utcDay(new Date(Date.now() - 86400_000))));
  return cached.key;
}

/** The client's address as a rate-limit key part: an HMAC under today's key, never the address. */
export async function clientHash(ip: string, tx: DbOrTx = db) {
  const key = await todaysKey(tx);
  return crypto.createHmac("sha256", key).update(ip).digest("base64url").slice(0, 32);
}

/** Deletes counter rows whose window has passed, and keys older than yesterday. Idempotent. */
export async function pruneClientLimits(tx: DbOrTx = db) {
  lastPrune = Date.now();
  const owned = sql.join(
    OWNED_PREFIXES.map((p) => sql`key like ${`${p}%`}`),
    sql` or `,
  );
  const deleted = await rows<{ n: number }>(
    tx,
    sql`with d as (delete from rate_limits where (${owned})
          and window_start < now() - make_interval(mins => ${MAX_WINDOW_MINUTES}::int) returning 1)
        select count(*)::int as n from d`,
  );
  await tx.delete(clientKeys).where(lt(clientKeys.day, utcDay(new Date(Date.now() - 86400_000))));
  return Number(deleted[0]?.n ?? 0);
}

/**
 * Counts one hit for (purpose, client) in a fixed window and says whether it is within `limit`.
 * Prunes expired rows at most every ten minutes per process, so the table stays small.
 */
export async function takeClientLimit({
  purpose,
  ip,
  limit,
  windowMinutes,
}: {
  purpose: string;
  ip: string;
  limit: number;
  windowMinutes: number;
}) {
  const minutes = Math.min(windowMinutes, MAX_WINDOW_MINUTES);
  const key = `client:${purpose}:${await clientHash(ip)}`;
  const { hits } = await takeHit({ key, windowSeconds: minutes * 60 });
  if (Date.now() - lastPrune > 10 * 60_000) await pruneClientLimits();
  return hits <= limit;
}

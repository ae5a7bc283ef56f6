// The one way Handover limits anything (logins, sign-ups, resets, resends, signatures, RSVPs, data
// requests, API tokens): a named fixed window, counted on one rate_limits row by a single atomic
// upsert so concurrent requests cannot race it. A client's address never enters a key as such: it
// is hashed with the day's key (client-hash.server.ts), and every counter row is deleted once its
// window has passed, so nothing IP-derived outlives the limit that needed it (ADR 021).
import { eq, like, or, sql } from "drizzle-orm";
import { db, rows, type DbOrTx } from "#db/client";
import { rateLimits } from "#db/schema";
import { clientHash, forgetOldClientKeys } from "./client-hash.server";

/** The longest window a limit may have: counter rows older than this are deleted. */
export const MAX_WINDOW_SECONDS = 3600;
const PRUNE_EVERY_MS = 10 * 60_000;

export type RateLimit = {
  /** Names the counter: the first part of its key. */
  name: string;
  /** Hits allowed per window; a function when a setting can change it. */
  max: number | (() => number);
  windowSeconds: number;
};

/** A limit, checked once: a window longer than the pruning keeps would silently not hold. */
export function rateLimit(limit: RateLimit): RateLimit {
  if (!(limit.windowSeconds >= 1 && limit.windowSeconds <= MAX_WINDOW_SECONDS))
    throw new Error(`rate limit ${limit.name}: the window must be 1 to ${MAX_WINDOW_SECONDS} s`);
  return limit;
}

export const limitMax = (limit: RateLimit) =>
  typeof limit.max === "function" ? limit.max() : limit.max;

/** What a hit is counted against: the limit, for a subject (an account, a token…) and/or a client. */
export type LimitTarget = { limit: RateLimit; subject?: string | number; client?: string };

/** The counter's key: `name:subject`, or `client:name[:subject]:<day-keyed hash of the client>`. */
export async function limitKey({ limit, subject, client }: LimitTarget) {
  const parts = subject === undefined ? [limit.name] : [limit.name, String(subject)];
  return client === undefined
    ? parts.join(":")
    : ["client", ...parts, await clientHash(client)].join(":");
}

/**
 * Counts one hit and says whether it is within the limit; when it is not, how many seconds until
 * the window restarts (for Retry-After). Prunes passed windows at most every ten minutes.
 */
export async function takeLimit(target: LimitTarget) {
  const { windowSeconds } = target.limit;
  const [hit] = await rows<{ hits: number; window_start: Date | string }>(
    db,
    sql`insert into rate_limits (key, window_start, hits) values (${await limitKey(target)}, now(), 1)
        on conflict (key) do update set
          hits = case when rate_limits.window_start > now() - make_interval(secs => ${windowSeconds}::int)
                      then rate_limits.hits + 1 else 1 end,
          window_start = case when rate_limits.window_start > now() - make_interval(secs => ${windowSeconds}::int)
                      then rate_limits.window_start else now() end
        returning hits, window_start`,
  );
  await pruneRateLimitsWhenDue();
  const hits = Number(hit!.hits);
  const allowed = hits <= limitMax(target.limit);
  const endsAt = new Date(hit!.window_start).getTime() + windowSeconds * 1000;
  return {
    allowed,
    hits,
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((endsAt - Date.now()) / 1000)),
  };
}

/** Yes or no for a per-client limit named where it is used (RSVPs, data requests). */
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
  const windowSeconds = Math.min(windowMinutes * 60, MAX_WINDOW_SECONDS);
  return (
    await takeLimit({ limit: rateLimit({ name: purpose, max: limit, windowSeconds }), client: ip })
  ).allowed;
}

/** Drops one counter (a success forgiving earlier failures). */
export async function forgetLimit(target: LimitTarget) {
  await db.delete(rateLimits).where(eq(rateLimits.key, await limitKey(target)));
}

/** Drops a subject's counters for every client (an owner who proved the account is theirs). */
export async function forgetLimitForEveryClient({
  limit,
  subject,
}: {
  limit: RateLimit;
  subject: string;
}) {
  const escaped = `${limit.name}:${subject}`.replace(/[\\%_]/g, "\\$&");
  await db
    .delete(rateLimits)
    .where(
      or(
        eq(rateLimits.key, `${limit.name}:${subject}`),
        like(rateLimits.key, `client:${escaped}:%`),
      ),
    );
}

let lastPrune = 0;

/** Deletes every counter whose window has passed, and client keys older than yesterday. Idempotent. */
export async function pruneRateLimits(tx: DbOrTx = db) {
  lastPrune = Date.now();
  const deleted = await rows<{ n: number }>(
    tx,
    sql`with d as (delete from rate_limits
          where window_start < now() - make_interval(secs => ${MAX_WINDOW_SECONDS}::int) returning 1)
        select count(*)::int as n from d`,
  );
  await forgetOldClientKeys(tx);
  return Number(deleted[0]?.n ?? 0);
}

/** Prunes when the last pruning in this process is ten minutes old, so the table stays small. */
export async function pruneRateLimitsWhenDue() {
  if (Date.now() - lastPrune > PRUNE_EVERY_MS) await pruneRateLimits();
}

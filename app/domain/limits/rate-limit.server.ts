// The one fixed-window counter behind every limit (logins, sign-ups, resets, resends, RSVPs per
// client, API tokens): a single atomic upsert on rate_limits, so concurrent requests cannot race it.
import { sql } from "drizzle-orm";
import { db, rows } from "#db/client";

/**
 * Counts one hit against `key` and returns the count in the current window and when that window
 * started (a window older than `windowSeconds` restarts at 1).
 */
export async function takeHit({ key, windowSeconds }: { key: string; windowSeconds: number }) {
  const [hit] = await rows<{ hits: number; window_start: Date | string }>(
    db,
    sql`insert into rate_limits (key, window_start, hits) values (${key}, now(), 1)
        on conflict (key) do update set
          hits = case when rate_limits.window_start > now() - make_interval(secs => ${windowSeconds}::int)
                      then rate_limits.hits + 1 else 1 end,
          window_start = case when rate_limits.window_start > now() - make_interval(secs => ${windowSeconds}::int)
                      then rate_limits.window_start else now() end
        returning hits, window_start`,
  );
  return { hits: Number(hit!.hits), windowStart: new Date(hit!.window_start) };
}

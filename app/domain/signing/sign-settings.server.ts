// The sign path's tunable settings, read from the environment on each use so tests and operators
// can change them without a restart (the confirmation link's lifetime is checked at boot instead).
import { dbKind } from "#db/client";
import { rateLimit } from "~/domain/limits/rate-limit.server";
import { env } from "~/lib/env.server";

/** A numeric setting, or its fallback when unset, empty or not a number. */
export const numberFromEnv = (name: string, fallback: number) => {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && process.env[name] !== "" && process.env[name] !== undefined
    ? n
    : fallback;
};

/** A human needs a few seconds to fill in the form; bots post at once. */
export const minFillMs = () => numberFromEnv("SIGN_MIN_FILL_MS", 2_000);

/**
 * How long a form-start token is good for (SIGN_FORM_MAX_AGE_MS, default 3 hours): long enough for
 * a signer who leaves the tab open over lunch, short enough that one harvested token cannot feed a
 * bot for a day. An expired token gets "press Sign again" with a fresh one, never a lost form.
 */
export const formMaxAgeMs = () => numberFromEnv("SIGN_FORM_MAX_AGE_MS", 3 * 3_600_000);

/**
 * Signatures per client address per petition per ten minutes (SIGN_RATE_LIMIT, default 50).
 * Generous: mobile carriers put many phones behind one address (CGNAT), and a rally may share
 * one Wi-Fi. Counted inside the sign batch's statement, with this window and maximum.
 */
export const SIGN_LIMIT = rateLimit({
  name: "sign",
  max: () => numberFromEnv("SIGN_RATE_LIMIT", 50),
  windowSeconds: 600,
});

/** How many sign (or confirm) statements may run at once: PGlite runs one transaction at a time. */
export const batchConcurrency = () =>
  dbKind() === "pglite" ? 1 : numberFromEnv("SIGN_BATCH_CONCURRENCY", 4);

/** Hours a confirmation link stays valid. */
export const confirmHours = () => env().SIGNATURE_CONFIRM_HOURS;

// Start-up: check the environment, open and migrate the database, seed an empty one, start jobs.
import { closeDb, dbKind, dbReady, noteDatabaseError } from "#db/client";
import { drainConfirmations } from "~/domain/signing/confirm-signature.server";
import { drainSignBatches } from "~/domain/signing/sign-batch.server";
import { seedIfEmpty } from "#db/seed";
import { startJobRunner, stopJobRunner } from "~/jobs/runner.server";
import { ensureRetentionScheduled } from "~/domain/privacy/retention.server";
import { BootError, loadEnv } from "~/lib/env.server";

export { BootError };

export async function boot() {
  const e = loadEnv();
  try {
    await dbReady();
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    if (e.DATABASE_URL) {
      const target = safeHost(e.DATABASE_URL);
      throw new BootError(`DATABASE_URL: cannot connect to ${target} (${err.code ?? err.message})`);
    }
    throw new BootError(`PGLITE_DIR: cannot open the embedded database (${err.message})`);
  }
  if (e.SEED_ON_START === "true") {
    const seeded = await seedIfEmpty();
    if (seeded) console.log("Seeded the demo campaign (an empty database was found).");
  }
  // The daily retention run: queued once per day by date, so every process may ask.
  await ensureRetentionScheduled().catch((error) =>
    console.error(`retention: not scheduled (${(error as Error).name})`),
  );
  if (e.JOBS_INLINE === "true") startJobRunner();
  if (!e.SMTP_URL)
    console.log(
      `Mail is captured locally (no SMTP_URL): read it on this machine at http://localhost:${e.PORT}/dev/mail`,
    );
  console.log(
    `Database: ${dbKind() === "postgres" ? safeHost(e.DATABASE_URL!) : "embedded PGlite"}`,
  );
}

let draining = false;
/** True once a graceful shutdown has begun: the health check then says not ready. */
export const isDraining = () => draining;

/**
 * Graceful shutdown, after the HTTP server has stopped accepting connections: wait for the sign
 * batches already queued (their requests are still waiting for an answer) and for the job runner's
 * pass under way, then close the pool.
 */
export async function shutdown() {
  draining = true;
  await Promise.all([drainSignBatches(), drainConfirmations()]);
  await stopJobRunner();
  await closeDb();
}

/** Marks the start of a graceful shutdown (before the server stops accepting). */
export function beginShutdown() {
  draining = true;
}

/**
 * Whether a failed request failed because the database is away (so the answer should be
 * 503 + Retry-After, not 500). Remembers it for the health check. Called from server.mjs.
 */
export const noteRequestError = (error: unknown) => noteDatabaseError(error);

function safeHost(url: string) {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return "the configured server";
  }
}

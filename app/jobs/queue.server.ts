// Background jobs other than single emails. enqueueJob is idempotent by dedupeKey.
import { and, eq, inArray, sql } from "drizzle-orm";
import { db, rows, type DbOrTx } from "#db/client";
import { jobs, type Job } from "#db/schema";
import { jobLeaseSeconds, leaseExpired, workerId } from "~/lib/lease.server";

export async function enqueueJob({
  kind,
  payload = {},
  dedupeKey,
  runAt,
  maxAttempts,
  priority,
  tx,
}: {
  kind: string;
  payload?: Record<string, unknown>;
  dedupeKey?: string;
  runAt?: Date;
  maxAttempts?: number;
  /** "bulk" for long or mass work, so quick jobs someone is waiting on go first. */
  priority?: "normal" | "bulk";
  tx?: DbOrTx;
}): Promise<number | null> {
  const [row] = await (tx ?? db)
    .insert(jobs)
    .values({
      kind,
      payload,
      dedupeKey,
      runAt: runAt ?? new Date(),
      maxAttempts,
      priority: priority === "bulk" ? 5 : 0,
    })
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  return row?.id ?? null;
}

/**
 * Claims up to `limit` due jobs (FOR UPDATE SKIP LOCKED). A running job whose lease has run out —
 * its worker stopped renewing it — is claimed again: handlers are idempotent, so a second run of a
 * job that did in fact finish does no harm.
 */
export async function claimJobs(
  limit = 4,
  {
    lockedBy = workerId(),
    leaseSeconds = jobLeaseSeconds(),
    kind,
    restartGraceSeconds = leaseSeconds,
  }: {
    lockedBy?: string;
    leaseSeconds?: number;
    /** Only jobs of this kind. */ kind?: string;
    /** Abandoned claims wait this long after the database (re)started: see leaseExpired. */
    restartGraceSeconds?: number;
  } = {},
): Promise<Job[]> {
  const claimed = await rows<{ id: number }>(
    db,
    sql`update jobs set status = 'running', locked_at = now(), locked_by = ${lockedBy},
          attempts = attempts + 1
        where id in (
          select id from jobs
          where ((status = 'queued' and run_at <= now())
             or (status = 'running' and ${leaseExpired(sql`locked_at`, leaseSeconds, restartGraceSeconds)}))
            ${kind ? sql`and kind = ${kind}` : sql``}
          order by priority, run_at, id
          limit ${limit}
          for update skip locked)
        returning id`,
  );
  if (claimed.length === 0) return [];
  const ids = claimed.map((c) => c.id);
  return db
    .select()
    .from(jobs)
    .where(sql`${jobs.id} in ${ids}`);
}

/** The heartbeat: extends the lease of jobs this worker still holds. Returns the ids still held. */
export async function renewJobLeases(ids: number[], lockedBy = workerId()) {
  if (ids.length === 0) return [];
  const held = await db
    .update(jobs)
    .set({ lockedAt: sql`now()` })
    .where(and(inArray(jobs.id, ids), eq(jobs.status, "running"), eq(jobs.lockedBy, lockedBy)))
    .returning({ id: jobs.id });
  return held.map((h) => h.id);
}

export async function finishJob(id: number) {
  await finishJobs([id]);
}

/** Marks jobs done; `payload` replaces what they carried (e.g. tokens that must not be kept). */
export async function finishJobs(ids: number[], payload?: Record<string, unknown>) {
  if (ids.length === 0) return;
  await db
    .update(jobs)
    .set({
      status: "done",
      finishedAt: new Date(),
      progress: 100,
      lockedAt: null,
      lockedBy: null,
      ...(payload ? { payload } : {}),
    })
    .where(inArray(jobs.id, ids));
}

export async function failJob(job: Job, error: unknown) {
  const giveUp = job.attempts >= job.maxAttempts;
  const delay = Math.min(15 * 2 ** (job.attempts - 1), 1800);
  await db
    .update(jobs)
    .set({
      status: giveUp ? "failed" : "queued",
      lockedAt: null,
      lockedBy: null,
      lastError: (error as Error)?.message?.slice(0, 1000) ?? String(error),
      runAt: new Date(Date.now() + delay * 1000),
      finishedAt: giveUp ? new Date() : null,
    })
    .where(eq(jobs.id, job.id));
}
export async function setJobProgress(id: number, progress: number) {
  await db
    .update(jobs)
    .set({ progress: Math.max(0, Math.min(100, Math.round(progress))) })
    .where(eq(jobs.id, id));
}

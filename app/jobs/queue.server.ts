// Background jobs other than single emails. enqueueJob is idempotent by dedupeKey; the kinds and
// their payloads are the contract in ./kinds.
import { eq, inArray, sql, type SQL } from "drizzle-orm";
import { db, rows, type DbOrTx } from "#db/client";
import { jobs, type Job } from "#db/schema";
import { claimDueRows, renewClaimedRows, type ClaimTable } from "~/lib/claim.server";
import { jobLeaseSeconds, workerId } from "~/lib/lease.server";
import { isJobKind, type JobKind, type JobPayloadInput } from "./kinds";

const JOB_CLAIMS: ClaimTable = {
  table: "jobs",
  dueAt: "run_at",
  waiting: "queued",
  working: "running",
};

// A kind whose payload may be empty lets the caller leave it out.
type PayloadOf<K extends JobKind> =
  Record<string, never> extends JobPayloadInput<K>
    ? { payload?: JobPayloadInput<K> }
    : { payload: JobPayloadInput<K> };

export type EnqueueJobInput<K extends JobKind> = {
  kind: K;
  dedupeKey?: string;
  runAt?: Date;
  maxAttempts?: number;
  /** "bulk" for long or mass work, so quick jobs someone is waiting on go first. */
  priority?: "normal" | "bulk";
  tx?: DbOrTx;
} & PayloadOf<K>;

export async function enqueueJob<K extends JobKind>(
  input: EnqueueJobInput<K>,
): Promise<number | null> {
  const { kind, dedupeKey, runAt, maxAttempts, priority, tx } = input;
  const payload: Record<string, unknown> = input.payload ?? {};
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
 * enqueueJob for a single statement that does more than queue jobs (a sign batch, a confirmation,
 * a webhook event): the body of a CTE that queues one job of `kind` per row of `fromSql` (the
 * statement's FROM clause onwards). `payloadSql` must build the kind's payload as jsonb; with
 * `dedupeKeySql` a key already queued is skipped. Returns the new jobs' ids.
 */
export function jobInsertCte({
  kind,
  payloadSql,
  dedupeKeySql,
  fromSql,
}: {
  kind: JobKind;
  payloadSql: SQL;
  dedupeKeySql?: SQL;
  fromSql: SQL;
}): SQL {
  if (!isJobKind(kind)) throw new Error(`Unknown job kind "${kind}"`);
  if (!dedupeKeySql)
    return sql`insert into jobs (kind, payload)
      select ${kind}::text, ${payloadSql}
      ${fromSql}
      returning id`;
  return sql`insert into jobs (kind, payload, dedupe_key)
      select ${kind}::text, ${payloadSql}, ${dedupeKeySql}
      ${fromSql}
      on conflict (dedupe_key) do nothing
      returning id`;
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
    claimDueRows({
      ...JOB_CLAIMS,
      lockedBy,
      limit,
      leaseSeconds,
      restartGraceSeconds,
      only: kind ? sql`kind = ${kind}` : undefined,
    }),
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
  const held = await rows<{ id: number }>(db, renewClaimedRows({ ...JOB_CLAIMS, ids, lockedBy }));
  return held.map((h) => Number(h.id));
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

/**
 * Records a failed attempt: the job waits with backoff for its next one, or has failed for good
 * after its last attempt or when `permanent` (retrying cannot help, e.g. a payload its kind rejects).
 */
export async function failJob(
  job: Pick<Job, "id" | "attempts" | "maxAttempts">,
  error: unknown,
  { permanent = false }: { permanent?: boolean } = {},
) {
  const giveUp = permanent || job.attempts >= job.maxAttempts;
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

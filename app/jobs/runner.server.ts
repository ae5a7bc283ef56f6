// The in-process worker: sends due emails and runs due jobs, polling the database.
// Several processes may run it at once; claims use SKIP LOCKED and carry a lease that a heartbeat
// renews while the work runs, so a worker that dies loses its claims after the lease
// (docs/decisions/017-faults.md). When the database is away, a pass fails and the next one is
// tried a little later: the runner recovers by itself.
import { deliverDueEmails } from "~/domain/mail/outbox-sender.server";
import { claimJobs, failJob, finishJob, renewJobLeases } from "~/jobs/queue.server";
import { heartbeat, jobLeaseSeconds } from "~/lib/lease.server";
import { checkedJob, InvalidJobPayloadError, runJob } from "./registry.server";
import { SEND_CONFIRMATIONS, sendConfirmationBatches } from "./signer.server";
import { errorKind } from "~/lib/log.server";
import type { Job } from "#db/schema";
import type { JobOf } from "./types";
import { yieldToEventLoop } from "~/lib/yield";

const POLL_MS = 400;
let stopped = true;
let draining = false;

/**
 * What went wrong, fit for a log line and the job's lastError: a failed query's own error (its
 * SQLSTATE and message) without the statement and its parameters, which hold signers' addresses.
 */
export function errorSummary(error: unknown) {
  const e = error as { cause?: { code?: string; message?: string }; message?: string };
  const inner = e?.cause?.message ? e.cause : e;
  const code = (inner as { code?: string })?.code;
  const text = String(inner?.message ?? error).split("\n")[0]!;
  const safe = text.startsWith("Failed query:") ? "query failed" : text;
  return `${code ? `${code} ` : ""}${safe}`.slice(0, 300);
}

/** One pass: returns how much work was done (0 = idle). */
export async function runJobsOnce(): Promise<number> {
  // Confirmation emails first, in bulk: a signer is waiting for that link right now.
  const work = draining ? 0 : await runConfirmationLane(jobLeaseSeconds());
  return work + (await runOtherWorkOnce());
}

/** Mail delivery and every other job kind: one pass of the runner's main loop. */
async function runOtherWorkOnce(): Promise<number> {
  const lease = jobLeaseSeconds();
  let work = await deliverDueEmails({ limit: 25 });
  if (draining) return work; // shutting down: finish this mail batch, claim no new jobs
  const jobs = await claimJobs(2, { leaseSeconds: lease });
  const stopBeat = heartbeat(() => renewJobLeases(jobs.map((j) => j.id)), lease);
  try {
    for (const job of jobs) {
      try {
        await runJob(job);
        await finishJob(job.id);
      } catch (error) {
        await failJobOf(job, error);
      }
      work++;
      // In-process (JOBS_INLINE), the web server shares this thread: let it answer between jobs.
      await yieldToEventLoop();
    }
  } finally {
    stopBeat();
  }
  return work;
}

/** Logs a failed job and records the attempt; a payload its kind rejects fails for good. */
async function failJobOf(job: Job, error: unknown) {
  console.error(`job ${job.kind}#${job.id} failed: ${errorKind(error)}`);
  await failJob(job, new Error(errorSummary(error)), {
    permanent: error instanceof InvalidJobPayloadError,
  });
}

async function runConfirmationLane(lease: number) {
  const claimed = await claimJobs(50, { leaseSeconds: lease, kind: SEND_CONFIRMATIONS });
  if (claimed.length === 0) return 0;
  const stopBeat = heartbeat(() => renewJobLeases(claimed.map((j) => j.id)), lease);
  try {
    const batches = [];
    for (const job of claimed) {
      try {
        batches.push(checkedJob(SEND_CONFIRMATIONS, job));
      } catch (error) {
        await failJobOf(job, error);
      }
    }
    if (batches.length > 0) await sendBatches(batches);
  } finally {
    stopBeat();
  }
  return claimed.length;
}

async function sendBatches(batches: JobOf<typeof SEND_CONFIRMATIONS>[]) {
  try {
    await sendConfirmationBatches(batches);
  } catch (error) {
    // Each job is retried on its own (the emails are deduplicated, so a retry sends nothing twice).
    console.error(
      `job ${SEND_CONFIRMATIONS} (${batches.length} batches) failed: ${errorKind(error)}`,
    );
    for (const job of batches) await failJob(job, new Error(errorSummary(error)));
  }
}

/** Runs passes until nothing is due (tests and scripts). */
export async function runJobsUntilIdle(maxPasses = 1000) {
  for (let i = 0; i < maxPasses; i++) {
    if ((await runJobsOnce()) === 0) return;
  }
}

/**
 * A polling loop: runs `pass` again at once while it finds work, else after POLL_MS; a failed
 * pass (the database or the mail server away) is retried a little later, with no restart needed.
 */
function createLoop(name: string, pass: () => Promise<number>) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  async function tick() {
    timer = undefined;
    if (stopped) return;
    let delay = POLL_MS;
    try {
      const current = pass();
      running = current;
      if ((await current) > 0) delay = 0;
    } catch (error) {
      console.error(`${name}: ${errorKind(error)}`);
      delay = POLL_MS * 5;
    } finally {
      running = undefined;
    }
    if (!stopped) timer = setTimeout(tick, delay);
  }
  return {
    start: () => void (timer = setTimeout(tick, 50)),
    stop: async () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running?.catch(() => {});
    },
  };
}

// Two loops: the confirmation lane never waits behind a slow mail batch or a long job (a packet
// build), so a crowd's confirmation emails reach the outbox within seconds of signing.
const loops = [
  createLoop("job runner (confirmations)", () =>
    draining ? Promise.resolve(0) : runConfirmationLane(jobLeaseSeconds()),
  ),
  createLoop("job runner", runOtherWorkOnce),
];

export function startJobRunner() {
  if (!stopped) return;
  stopped = false;
  for (const loop of loops) loop.start();
}

/** Stops polling and waits for the passes under way (their jobs and mail batch) to finish. */
export async function stopJobRunner() {
  stopped = true;
  draining = true;
  await Promise.all(loops.map((loop) => loop.stop()));
  draining = false;
}

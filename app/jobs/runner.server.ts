// The in-process worker: sends due emails and runs due jobs, polling the database.
// Several processes may run it at once; claims use SKIP LOCKED.
import { deliverDueEmails } from "~/models/email.server";
import { claimJobs, failJob, finishJob } from "~/models/job.server";
import { handlers } from "./registry.server";

const POLL_MS = 400;
let timer: NodeJS.Timeout | undefined;
let running: Promise<unknown> | undefined;
let stopped = true;

/** One pass: returns how much work was done (0 = idle). */
export async function runJobsOnce(): Promise<number> {
  let work = await deliverDueEmails({ limit: 25 });
  const jobs = await claimJobs(2);
  for (const job of jobs) {
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`No handler for job kind "${job.kind}"`);
      await handler(job);
      await finishJob(job.id);
    } catch (error) {
      console.error(`job ${job.kind}#${job.id} failed:`, (error as Error).message);
      await failJob(job, error);
    }
    work++;
  }
  return work;
}

/** Runs passes until nothing is due (tests and scripts). */
export async function runJobsUntilIdle(maxPasses = 1000) {
  for (let i = 0; i < maxPasses; i++) {
    if ((await runJobsOnce()) === 0) return;
  }
}

async function tick() {
  if (stopped) return;
  try {
    running = runJobsOnce();
    const work = (await running) as number;
    timer = setTimeout(tick, work > 0 ? 0 : POLL_MS);
  } catch (error) {
    console.error("job runner:", (error as Error).message);
    timer = setTimeout(tick, POLL_MS * 5);
  }
}

export function startJobRunner() {
  if (!stopped) return;
  stopped = false;
  timer = setTimeout(tick, 50);
}

export async function stopJobRunner() {
  stopped = true;
  if (timer) clearTimeout(timer);
  await running?.catch(() => {});
}

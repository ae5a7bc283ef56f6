import type { Job } from "#db/schema";

/** A job handler. Throwing retries the job with backoff; it must be safe to run again. */
export type JobHandler = (job: Job) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

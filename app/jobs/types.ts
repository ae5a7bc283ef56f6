import type { Job } from "#db/schema";
import type { JobKind, JobPayload } from "./kinds";

/** A claimed job whose payload has passed its kind's schema. */
export type JobOf<K extends JobKind> = Omit<Job, "payload"> & { payload: JobPayload<K> };

/** A job handler. Throwing retries the job with backoff; it must be safe to run again. */
export type JobHandler<K extends JobKind> = (job: JobOf<K>) => Promise<void>;

/** Handlers for some kinds, each typed by its own payload. */
export type JobHandlers<K extends JobKind> = { [P in K]: JobHandler<P> };

// Every job kind's handler, checked against the contract in ./kinds: a kind without a handler, or a
// handler for a kind that is not in the contract, does not compile.
import type { Job } from "#db/schema";
import { deliveryHandlers } from "./delivery.server";
import { isJobKind, parseJobPayload, type JobKind } from "./kinds";
import { officeHandlers } from "./office.server";
import { organizerHandlers } from "./organizer.server";
import { packetHandlers } from "./packet.server";
import { retentionHandlers } from "./retention.server";
import { signerHandlers } from "./signer.server";
import type { JobHandler, JobHandlers, JobOf } from "./types";
import { webhookHandlers } from "./webhook.server";

const handlers: JobHandlers<JobKind> = {
  ...signerHandlers,
  ...organizerHandlers,
  ...deliveryHandlers,
  ...packetHandlers,
  ...officeHandlers,
  ...webhookHandlers,
  ...retentionHandlers,
};

/** A stored payload its kind's schema rejects: running the job again cannot help. */
export class InvalidJobPayloadError extends Error {
  name = "InvalidJobPayloadError";
}

/** The job with its payload checked against `kind`'s schema; InvalidJobPayloadError if it does not fit. */
export function checkedJob<K extends JobKind>(kind: K, job: Job): JobOf<K> {
  const checked = parseJobPayload(kind, job.payload);
  if (!checked.ok) throw new InvalidJobPayloadError(checked.error);
  return { ...job, payload: checked.payload };
}

function handlerFor<K extends JobKind>(kind: K): JobHandler<K> {
  return handlers[kind];
}

/** Runs one claimed job: its payload checked, then its kind's handler. */
export async function runJob(job: Job) {
  // An unknown kind may come from a newer version of Handover mid-deploy: retried, not failed for good.
  if (!isJobKind(job.kind)) throw new Error(`No handler for job kind "${job.kind}"`);
  await handlerFor(job.kind)(checkedJob(job.kind, job));
}

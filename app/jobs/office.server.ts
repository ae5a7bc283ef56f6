import { notifySignersOfResponseBatch, RESPONSE_JOB } from "~/domain/petitions/decision-response.server";
import { notifyTeamOfOfficeAck } from "~/domain/deliveries/office-ack.server";
import { notifySignersOfUpdateBatch, UPDATE_JOB } from "~/domain/petitions/petition-update.server";
import type { JobHandlers } from "./types";

// Job handlers for the office's side and signer updates. Each is safe to rerun: every email has a dedupeKey.
export const officeHandlers: JobHandlers<
  "office-acknowledged" | typeof RESPONSE_JOB | typeof UPDATE_JOB
> = {
  "office-acknowledged": async (job) => {
    await notifyTeamOfOfficeAck({ eventId: job.payload.eventId });
  },
  [RESPONSE_JOB]: async ({ payload }) => {
    await notifySignersOfResponseBatch({
      responseId: payload.responseId,
      afterId: payload.afterId ?? 0,
      round: payload.round ?? 0,
      onlyThisBatch: !!payload.onlyThisBatch,
    });
  },
  [UPDATE_JOB]: async ({ payload }) => {
    await notifySignersOfUpdateBatch({ updateId: payload.updateId, afterId: payload.afterId ?? 0 });
  },
};

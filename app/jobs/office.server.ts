import { notifySignersOfResponseBatch, RESPONSE_JOB } from "~/domain/petitions/decision-response.server";
import { notifyTeamOfOfficeAck } from "~/domain/deliveries/office-ack.server";
import { notifySignersOfUpdateBatch, UPDATE_JOB } from "~/domain/petitions/petition-update.server";
import type { JobHandlers } from "./types";

// Job handlers for the office's side and signer updates. Each is safe to rerun: every email has a dedupeKey.
export const officeHandlers: JobHandlers = {
  "office-acknowledged": async (job) => {
    await notifyTeamOfOfficeAck({ eventId: Number(job.payload.eventId) });
  },
  [RESPONSE_JOB]: async (job) => {
    const p = job.payload as {
      responseId: number;
      afterId?: number;
      round?: number;
      onlyThisBatch?: boolean;
    };
    await notifySignersOfResponseBatch({
      responseId: Number(p.responseId),
      afterId: Number(p.afterId ?? 0),
      round: Number(p.round ?? 0),
      onlyThisBatch: !!p.onlyThisBatch,
    });
  },
  [UPDATE_JOB]: async (job) => {
    const p = job.payload as { updateId: number; afterId?: number };
    await notifySignersOfUpdateBatch({
      updateId: Number(p.updateId),
      afterId: Number(p.afterId ?? 0),
    });
  },
};

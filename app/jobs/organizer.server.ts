import { checkPetitionGoal } from "~/domain/petitions/petition-goal.server";
import type { JobHandlers } from "./types";

export const organizerHandlers: JobHandlers<"petition.check-goal"> = {
  // Enqueued by the sign path after confirmations.
  "petition.check-goal": async (job) => {
    const { petitionId } = job.payload;
    if (!Number.isInteger(petitionId) || petitionId <= 0) return; // nothing to retry
    await checkPetitionGoal({ petitionId });
  },
};

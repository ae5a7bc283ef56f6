import { checkPetitionGoal } from "~/domain/petitions/petition-goal.server";
import type { JobHandlers } from "./types";

// Job handlers for the organizer side. Keys are job kinds.
export const organizerHandlers: JobHandlers = {
  // Enqueued by the sign path after confirmations; payload { petitionId }.
  "petition.check-goal": async (job) => {
    const petitionId = Number(job.payload.petitionId);
    if (!Number.isInteger(petitionId) || petitionId <= 0) return; // nothing to retry
    await checkPetitionGoal({ petitionId });
  },
};

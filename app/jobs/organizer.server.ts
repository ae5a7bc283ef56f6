import type { JobHandlers } from "./types";

// Job handlers for the organizer side. Keys are job kinds (e.g. "notify-signers").
export const organizerHandlers: JobHandlers = {};

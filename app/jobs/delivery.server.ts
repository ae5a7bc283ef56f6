import type { JobHandlers } from "./types";

// Job handlers for the delivery side. Keys are job kinds (e.g. "notify-signers").
export const deliveryHandlers: JobHandlers = {};

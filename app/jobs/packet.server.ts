import type { JobHandlers } from "./types";

// Job handlers for the packet side. Keys are job kinds (e.g. "notify-signers").
export const packetHandlers: JobHandlers = {};

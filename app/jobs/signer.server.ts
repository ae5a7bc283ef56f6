import type { JobHandlers } from "./types";

// Job handlers for the signer side. Keys are job kinds (e.g. "notify-signers").
export const signerHandlers: JobHandlers = {};

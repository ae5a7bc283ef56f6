import { buildPacket, markPacketFailed } from "~/domain/packets/build-packet.server";
import { PACKET_JOB } from "~/domain/packets/request-packet.server";
import { setJobProgress } from "~/jobs/queue.server";
import type { JobHandlers } from "./types";

// Job handlers for the packet side. Keys are job kinds.
export const packetHandlers: JobHandlers = {
  // Builds one packet. Idempotent: a ready packet is skipped, a half-built one starts over with the
  // same snapshot time. On the last failed attempt the packet is marked failed so the page says so.
  [PACKET_JOB]: async (job) => {
    const packetId = String(job.payload.packetId ?? "");
    try {
      await buildPacket({ packetId, onProgress: (pct) => setJobProgress(job.id, pct) });
    } catch (error) {
      if (job.attempts >= job.maxAttempts)
        await markPacketFailed(packetId, (error as Error).message);
      throw error;
    }
  },
};

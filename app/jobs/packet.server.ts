import { buildPacket, markPacketFailed } from "~/domain/packets/build-packet.server";
import { PACKET_JOB } from "~/domain/packets/request-packet.server";
import { setJobProgress } from "~/jobs/queue.server";
import type { JobHandlers } from "./types";

export const packetHandlers: JobHandlers<typeof PACKET_JOB> = {
  // Builds one packet. Idempotent: a ready packet is skipped, a half-built one starts over with the
  // same snapshot time. On the last failed attempt the packet is marked failed so the page says so.
  [PACKET_JOB]: async (job) => {
    const { packetId } = job.payload;
    try {
      await buildPacket({ packetId, onProgress: (pct) => setJobProgress(job.id, pct) });
    } catch (error) {
      if (job.attempts >= job.maxAttempts)
        await markPacketFailed(packetId, (error as Error).message);
      throw error;
    }
  },
};

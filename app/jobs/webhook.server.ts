import { deliverWebhook } from "~/domain/integrations/webhook.server";
import type { JobHandlers } from "./types";

// One attempt per job; the model queues the next attempt itself (with its own backoff), so an
// HTTP failure is not a job failure.
export const webhookHandlers: JobHandlers = {
  "webhook.deliver": async (job) => {
    await deliverWebhook({
      deliveryId: Number((job.payload as { deliveryId: number }).deliveryId),
    });
  },
};

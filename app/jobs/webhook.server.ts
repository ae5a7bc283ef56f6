import { deliverWebhook } from "~/domain/integrations/webhook-delivery.server";
import type { JobHandlers } from "./types";

// One attempt per job; the delivery queues its next attempt itself (with its own backoff), so an
// HTTP failure is not a job failure.
export const webhookHandlers: JobHandlers<"webhook.deliver"> = {
  "webhook.deliver": async (job) => {
    await deliverWebhook({ deliveryId: job.payload.deliveryId });
  },
};

import { sendEventChanged } from "~/domain/deliveries/delivery-event.server";
import {
  notifySignersBatch,
  notifyTeamOfDelivery,
  type NotifyPhase,
} from "~/domain/deliveries/signer-notify.server";
import { sendReminders, type ReminderWindow } from "~/domain/deliveries/rsvp-reminders.server";
import type { JobHandlers } from "./types";

// Job handlers for the delivery side. Each is safe to rerun: every email has a dedupeKey.
export const deliveryHandlers: JobHandlers<
  "notify-signers" | "delivery-reported" | "rsvp-reminders" | "event-changed"
> = {
  "notify-signers": async ({ payload }) => {
    const { eventId, phase, afterId, force, gathered } = payload;
    await notifySignersBatch({ eventId, phase, afterId: afterId ?? 0, force, gathered });
  },
  "delivery-reported": async ({ payload }) => {
    await notifyTeamOfDelivery({ eventId: payload.eventId });
  },
  "rsvp-reminders": async ({ payload }) => {
    await sendReminders(payload);
  },
  "event-changed": async (job) => {
    const { eventId, change, key, note } = job.payload;
    await sendEventChanged({ eventId, change, key: key ?? String(job.id), note: note ?? "" });
  },
};

import { sendEventChanged } from "~/domain/deliveries/delivery-event.server";
import {
  notifySignersBatch,
  notifyTeamOfDelivery,
  type NotifyPhase,
} from "~/domain/deliveries/signer-notify.server";
import { sendReminders, type ReminderWindow } from "~/domain/deliveries/rsvp-reminders.server";
import type { JobHandlers } from "./types";

// Job handlers for the delivery side. Each is safe to rerun: every email has a dedupeKey.
export const deliveryHandlers: JobHandlers = {
  "notify-signers": async (job) => {
    const { eventId, phase, afterId, force, gathered } = job.payload as {
      eventId: number;
      phase: NotifyPhase;
      afterId?: number;
      force?: boolean;
      gathered?: boolean;
    };
    await notifySignersBatch({ eventId, phase, afterId: afterId ?? 0, force, gathered });
  },
  "delivery-reported": async (job) => {
    await notifyTeamOfDelivery({ eventId: (job.payload as { eventId: number }).eventId });
  },
  "rsvp-reminders": async (job) => {
    const { eventId, window, startsAt } = job.payload as {
      eventId: number;
      window: ReminderWindow;
      startsAt: string;
    };
    await sendReminders({ eventId, window, startsAt });
  },
  "event-changed": async (job) => {
    const { eventId, change, key } = job.payload as {
      eventId: number;
      change: "rescheduled" | "moved" | "postponed" | "cancelled";
      key?: string;
      note?: string;
    };
    await sendEventChanged({
      eventId,
      change,
      key: key ?? String(job.id),
      note: (job.payload as { note?: string }).note ?? "",
    });
  },
};

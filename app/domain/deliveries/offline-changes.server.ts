// Changes a coordinator made on their phone while offline (check-ins, the delivery report), sent
// later one by one, in the order they were made. Each answer is either applied or refused with a
// reason the phone shows in the user's words; a refusal never blocks the changes after it.
// Replays are harmless: a check-in sets a value, and a report that already landed answers "applied".
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "#db/client";
import { deliveryReports } from "#db/schema";
import { isStorableText } from "~/lib/text";
import { ForbiddenError, type Actor } from "~/domain/team/authorization.server";
import { IllegalTransitionError, PacketNotBuiltError } from "./delivery-event.server";
import { reportSchema } from "./delivery-forms";
import { DeliveryTimeError, reportDelivery } from "./delivery-report.server";
import { setCheckedIn } from "./attendees.server";
import { zonedTimeToUtc } from "~/lib/zoned-time";
import { deliveryEvents } from "#db/schema";

const id = z.coerce.number().int().positive();

export const offlineChangeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("checkin"), eventId: id, rsvpId: id, checked: z.boolean() }),
  z.object({
    kind: z.literal("report"),
    eventId: id,
    // The report form's fields as strings, parsed by the same schema as the form on the event page.
    fields: z.record(
      z.string().max(40),
      z
        .string()
        .max(10_000)
        .refine((v) => isStorableText(v), "text"),
    ),
  }),
]);
export type OfflineChange = z.infer<typeof offlineChangeSchema>;

export type OfflineOutcome =
  | { ok: true }
  | {
      ok: false;
      code: "forbidden" | "moved" | "packetNotBuilt" | "future" | "offDay" | "invalid" | "notGoing";
      status?: string;
    };

export async function applyOfflineChange({
  actor,
  change,
}: {
  actor: Actor;
  change: OfflineChange;
}): Promise<OfflineOutcome> {
  try {
    if (change.kind === "checkin") {
      const done = await setCheckedIn({
        actor,
        eventId: change.eventId,
        rsvpId: change.rsvpId,
        checkedIn: change.checked,
      });
      return done ? { ok: true } : { ok: false, code: "notGoing" };
    }
    const parsed = reportSchema.safeParse(change.fields);
    if (!parsed.success) return { ok: false, code: "invalid" };
    const [event] = await db
      .select({ timeZone: deliveryEvents.timeZone, status: deliveryEvents.status })
      .from(deliveryEvents)
      .where(eq(deliveryEvents.id, change.eventId));
    if (!event) return { ok: false, code: "forbidden" };
    const [date, time] = parsed.data.deliveredAt.split("T") as [string, string];
    const deliveredAt = zonedTimeToUtc(date, time, event.timeZone);
    try {
      await reportDelivery({ actor, eventId: change.eventId, input: parsed.data, deliveredAt });
      return { ok: true };
    } catch (error) {
      // The same report sent twice (the answer to the first was lost): it is already there.
      if (error instanceof IllegalTransitionError && error.from === "delivered") {
        const [report] = await db
          .select({ deliveredAt: deliveryReports.deliveredAt, by: deliveryReports.reportedBy })
          .from(deliveryReports)
          .where(eq(deliveryReports.eventId, change.eventId));
        if (
          report &&
          report.by === actor?.userId &&
          report.deliveredAt.getTime() === deliveredAt.getTime()
        )
          return { ok: true };
      }
      throw error;
    }
  } catch (error) {
    if (error instanceof ForbiddenError) return { ok: false, code: "forbidden" };
    if (error instanceof IllegalTransitionError)
      return { ok: false, code: "moved", status: error.from };
    if (error instanceof PacketNotBuiltError) return { ok: false, code: "packetNotBuilt" };
    if (error instanceof DeliveryTimeError) return { ok: false, code: error.kind };
    throw error;
  }
}

// The coordinator's report from the office door, and the office's acknowledgement later.
// Reporting moves the event to delivered (which queues the signers' update and the team's email);
// the acknowledgement is its own step, moving delivered → acknowledged.
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { db } from "#db/client";
import { acknowledgements, deliveryEvents, deliveryReports } from "#db/schema";
import { localDate } from "~/lib/zoned-time";
import { assertEventPermission, type Actor } from "~/domain/team/authorization.server";
import { moveEventStatus } from "./delivery-event.server";
import type { ReportInput, acknowledgementSchema } from "./delivery-forms";

/** A few minutes of clock skew between a phone and the server are not "the future". */
const FUTURE_SLACK_MS = 5 * 60_000;

/**
 * A delivery time that cannot be right: in the future (refused), or on another local day than the
 * scheduled one (a warning: sent again with `confirmOffDay` it is accepted, since days do move).
 */
export class DeliveryTimeError extends Error {
  name = "DeliveryTimeError";
  status = 400;
  constructor(
    public kind: "future" | "offDay",
    public scheduledDate: string,
  ) {
    super(
      kind === "future"
        ? "Delivery time is in the future"
        : "Delivery time is off the scheduled day",
    );
  }
}

/** The report, in the coordinator's local wall time of the office (deliveredAt as YYYY-MM-DDTHH:mm). */
export async function reportDelivery({
  actor,
  eventId,
  input,
  deliveredAt,
}: {
  actor: Actor;
  eventId: number;
  input: ReportInput;
  deliveredAt: Date;
}) {
  return db.transaction(async (tx) => {
    await assertEventPermission({ actor, eventId, permission: "event.report", tx });
    const [scheduled] = await tx
      .select({ startsAt: deliveryEvents.startsAt, timeZone: deliveryEvents.timeZone })
      .from(deliveryEvents)
      .where(eq(deliveryEvents.id, eventId));
    if (scheduled) {
      const day = localDate(scheduled.startsAt, scheduled.timeZone);
      if (deliveredAt.getTime() > Date.now() + FUTURE_SLACK_MS)
        throw new DeliveryTimeError("future", day);
      if (!input.confirmOffDay && localDate(deliveredAt, scheduled.timeZone) !== day)
        throw new DeliveryTimeError("offDay", day);
    }
    const event = await moveEventStatus({
      eventId,
      to: "delivered",
      actor,
      note: input.note,
      at: deliveredAt,
      tx,
    });
    const values = {
      deliveredAt,
      receivedByName: input.receivedByName,
      receivedByTitle: input.receivedByTitle,
      signaturesHandedOver: input.signaturesHandedOver,
      attendeesCount: input.attendeesCount,
      howItWent: input.howItWent,
      officeResponse: input.officeResponse,
      links: input.links,
      reportedBy: actor!.userId,
      updatedAt: new Date(),
    };
    await tx
      .insert(deliveryReports)
      .values({ eventId, ...values })
      .onConflictDoUpdate({ target: deliveryReports.eventId, set: values });
    return event;
  });
}

export async function recordAcknowledgement({
  actor,
  eventId,
  input,
}: {
  actor: Actor;
  eventId: number;
  input: z.infer<typeof acknowledgementSchema>;
}) {
  return db.transaction(async (tx) => {
    const now = new Date();
    const event = await moveEventStatus({
      eventId,
      to: "acknowledged",
      actor,
      note: input.note,
      at: now,
      tx,
    });
    await tx.insert(acknowledgements).values({
      eventId,
      kind: input.kind,
      note: input.note,
      acknowledgedAt: now,
      recordedBy: actor!.userId,
    });
    return event;
  });
}

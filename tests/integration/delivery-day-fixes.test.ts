// What a real walk-through of a delivery day hit: coordinators assigned after planning (audited,
// emailed, organizers only), "Packet ready" only with a built packet, and delivery times that
// cannot be right (in the future: refused; another day than scheduled: warned, then accepted).
import { and, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "#db/client";
import { auditLogs, deliveryEvents, eventCoordinators, outgoingEmails } from "#db/schema";
import { ForbiddenError } from "~/domain/team/authorization.server";
import {
  assignCoordinatorToEvents,
  CoordinatorAssignmentError,
  setEventCoordinators,
} from "~/domain/deliveries/delivery-coordinators.server";
import { moveEventStatus, PacketNotBuiltError } from "~/domain/deliveries/delivery-event.server";
import { DeliveryTimeError, reportDelivery } from "~/domain/deliveries/delivery-report.server";
import { reportSchema } from "~/domain/deliveries/delivery-forms";
import {
  makeDeliveryCampaign,
  makeEvent,
  markPacketBuilt,
  type DeliveryCampaign,
} from "../support/delivery-fixtures";

let c: DeliveryCampaign;
beforeAll(async () => {
  c = await makeDeliveryCampaign();
});

const coordinatorsOf = async (eventId: number) =>
  (
    await db
      .select({ userId: eventCoordinators.userId })
      .from(eventCoordinators)
      .where(eq(eventCoordinators.eventId, eventId))
  )
    .map((r) => r.userId)
    .sort();

const assignmentMails = (eventId: number) =>
  db
    .select()
    .from(outgoingEmails)
    .where(like(outgoingEmails.dedupeKey, `coordinator-assigned:event:${eventId}:%`));

describe("assigning coordinators after planning", () => {
  it("an organizer sets them on a planned event: audited, and only the new one is emailed", async () => {
    const event = await makeEvent(c, { coordinator: false });
    const organizer = { userId: c.users.organizer };
    await setEventCoordinators({
      actor: organizer,
      campaignId: c.campaign.id,
      eventId: event.id,
      userIds: [c.users.coordinator],
    });
    expect(await coordinatorsOf(event.id)).toEqual([c.users.coordinator]);
    let mails = await assignmentMails(event.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.toAddress).toMatch(/^coordinator-/);
    expect(mails[0]!.subject).toBe("You're coordinating the delivery in Houston");
    expect(mails[0]!.text).toContain(`/deliveries/events/${event.id}`);
    // Team mail does not claim the reader "took part in" a campaign.
    expect(mails[0]!.text).not.toContain("took part in");

    // Swap: the first is removed, the second added and emailed; the first gets nothing new.
    await setEventCoordinators({
      actor: organizer,
      campaignId: c.campaign.id,
      eventId: event.id,
      userIds: [c.users.coordOther],
    });
    expect(await coordinatorsOf(event.id)).toEqual([c.users.coordOther]);
    mails = await assignmentMails(event.id);
    expect(mails.map((m) => m.toAddress.split("-")[0]).sort()).toEqual([
      "coordOther",
      "coordinator",
    ]);
    const audit = await db
      .select()
      .from(auditLogs)
      .where(
        and(
          eq(auditLogs.action, "event.coordinators.set"),
          eq(auditLogs.subjectId, String(event.id)),
        ),
      )
      .orderBy(auditLogs.id);
    expect(audit.map((a) => a.details)).toEqual([
      { added: [c.users.coordinator], removed: [] },
      { added: [c.users.coordOther], removed: [c.users.coordinator] },
    ]);

    // Saving the same set again changes nothing and sends nothing.
    await setEventCoordinators({
      actor: organizer,
      campaignId: c.campaign.id,
      eventId: event.id,
      userIds: [c.users.coordOther],
    });
    expect(await assignmentMails(event.id)).toHaveLength(2);
  });

  it("coordinators, viewers and strangers may not assign; viewers and outsiders cannot be assigned", async () => {
    const event = await makeEvent(c, { coordinator: false });
    for (const userId of [c.users.coordinator, c.users.viewer, c.users.stranger]) {
      await expect(
        setEventCoordinators({
          actor: { userId },
          campaignId: c.campaign.id,
          eventId: event.id,
          userIds: [userId],
        }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    for (const userId of [c.users.viewer, c.users.stranger]) {
      await expect(
        setEventCoordinators({
          actor: { userId: c.users.owner },
          campaignId: c.campaign.id,
          eventId: event.id,
          userIds: [userId],
        }),
      ).rejects.toMatchObject({ code: "coordinator" });
    }
    expect(await coordinatorsOf(event.id)).toEqual([]);
  });

  it("a delivered event keeps its coordinators; another campaign's event is not found", async () => {
    const delivered = await makeEvent(c, { status: "delivered" });
    await expect(
      setEventCoordinators({
        actor: { userId: c.users.owner },
        campaignId: c.campaign.id,
        eventId: delivered.id,
        userIds: [],
      }),
    ).rejects.toMatchObject({ code: "eventClosed" });
    const other = await makeDeliveryCampaign();
    const foreign = await makeEvent(other);
    await expect(
      setEventCoordinators({
        actor: { userId: c.users.owner },
        campaignId: c.campaign.id,
        eventId: foreign.id,
        userIds: [c.users.coordinator],
      }),
    ).rejects.toBeInstanceOf(CoordinatorAssignmentError);
  });

  it("the board's bulk action adds one person to several events, each emailed once", async () => {
    const a = await makeEvent(c, { coordinator: false });
    const b = await makeEvent(c); // already has the coordinator
    const result = await assignCoordinatorToEvents({
      actor: { userId: c.users.organizer },
      campaignId: c.campaign.id,
      eventIds: [a.id, b.id, a.id],
      userId: c.users.coordinator,
    });
    expect(result).toEqual({ assigned: 1 });
    expect(await coordinatorsOf(a.id)).toEqual([c.users.coordinator]);
    expect(await assignmentMails(a.id)).toHaveLength(1);
    expect(await assignmentMails(b.id)).toHaveLength(0);
    await expect(
      assignCoordinatorToEvents({
        actor: { userId: c.users.coordinator },
        campaignId: c.campaign.id,
        eventIds: [a.id],
        userId: c.users.coordinator,
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("packet ready", () => {
  it("is refused until a packet is built, then allowed", async () => {
    const event = await makeEvent(c, { status: "confirmed" });
    const coordinator = { userId: c.users.coordinator };
    await expect(
      moveEventStatus({ eventId: event.id, to: "packet_ready", actor: coordinator }),
    ).rejects.toBeInstanceOf(PacketNotBuiltError);
    await markPacketBuilt(event.id);
    await expect(
      moveEventStatus({ eventId: event.id, to: "packet_ready", actor: coordinator }),
    ).resolves.toMatchObject({ status: "packet_ready" });
  });
});

describe("the delivery time in a report", () => {
  const input = (extra: Record<string, string> = {}) =>
    reportSchema.parse({ deliveredAt: "2026-01-01T00:00", receivedByName: "Jordan", ...extra });

  it("refuses the future, warns about another day, and accepts it once confirmed", async () => {
    const startsAt = new Date(Date.now() - 3600_000);
    const event = await makeEvent(c, { status: "packet_ready", startsAt });
    const actor = { userId: c.users.coordinator };
    await expect(
      reportDelivery({
        actor,
        eventId: event.id,
        input: input(),
        deliveredAt: new Date(Date.now() + 3600_000),
      }),
    ).rejects.toMatchObject({ kind: "future" });
    const fourDaysBefore = new Date(startsAt.getTime() - 4 * 86400_000);
    await expect(
      reportDelivery({ actor, eventId: event.id, input: input(), deliveredAt: fourDaysBefore }),
    ).rejects.toBeInstanceOf(DeliveryTimeError);
    const [stillOpen] = await db
      .select({ status: deliveryEvents.status })
      .from(deliveryEvents)
      .where(eq(deliveryEvents.id, event.id));
    expect(stillOpen!.status).toBe("packet_ready");
    const moved = await reportDelivery({
      actor,
      eventId: event.id,
      input: input({ confirmOffDay: "1" }),
      deliveredAt: fourDaysBefore,
    });
    expect(moved.status).toBe("delivered");
    expect(moved.deliveredAt!.getTime()).toBe(fourDaysBefore.getTime());
  });

  it("accepts a time on the scheduled day without a question", async () => {
    const startsAt = new Date(Date.now() - 3600_000);
    const event = await makeEvent(c, { status: "packet_ready", startsAt });
    const moved = await reportDelivery({
      actor: { userId: c.users.coordinator },
      eventId: event.id,
      input: input(),
      deliveredAt: startsAt,
    });
    expect(moved.deliveredAt!.getTime()).toBe(startsAt.getTime());
  });
});

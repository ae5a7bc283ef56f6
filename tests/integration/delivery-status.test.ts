import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "#db/client";
import { eventStatusChanges, jobs } from "#db/schema";
import { EVENT_STATES, type EventState } from "#db/schema/states";
import { ForbiddenError } from "~/domain/team/authorization.server";
import { canTransition, EVENT_TRANSITIONS, STATE_TIMESTAMP } from "~/domain/deliveries/delivery-event";
import { IllegalTransitionError, moveEventStatus } from "~/domain/deliveries/delivery-event.server";
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

const LEGAL: [EventState, EventState][] = [
  ["planned", "confirmed"],
  ["planned", "postponed"],
  ["planned", "cancelled"],
  ["confirmed", "packet_ready"],
  ["confirmed", "postponed"],
  ["confirmed", "cancelled"],
  ["packet_ready", "delivered"],
  ["packet_ready", "postponed"],
  ["packet_ready", "cancelled"],
  ["delivered", "acknowledged"],
  ["postponed", "planned"],
  ["postponed", "confirmed"],
  ["postponed", "cancelled"],
];
const isLegal = (from: EventState, to: EventState) =>
  LEGAL.some(([f, t]) => f === from && t === to);
const ALL_PAIRS = EVENT_STATES.flatMap((from) =>
  EVENT_STATES.map((to) => [from, to] as [EventState, EventState]),
);

describe("the delivery event status machine", () => {
  it("the table allows exactly the documented moves", () => {
    for (const [from, to] of ALL_PAIRS)
      expect(canTransition(from, to), `${from} → ${to}`).toBe(isLegal(from, to));
    expect(Object.keys(EVENT_TRANSITIONS).sort()).toEqual([...EVENT_STATES].sort());
  });

  it.each(LEGAL)(
    "moves %s → %s, stamps the milestone and records who and why",
    async (from, to) => {
      const event = await makeEvent(c, { status: from });
      // "Packet ready" needs a built packet (see delivery-day-fixes.test.ts for the refusal).
      if (to === "packet_ready") await markPacketBuilt(event.id);
      const before = Date.now();
      const updated = await moveEventStatus({
        eventId: event.id,
        to,
        actor: { userId: c.users.organizer },
        note: ` ${from} to ${to} `,
      });
      expect(updated.status).toBe(to);
      const stamp = updated[STATE_TIMESTAMP[to]] as Date;
      expect(stamp).toBeInstanceOf(Date);
      expect(stamp.getTime()).toBeGreaterThanOrEqual(before - 1000);
      const history = await db
        .select()
        .from(eventStatusChanges)
        .where(eq(eventStatusChanges.eventId, event.id));
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({
        fromStatus: from,
        toStatus: to,
        actorId: c.users.organizer,
        note: `${from} to ${to}`,
      });
    },
  );

  const illegal = ALL_PAIRS.filter(([f, t]) => !isLegal(f, t));
  it(`refuses all ${illegal.length} illegal moves with a message naming both states, changing nothing`, async () => {
    expect(illegal.length).toBe(49 - LEGAL.length);
    for (const [from, to] of illegal) {
      const event = await makeEvent(c, { status: from });
      const error = await moveEventStatus({
        eventId: event.id,
        to,
        actor: { userId: c.users.owner },
      }).catch((e) => e);
      expect(error, `${from} → ${to}`).toBeInstanceOf(IllegalTransitionError);
      expect(error.message).toContain(from);
      if (from !== to) expect(error.message).toContain(to);
      const history = await db
        .select()
        .from(eventStatusChanges)
        .where(eq(eventStatusChanges.eventId, event.id));
      expect(history).toHaveLength(0);
    }
  });

  it("walks the whole main line and keeps every step in the history", async () => {
    const event = await makeEvent(c);
    await markPacketBuilt(event.id);
    for (const to of ["confirmed", "packet_ready", "delivered", "acknowledged"] as const) {
      await moveEventStatus({ eventId: event.id, to, actor: { userId: c.users.owner } });
    }
    const history = await db
      .select()
      .from(eventStatusChanges)
      .where(eq(eventStatusChanges.eventId, event.id))
      .orderBy(eventStatusChanges.id);
    expect(history.map((h) => h.toStatus)).toEqual([
      "confirmed",
      "packet_ready",
      "delivered",
      "acknowledged",
    ]);
    const queued = await db.select({ key: jobs.dedupeKey }).from(jobs);
    expect(queued.map((j) => j.key)).toEqual(
      expect.arrayContaining([
        `notify-signers:event:${event.id}:delivered`,
        `notify-signers:event:${event.id}:acknowledged`,
      ]),
    );
  });

  describe("permissions", () => {
    it("a coordinator reports milestones on their own event but cannot plan", async () => {
      const event = await makeEvent(c, { status: "confirmed" });
      await markPacketBuilt(event.id);
      const coordinator = { userId: c.users.coordinator };
      await expect(
        moveEventStatus({ eventId: event.id, to: "packet_ready", actor: coordinator }),
      ).resolves.toMatchObject({ status: "packet_ready" });
      await expect(
        moveEventStatus({ eventId: event.id, to: "postponed", actor: coordinator }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        moveEventStatus({ eventId: event.id, to: "cancelled", actor: coordinator }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        moveEventStatus({ eventId: event.id, to: "delivered", actor: coordinator }),
      ).resolves.toMatchObject({ status: "delivered" });
      await expect(
        moveEventStatus({ eventId: event.id, to: "acknowledged", actor: coordinator }),
      ).resolves.toMatchObject({ status: "acknowledged" });
    });

    it("another event's coordinator, a viewer and a stranger are refused", async () => {
      const event = await makeEvent(c, { status: "packet_ready" });
      for (const userId of [c.users.coordOther, c.users.viewer, c.users.stranger]) {
        await expect(
          moveEventStatus({ eventId: event.id, to: "delivered", actor: { userId } }),
        ).rejects.toBeInstanceOf(ForbiddenError);
      }
      await expect(
        moveEventStatus({ eventId: event.id, to: "delivered", actor: null }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    });

    it("a coordinator cannot confirm; an organizer can", async () => {
      const event = await makeEvent(c);
      await expect(
        moveEventStatus({
          eventId: event.id,
          to: "confirmed",
          actor: { userId: c.users.coordinator },
        }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        moveEventStatus({
          eventId: event.id,
          to: "confirmed",
          actor: { userId: c.users.organizer },
        }),
      ).resolves.toMatchObject({ status: "confirmed" });
    });
  });

  it("two simultaneous moves from the same state: one wins, the other is refused", async () => {
    const event = await makeEvent(c, { status: "packet_ready" });
    const results = await Promise.allSettled([
      moveEventStatus({ eventId: event.id, to: "delivered", actor: { userId: c.users.owner } }),
      moveEventStatus({ eventId: event.id, to: "cancelled", actor: { userId: c.users.organizer } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(IllegalTransitionError);
  });
});

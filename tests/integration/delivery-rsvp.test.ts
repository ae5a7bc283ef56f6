import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "#db/client";
import { jobs, outgoingEmails, rsvps } from "#db/schema";
import { cancelRsvp } from "~/domain/deliveries/rsvp-cancel.server";
import { createRsvp } from "~/domain/deliveries/rsvp.server";
import { rsvpCancelToken } from "~/domain/deliveries/rsvp-mail.server";
import { sendReminders } from "~/domain/deliveries/rsvp-reminders.server";
import { listAttendees, setCheckedIn } from "~/domain/deliveries/attendees.server";
import { ForbiddenError } from "~/domain/team/authorization.server";
import { moveEventStatus, updateEventSchedule } from "~/domain/deliveries/delivery-event.server";
import { runJobsUntilIdle } from "~/jobs/runner.server";
import { buildIcs } from "~/lib/ics";
import { zonedTimeToUtc } from "~/lib/zoned-time";
import {
  makeDeliveryCampaign,
  makeEvent,
  type DeliveryCampaign,
} from "../support/delivery-fixtures";
import { child, parseIcs, prop, resolveLocal } from "../support/ics-parse";
import { withSentBodies } from "../support/sent-bodies";

let c: DeliveryCampaign;
beforeAll(async () => {
  c = await makeDeliveryCampaign();
});

const person = (i: number) => ({
  name: `Volunteer ${i}`,
  email: `v${i}-${Math.random().toString(36).slice(2)}@example.org`,
  phone: "",
  role: "attend" as const,
});

describe("RSVPs", () => {
  it("fills to capacity, waitlists the rest, and emails an .ics in the office's zone", async () => {
    const startsAt = zonedTimeToUtc("2027-03-09", "11:00", "America/Chicago");
    const event = await makeEvent(c, { capacity: 2, startsAt });
    const results = [];
    for (let i = 0; i < 4; i++)
      results.push(
        await createRsvp({ eventId: event.id, input: person(i), locale: i % 2 ? "es" : "en" }),
      );
    expect(results.map((r) => r.rsvp.status)).toEqual([
      "going",
      "going",
      "waitlisted",
      "waitlisted",
    ]);

    const [mail] = await db
      .select()
      .from(outgoingEmails)
      .where(eq(outgoingEmails.toAddress, results[1]!.rsvp.email));
    expect(mail!.subject).toMatch(/Confirmado/);
    const ics = Buffer.from(mail!.attachments[0]!.content, "base64").toString("utf8");
    const cal = parseIcs(ics);
    const vevent = child(cal, "VEVENT")!;
    expect(prop(vevent, "DTSTART")!.params.TZID).toBe("America/Chicago");
    expect(prop(vevent, "DTSTART")!.value).toBe("20270309T110000");
    expect(resolveLocal(cal, prop(vevent, "DTSTART")!).toISOString()).toBe(startsAt.toISOString());
    const waitMail = await db
      .select()
      .from(outgoingEmails)
      .where(eq(outgoingEmails.toAddress, results[2]!.rsvp.email));
    expect(waitMail[0]!.subject).toMatch(/waitlist/);
    expect(waitMail[0]!.attachments).toHaveLength(0);

    const again = await createRsvp({
      eventId: event.id,
      input: { ...person(9), email: results[0]!.rsvp.email.toUpperCase() },
      locale: "en",
    });
    expect(again.already).toBe(true);
  });

  it("promotes the waitlist in order on cancellation, and exactly once under concurrent cancellations", async () => {
    const event = await makeEvent(c, { capacity: 3 });
    const made = [];
    for (let i = 0; i < 8; i++)
      made.push(await createRsvp({ eventId: event.id, input: person(i), locale: "en" }));
    const going = made.filter((m) => m.rsvp.status === "going");
    expect(going).toHaveLength(3);
    // All three going volunteers cancel at once, and one of them twice (double click).
    const tokens = going.map((g) => rsvpCancelToken(g.rsvp.id));
    const outcome = await Promise.all(
      [...tokens, tokens[0]!].map((token) => cancelRsvp({ token })),
    );
    expect(outcome.filter((o) => o.cancelled)).toHaveLength(3);
    const promoted = outcome.flatMap((o) => o.promoted);
    expect(new Set(promoted).size).toBe(3);
    expect(promoted.sort()).toEqual(
      made
        .slice(3, 6)
        .map((m) => m.rsvp.id)
        .sort(),
    );

    const now = await db.select().from(rsvps).where(eq(rsvps.eventId, event.id));
    expect(now.filter((r) => r.status === "going")).toHaveLength(3);
    expect(now.filter((r) => r.status === "waitlisted")).toHaveLength(2);
    const promotedMail = await db
      .select()
      .from(outgoingEmails)
      .where(eq(outgoingEmails.template, "rsvp-waitlist-promoted"));
    expect(
      promotedMail.filter((m) =>
        now.some((r) => r.email === m.toAddress && r.eventId === event.id),
      ),
    ).toHaveLength(3);
  });

  it("reminders: one per going volunteer per window, never twice, skipped after a reschedule", async () => {
    const event = await makeEvent(c, { capacity: 5 });
    for (let i = 0; i < 3; i++)
      await createRsvp({ eventId: event.id, input: person(i), locale: "en" });
    const queuedJobs = await db.select().from(jobs).where(eq(jobs.kind, "rsvp-reminders"));
    expect(queuedJobs.filter((j) => (j.payload as any).eventId === event.id)).toHaveLength(2);
    const startsAt = event.startsAt.toISOString();
    expect(await sendReminders({ eventId: event.id, window: "day", startsAt })).toBe(3);
    expect(await sendReminders({ eventId: event.id, window: "day", startsAt })).toBe(0);
    expect(await sendReminders({ eventId: event.id, window: "hours", startsAt })).toBe(3);
    expect(
      await sendReminders({
        eventId: event.id,
        window: "day",
        startsAt: new Date(0).toISOString(),
      }),
    ).toBe(0);
  });

  it("attendee list and check-in: the event's coordinator yes, another coordinator no", async () => {
    const event = await makeEvent(c, { capacity: 5 });
    const { rsvp } = await createRsvp({ eventId: event.id, input: person(1), locale: "en" });
    const list = await listAttendees({ actor: { userId: c.users.coordinator }, eventId: event.id });
    expect(list.map((a) => a.id)).toEqual([rsvp.id]);
    await expect(
      listAttendees({ actor: { userId: c.users.coordOther }, eventId: event.id }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      setCheckedIn({
        actor: { userId: c.users.viewer },
        eventId: event.id,
        rsvpId: rsvp.id,
        checkedIn: true,
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(
      await setCheckedIn({
        actor: { userId: c.users.coordinator },
        eventId: event.id,
        rsvpId: rsvp.id,
        checkedIn: true,
      }),
    ).toBe(true);
    const [row] = await db
      .select()
      .from(rsvps)
      .where(and(eq(rsvps.id, rsvp.id)));
    expect(row!.checkedInAt).toBeInstanceOf(Date);
  });
});

describe("changes reach the volunteers", () => {
  it("a new time emails everyone going once and re-queues reminders; a cancellation emails going and waitlisted", async () => {
    const event = await makeEvent(c, { capacity: 1 });
    const a = await createRsvp({ eventId: event.id, input: person(1), locale: "es" });
    const b = await createRsvp({ eventId: event.id, input: person(2), locale: "en" });
    expect(b.rsvp.status).toBe("waitlisted");
    await expect(
      updateEventSchedule({
        actor: { userId: c.users.coordinator },
        eventId: event.id,
        input: {
          date: "2027-04-06",
          time: "10:00",
          durationMinutes: 60,
          meetingPoint: "",
          note: "",
        },
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const moved = await updateEventSchedule({
      actor: { userId: c.users.organizer },
      eventId: event.id,
      input: {
        date: "2027-04-06",
        time: "10:00",
        durationMinutes: 60,
        meetingPoint: "Library steps",
        note: "Bring water",
      },
    });
    expect(moved.startsAt.toISOString()).toBe("2027-04-06T15:00:00.000Z");
    await runJobsUntilIdle();
    await runJobsUntilIdle();
    const changed = await withSentBodies(
      await db.select().from(outgoingEmails).where(eq(outgoingEmails.template, "event-changed")),
    );
    const mine = changed.filter((m) => m.toAddress === a.rsvp.email);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.subject).toMatch(/Nuevo horario/);
    expect(mine[0]!.text).toContain("Bring water");
    expect(changed.some((m) => m.toAddress === b.rsvp.email)).toBe(false);
    const reminderJobs = (
      await db.select().from(jobs).where(eq(jobs.kind, "rsvp-reminders"))
    ).filter((j) => (j.payload as { eventId: number }).eventId === event.id);
    expect(reminderJobs.map((j) => (j.payload as { startsAt: string }).startsAt)).toContain(
      "2027-04-06T15:00:00.000Z",
    );

    await moveEventStatus({
      eventId: event.id,
      to: "cancelled",
      actor: { userId: c.users.owner },
      note: "Office closed",
    });
    await runJobsUntilIdle();
    const cancelled = (
      await db.select().from(outgoingEmails).where(eq(outgoingEmails.template, "event-changed"))
    ).filter((m) => /Cancel/.test(m.subject));
    expect(cancelled.map((m) => m.toAddress).sort()).toEqual([a.rsvp.email, b.rsvp.email].sort());
  });
});

describe("time zones across a DST change", () => {
  it("11:00 local is 16:00Z before and 15:00Z after Chicago's spring-forward; the .ics says 11:00 both times", () => {
    const before = zonedTimeToUtc("2027-03-13", "11:00", "America/Chicago");
    const after = zonedTimeToUtc("2027-03-15", "11:00", "America/Chicago");
    expect(before.toISOString()).toBe("2027-03-13T17:00:00.000Z");
    expect(after.toISOString()).toBe("2027-03-15T16:00:00.000Z");
    for (const start of [before, after]) {
      const cal = parseIcs(
        buildIcs({
          uid: "x@handover",
          start,
          end: new Date(start.getTime() + 3600_000),
          timeZone: "America/Chicago",
          summary: "Delivery, Houston; \\ test",
        }),
      );
      const ev = child(cal, "VEVENT")!;
      expect(prop(ev, "DTSTART")!.value).toMatch(/T110000$/);
      expect(resolveLocal(cal, prop(ev, "DTSTART")!).toISOString()).toBe(start.toISOString());
      expect(prop(ev, "SUMMARY")!.value).toBe("Delivery\\, Houston\\; \\\\ test");
    }
  });

  it("the gap and the overlap: 02:30 on spring-forward moves to 03:30; 01:30 on fall-back is the first one", () => {
    expect(zonedTimeToUtc("2027-03-14", "02:30", "America/New_York").toISOString()).toBe(
      "2027-03-14T07:30:00.000Z",
    );
    expect(zonedTimeToUtc("2027-11-07", "01:30", "America/New_York").toISOString()).toBe(
      "2027-11-07T05:30:00.000Z",
    );
  });

  it("an event across the fall-back night lasts its real length", () => {
    const start = zonedTimeToUtc("2027-11-06", "23:00", "America/Chicago");
    const end = zonedTimeToUtc("2027-11-07", "03:00", "America/Chicago");
    expect((end.getTime() - start.getTime()) / 3600_000).toBe(5);
    const cal = parseIcs(
      buildIcs({
        uid: "y@handover",
        start,
        end,
        timeZone: "America/Chicago",
        summary: "Night vigil",
      }),
    );
    const ev = child(cal, "VEVENT")!;
    expect(resolveLocal(cal, prop(ev, "DTEND")!).toISOString()).toBe(end.toISOString());
  });

  it("a zone without DST (Phoenix) gets a single STANDARD observance", () => {
    const start = zonedTimeToUtc("2027-07-01", "09:00", "America/Phoenix");
    const cal = parseIcs(
      buildIcs({ uid: "z@handover", start, end: start, timeZone: "America/Phoenix", summary: "x" }),
    );
    expect(child(cal, "VTIMEZONE")!.children.map((x) => x.type)).toEqual(["STANDARD"]);
    expect(resolveLocal(cal, prop(child(cal, "VEVENT")!, "DTSTART")!).toISOString()).toBe(
      "2027-07-01T16:00:00.000Z",
    );
  });
});

// The seeded petition at full size: every opted-in verified signer gets exactly one delivery update,
// through the real job queue and outbox, even when the whole run is repeated. Prints the timing.
import { and, eq, isNull, like, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { db } from "#db/client";
import { campaigns, deliveryEvents, offices, outgoingEmails, signatures } from "#db/schema";
import { seedDemo } from "#db/seed";
import { runJobsUntilIdle } from "~/jobs/runner.server";
import { moveEventStatus } from "~/domain/deliveries/delivery-event.server";
import { reportDelivery } from "~/domain/deliveries/delivery-report.server";
import { reportSchema } from "~/domain/deliveries/delivery-forms";
import { notifySignersBatch } from "~/domain/deliveries/signer-notify.server";
import { campaignMembers, users } from "#db/schema";
import { markPacketBuilt } from "../support/delivery-fixtures";

it("tells each opted-in signer of the seeded petition once (figure printed)", async () => {
  await seedDemo();
  const [houston] = await db
    .select({
      id: deliveryEvents.id,
      petitionId: deliveryEvents.petitionId,
      campaignId: deliveryEvents.campaignId,
      dayId: deliveryEvents.deliveryDayId,
    })
    .from(deliveryEvents)
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .where(eq(offices.city, "Houston"));
  const [owner] = await db
    .select({ id: users.id })
    .from(campaignMembers)
    .innerJoin(users, eq(users.id, campaignMembers.userId))
    .innerJoin(campaigns, eq(campaigns.id, campaignMembers.campaignId))
    .where(eq(campaignMembers.role, "owner"));
  const actor = { userId: owner!.id };
  await moveEventStatus({ eventId: houston!.id, to: "confirmed", actor });
  await markPacketBuilt(houston!.id);
  await moveEventStatus({ eventId: houston!.id, to: "packet_ready", actor });
  await runJobsUntilIdle();

  const [{ n: expected }] = (await db
    .select({ n: sql<number>`count(*)::int` })
    .from(signatures)
    .where(
      and(
        eq(signatures.petitionId, houston!.petitionId),
        eq(signatures.status, "verified"),
        eq(signatures.keepUpdated, true),
        isNull(signatures.unsubscribedAt),
      ),
    )) as [{ n: number }];

  const t0 = performance.now();
  await reportDelivery({
    actor,
    eventId: houston!.id,
    input: reportSchema.parse({
      deliveredAt: "2027-01-05T11:20",
      attendeesCount: "9",
      // Reported before the seeded day: confirmed past the off-day warning.
      confirmOffDay: "1",
    }),
    deliveredAt: new Date(),
  });
  // Queue every batch first (the notify jobs only), then let the runner send. The other cities of
  // the day are not delivered yet, so this is the day's deadline run (force).
  let next: number | null = 0;
  while (next !== null)
    next = (
      await notifySignersBatch({
        eventId: houston!.id,
        phase: "delivered",
        afterId: next,
        force: true,
      })
    ).next;
  const queuedMs = performance.now() - t0;
  await runJobsUntilIdle();
  const ms = performance.now() - t0;
  // A rerun of every notify job (as after a crash) queues nothing new.
  await db.execute(
    sql`update jobs set status = 'queued', run_at = now(), attempts = 0 where kind = 'notify-signers'`,
  );
  await runJobsUntilIdle();

  const sent = await db
    .select({ to: outgoingEmails.toAddress, status: outgoingEmails.status })
    .from(outgoingEmails)
    .where(like(outgoingEmails.dedupeKey, `signer-delivery-update:day:${houston!.dayId}:%`));
  console.log(
    `[figure] ${sent.length} signer updates: queued in ${(queuedMs / 1000).toFixed(1)} s, queued and sent in ${(ms / 1000).toFixed(1)} s (${Math.round(sent.length / (ms / 1000))}/s)`,
  );
  expect(Number(expected)).toBeGreaterThan(1000);
  expect(sent).toHaveLength(Number(expected));
  expect(new Set(sent.map((m) => m.to)).size).toBe(sent.length);
  expect(sent.every((m) => m.status === "sent")).toBe(true);
}, 300_000);

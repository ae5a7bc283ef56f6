// A two-city delivery day through the real job queue and outbox: an opted-in signer gets at most one
// email for the day — sent once both cities are done, their own city first — and at most one
// follow-up gathering the offices' answers, however often the jobs run.
import { eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { db } from "#db/client";
import {
  deliveryDays,
  deliveryEvents,
  eventCoordinators,
  offices,
  outgoingEmails,
} from "#db/schema";
import { runJobsUntilIdle } from "~/jobs/runner.server";
import { recordAcknowledgement, reportDelivery } from "~/domain/deliveries/delivery-report.server";
import { reportSchema } from "~/domain/deliveries/delivery-forms";
import { moveEventStatus } from "~/domain/deliveries/delivery-event.server";
import { signerDayMailKey } from "~/domain/deliveries/signer-notify.server";
import {
  makeDeliveryCampaign,
  makeEvent,
  makeSigners,
  markPacketBuilt,
} from "../support/delivery-fixtures";
import { withSentBodies } from "../support/sent-bodies";

let c: Awaited<ReturnType<typeof makeDeliveryCampaign>>;
let houston: number;
let chicago: number;
let dayId: number;
let texan: { id: number; email: string };
let illinoisan: { id: number; email: string };

const signerMail = async () =>
  withSentBodies(
    await db
      .select()
      .from(outgoingEmails)
      .where(sql`${outgoingEmails.dedupeKey} like ${`signer-delivery-update:day:${dayId}:%`}`),
  );

async function deliver(eventId: number) {
  const actor = { userId: c.users.owner };
  await moveEventStatus({ eventId, to: "confirmed", actor });
  await markPacketBuilt(eventId);
  await moveEventStatus({ eventId, to: "packet_ready", actor });
  await reportDelivery({
    actor,
    eventId,
    input: reportSchema.parse({
      deliveredAt: "2027-01-05T11:20",
      attendeesCount: "4",
      confirmOffDay: "on",
    }),
    deliveredAt: new Date(),
  });
  await runJobsUntilIdle();
}

beforeAll(async () => {
  c = await makeDeliveryCampaign();
  await db
    .update(offices)
    .set({ localRegions: ["TX"] })
    .where(eq(offices.id, c.office.id));
  const [day] = await db
    .insert(deliveryDays)
    .values({ campaignId: c.campaign.id, petitionId: c.petition.id, date: "2027-01-05" })
    .returning();
  dayId = day!.id;
  const [chicagoOffice] = await db
    .insert(offices)
    .values({
      campaignId: c.campaign.id,
      name: "Chicago HQ",
      kind: "campaign_hq",
      city: "Chicago",
      region: "IL",
      timeZone: "America/Chicago",
      addressLine1: "1 N State St",
      localRegions: ["IL"],
    })
    .returning();
  houston = (await makeEvent(c)).id;
  chicago = (await makeEvent(c, { coordinator: false })).id;
  await db
    .update(deliveryEvents)
    .set({ deliveryDayId: dayId })
    .where(eq(deliveryEvents.id, houston));
  await db
    .update(deliveryEvents)
    .set({ deliveryDayId: dayId, officeId: chicagoOffice!.id })
    .where(eq(deliveryEvents.id, chicago));
  await db.insert(eventCoordinators).values({ eventId: chicago, userId: c.users.coordOther });
  [texan] = await makeSigners(c, 1, { region: "TX", city: "Houston", locale: "en" });
  [illinoisan] = await makeSigners(c, 1, { region: "IL", city: "Chicago", locale: "es" });
  await makeSigners(c, 1, { region: "TX", keepUpdated: false });
});

it("sends nothing while the day is under way, then one email each, own city first", async () => {
  await deliver(houston);
  expect(await signerMail()).toHaveLength(0);
  await deliver(chicago);
  const mail = await signerMail();
  expect(mail.map((m) => m.toAddress).sort()).toEqual([illinoisan.email, texan.email].sort());
  const tx = mail.find((m) => m.toAddress === texan.email)!;
  expect(tx.subject).toBe("Your petition was delivered in Houston and 1 more city");
  expect(tx.text.indexOf("Houston party office")).toBeLessThan(tx.text.indexOf("Chicago HQ"));
  const il = mail.find((m) => m.toAddress === illinoisan.email)!;
  expect(il.subject).toBe("Tu petición fue entregada en Chicago y 1 ciudad más");
  expect(il.dedupeKey).toBe(
    signerDayMailKey({ dayKey: `day:${dayId}`, signatureId: illinoisan.id, kind: "day" }),
  );
});

it("gathers the offices' answers into one follow-up, and never sends more", async () => {
  for (const eventId of [houston, chicago]) {
    await recordAcknowledgement({
      actor: { userId: c.users.owner },
      eventId,
      input: { kind: eventId === houston ? "letter" : "meeting_promised", note: "" },
    });
  }
  await runJobsUntilIdle();
  expect(await signerMail()).toHaveLength(2); // the follow-up waits to gather answers
  await db.execute(
    sql`update jobs set run_at = now() where dedupe_key = ${`notify-signers:day:${dayId}:follow-up`}`,
  );
  await runJobsUntilIdle();
  // Every job of the day run again (as after a crash): nothing new.
  await db.execute(
    sql`update jobs set status = 'queued', run_at = now(), attempts = 0 where kind = 'notify-signers'`,
  );
  await runJobsUntilIdle();
  const mail = await signerMail();
  expect(mail).toHaveLength(4);
  const followUp = mail.find(
    (m) => m.toAddress === texan.email && m.dedupeKey.endsWith(":follow-up"),
  )!;
  expect(followUp.subject).toBe("The offices answered your petition");
  expect(followUp.text).toContain("answered with a letter");
  expect(followUp.text).toContain("promised a meeting");
});

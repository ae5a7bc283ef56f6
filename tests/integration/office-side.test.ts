// The office's side: a packet sent by email, the office's one-time acknowledgement with a response,
// responses typed in by organizers (with the per-signer daily cap), petition updates (interval,
// languages, never twice) and source codes — against a real database and the real job runner.
import { and, eq, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "#db/client";
import {
  deliveryEvents,
  eventStatusChanges,
  jobs,
  outgoingEmails,
  petitions,
  signatures,
} from "#db/schema";
import { runJobsUntilIdle } from "~/jobs/runner.server";
import { ForbiddenError } from "~/domain/team/authorization.server";
import { notifySignersOfResponseBatch, recordResponse } from "~/domain/petitions/decision-response.server";
import { IllegalTransitionError } from "~/domain/deliveries/delivery-event.server";
import {
  acknowledgeAsOffice,
  AckLinkError,
  describeAcknowledgement,
} from "~/domain/deliveries/office-ack.server";
import {
  getOfficePacketFile,
  NoReadyPacketError,
  sendPacketByEmail,
} from "~/domain/deliveries/office-delivery.server";
import { requestPacket } from "~/domain/packets/request-packet.server";
import { getPetitionNews } from "~/domain/petitions/petition-news.server";
import { postUpdate, UpdateTooSoonError } from "~/domain/petitions/petition-update.server";
import { createSignSchema } from "~/domain/signing/signature";
import { formStartToken } from "~/domain/signing/form-start.server";
import { signPetition } from "~/domain/signing/sign-petition.server";
import { sourceStats } from "~/domain/petitions/source-stats.server";
import { normalizeSource } from "~/lib/source-code";
import {
  makeDeliveryCampaign,
  makeEvent,
  makeSigners,
  type DeliveryCampaign,
} from "../support/delivery-fixtures";
import { withSentBodies } from "../support/sent-bodies";

let c: DeliveryCampaign;
let signers: { id: number; email: string }[];
beforeAll(async () => {
  c = await makeDeliveryCampaign();
  signers = await makeSigners(c, 4, { verifiedAt: new Date(Date.now() - 3 * 86400_000) });
  // Not opted in, and opted in but unsubscribed: neither hears anything.
  await makeSigners(c, 1, { keepUpdated: false });
  await makeSigners(c, 1, { unsubscribedAt: new Date() });
});

const as = (role: keyof DeliveryCampaign["users"]) => ({ userId: c.users[role] });
const OFFICE = "frontdesk@office.example.org";
const tokenFrom = (text: string, path: string) =>
  new RegExp(`/${path}/([A-Za-z0-9_-]+)`).exec(text)?.[1] ?? "";

async function readyEvent() {
  const event = await makeEvent(c, { status: "confirmed" });
  await requestPacket({
    actor: as("owner"),
    eventId: event.id,
    options: { language: "en", others: "all", volumeSize: 5000, paperSize: "letter" },
  });
  await runJobsUntilIdle();
  return event;
}

async function mailTo(to: string, template?: string) {
  await runJobsUntilIdle();
  const all = await withSentBodies(
    await db.select().from(outgoingEmails).where(eq(outgoingEmails.toAddress, to)),
  );
  return template ? all.filter((m) => m.template === template) : all;
}

describe("electronic delivery and the office's acknowledgement", () => {
  let eventId: number;
  let ackToken = "";

  it("refuses a viewer and a coordinator, and an event without a ready packet", async () => {
    const planned = await makeEvent(c, { status: "confirmed" });
    const input = { to: OFFICE, locale: "es" as const, note: "" };
    await expect(
      sendPacketByEmail({ actor: as("organizer"), eventId: planned.id, input }),
    ).rejects.toBeInstanceOf(IllegalTransitionError);
    const event = await readyEvent();
    eventId = event.id;
    for (const role of ["viewer", "coordinator", "stranger"] as const)
      await expect(sendPacketByEmail({ actor: as(role), eventId, input })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    const [row] = await db.select().from(deliveryEvents).where(eq(deliveryEvents.id, eventId));
    expect(row!.status).toBe("packet_ready");
    const noPacket = await makeEvent(c, { status: "packet_ready" });
    await expect(
      sendPacketByEmail({ actor: as("owner"), eventId: noPacket.id, input }),
    ).rejects.toBeInstanceOf(NoReadyPacketError);
  });

  it("emails the packet to the office in its language and marks the event delivered by email", async () => {
    const result = await sendPacketByEmail({
      actor: as("organizer"),
      eventId,
      input: { to: OFFICE, locale: "es", note: "Gracias por recibirnos." },
    });
    expect(result.attached).toBe(true);
    const [event] = await db.select().from(deliveryEvents).where(eq(deliveryEvents.id, eventId));
    expect(event!.status).toBe("delivered");
    expect(event!.deliveryChannel).toBe("email");
    expect(event!.deliveredAt).toBeTruthy();

    const [mail] = await mailTo(OFFICE, "office-packet-delivery");
    expect(mail!.locale).toBe("es");
    expect(mail!.subject).toContain("Petición entregada");
    expect(mail!.text).toContain(`/verify/${result.packetId}`);
    expect(mail!.text).toContain("Gracias por recibirnos.");
    expect(mail!.attachments.length).toBeGreaterThan(0);
    expect(Buffer.from(mail!.attachments[0]!.content, "base64").subarray(0, 5).toString()).toBe(
      "%PDF-",
    );
    // Signers' contact data never travels to the office.
    for (const s of signers) expect(mail!.text + mail!.html).not.toContain(s.email);
    ackToken = tokenFrom(mail!.text, "office/ack");
    expect(ackToken.length).toBeGreaterThan(30);
    const packetToken = tokenFrom(mail!.text, "office/packet");
    expect(packetToken).not.toBe(ackToken);
    const file = await getOfficePacketFile({ token: packetToken, volume: 1 });
    expect(file?.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    // The packet link expires; the acknowledgement token opens no packet.
    expect(
      await getOfficePacketFile({
        token: packetToken,
        volume: 1,
        now: new Date(Date.now() + 31 * 86400_000),
      }),
    ).toBeNull();
    expect(await getOfficePacketFile({ token: ackToken, volume: 1 })).toBeNull();

    await expect(
      sendPacketByEmail({
        actor: as("owner"),
        eventId,
        input: { to: OFFICE, locale: "en", note: "" },
      }),
    ).rejects.toBeInstanceOf(IllegalTransitionError);
  });

  it("an unknown or expired link acknowledges nothing", async () => {
    expect((await describeAcknowledgement({ token: "x".repeat(43), locale: "en" })).state).toBe(
      "unknown",
    );
    const later = new Date(Date.now() + 31 * 86400_000);
    expect(
      (await describeAcknowledgement({ token: ackToken, locale: "en", now: later })).state,
    ).toBe("expired");
    await expect(
      acknowledgeAsOffice({
        token: ackToken,
        input: { response: "", name: "", title: "" },
        now: later,
      }),
    ).rejects.toBeInstanceOf(AckLinkError);
  });

  it("the office acknowledges once with a Spanish response; signers get exactly one email with it", async () => {
    const page = await describeAcknowledgement({ token: ackToken, locale: "es" });
    expect(page.state).toBe("open");
    expect(JSON.stringify(page)).not.toContain("@example.org");
    const response = "Recibimos la petición y nos reuniremos con ustedes el lunes.";
    await acknowledgeAsOffice({
      token: ackToken,
      input: { response, name: "Jordan Ellis", title: "Jefe de gabinete" },
    });
    const [event] = await db.select().from(deliveryEvents).where(eq(deliveryEvents.id, eventId));
    expect(event!.status).toBe("acknowledged");
    expect(event!.acknowledgedByOffice).toBe(true);
    const history = await db
      .select()
      .from(eventStatusChanges)
      .where(
        and(
          eq(eventStatusChanges.eventId, eventId),
          eq(eventStatusChanges.toStatus, "acknowledged"),
        ),
      );
    expect(history).toHaveLength(1);
    expect(history[0]!.byOffice).toBe(true);
    expect(history[0]!.actorId).toBeNull();

    await expect(
      acknowledgeAsOffice({ token: ackToken, input: { response: "again", name: "", title: "" } }),
    ).rejects.toMatchObject({ state: "used" });
    expect((await describeAcknowledgement({ token: ackToken, locale: "en" })).state).toBe("used");

    await runJobsUntilIdle();
    // Signers hear of a day once; offices' answers are gathered into one follow-up: make it due now.
    await db.execute(
      sql`update jobs set run_at = now() where dedupe_key like 'notify-signers:%:follow-up'`,
    );
    await runJobsUntilIdle();
    for (const s of signers) {
      const mails = await mailTo(s.email);
      const withResponse = mails.filter((m) => m.text.includes(response));
      expect(withResponse).toHaveLength(1);
    }
    const news = await getPetitionNews({ petitionId: c.petition.id, locale: "es" });
    expect(news.responses[0]).toMatchObject({ body: response, viaOffice: true });
    expect(news.responses[0]!.who).toBe("Jordan Ellis, Jefe de gabinete");

    // The team hears of it; the viewer does not (not their job).
    const teamMail = await db
      .select()
      .from(outgoingEmails)
      .where(eq(outgoingEmails.template, "organizer-office-acknowledged"));
    const teamTo = teamMail.map((m) => m.toAddress).sort();
    expect(teamTo).toEqual(
      [`owner-`, `organizer-`, `coordinator-`]
        .map((p) => teamTo.find((t) => t.startsWith(p))!)
        .sort(),
    );
    expect(teamTo.some((t) => t.startsWith("viewer-"))).toBe(false);
  });
});

describe("responses typed in by organizers", () => {
  it("only organizers record; each opted-in signer gets it once, a capped signer a day later", async () => {
    const event = await makeEvent(c, { status: "delivered" });
    const input = {
      eventId: event.id,
      authorName: "Chair Maria Lopez",
      authorTitle: "",
      body: "We will table the resolution in January.",
      respondedOn: "2026-12-01",
    };
    await expect(
      recordResponse({ actor: as("coordinator"), petitionId: c.petition.id, input }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    // Everyone got the office's update above (within 24 hours): all are at the daily cap.
    const response = await recordResponse({
      actor: as("organizer"),
      petitionId: c.petition.id,
      input,
    });
    await runJobsUntilIdle();
    const byTemplate = async () =>
      db
        .select()
        .from(outgoingEmails)
        .where(
          like(outgoingEmails.dedupeKey, `signer-decision-response:response:${response.id}:%`),
        );
    expect(await byTemplate()).toHaveLength(0);
    const [retry] = await db
      .select()
      .from(jobs)
      .where(like(jobs.dedupeKey, `notify-signers-response:${response.id}:after:0:round:1`));
    expect(retry!.runAt.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);

    // A day later the deferred round sends one each; running it again sends nothing more.
    const tomorrow = new Date(Date.now() + 25 * 3600_000);
    const first = await notifySignersOfResponseBatch({
      responseId: response.id,
      round: 1,
      onlyThisBatch: true,
      now: tomorrow,
    });
    expect(first).toEqual({ queued: signers.length, deferred: 0 });
    const again = await notifySignersOfResponseBatch({
      responseId: response.id,
      round: 1,
      onlyThisBatch: true,
      now: tomorrow,
    });
    expect(again.queued).toBe(0);
    const sent = await byTemplate();
    expect(sent).toHaveLength(signers.length);
    const es = sent.find((m) => m.locale === "es")!;
    expect(es.subject).toContain("respondió a tu petición");
    expect(es.headers["List-Unsubscribe"]).toContain("/unsubscribe/");
  });
});

describe("petition updates", () => {
  const update = {
    titleEn: "Delivered in Houston",
    bodyEn: "Thank you all.",
    titleEs: "Entregada en Houston",
    bodyEs: "Gracias a todos.",
  };

  it("goes to opted-in verified signers in their language, once; a second within the interval is refused", async () => {
    await expect(
      postUpdate({ actor: as("viewer"), petitionId: c.petition.id, input: update }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const posted = await postUpdate({
      actor: as("organizer"),
      petitionId: c.petition.id,
      input: update,
    });
    await expect(
      postUpdate({
        actor: as("owner"),
        petitionId: c.petition.id,
        input: update,
        now: new Date(Date.now() + 3600_000),
      }),
    ).rejects.toBeInstanceOf(UpdateTooSoonError);
    await runJobsUntilIdle();
    const mails = await db
      .select()
      .from(outgoingEmails)
      .where(like(outgoingEmails.dedupeKey, `signer-petition-update:update:${posted.id}:%`));
    expect(mails.map((m) => m.toAddress).sort()).toEqual(signers.map((s) => s.email).sort());
    expect(mails.every((m) => m.priority > 0)).toBe(true);
    for (const m of mails)
      expect(m.subject).toBe(
        m.locale === "es" ? "Novedades: Entregada en Houston" : "Update: Delivered in Houston",
      );
    // A rerun of the job queues nothing new.
    const { notifySignersOfUpdateBatch } = await import("~/domain/petitions/petition-update.server");
    expect((await notifySignersOfUpdateBatch({ updateId: posted.id })).queued).toBe(0);
    // After the interval (72 hours by default) the next one goes through.
    const later = await postUpdate({
      actor: as("owner"),
      petitionId: c.petition.id,
      input: { ...update, titleEn: "Next" },
      now: new Date(Date.now() + 73 * 3600_000),
    });
    expect(later.id).toBeGreaterThan(posted.id);
  });
});

describe("source codes", () => {
  it("normalises codes and drops anything else", () => {
    expect(normalizeSource(" WhatsApp-Houston ")).toBe("whatsapp-houston");
    expect(normalizeSource("<script>")).toBeNull();
    expect(normalizeSource("a".repeat(65))).toBeNull();
    expect(normalizeSource(undefined)).toBeNull();
  });

  it("the sign path stores the source, and the dashboard counts by source", async () => {
    await db.update(petitions).set({ status: "published" }).where(eq(petitions.id, c.petition.id));
    const sign = async (email: string, source?: string) => {
      const parsed = createSignSchema("en").safeParse({
        firstName: "Ana",
        lastName: "Source",
        email,
        postalCode: "77036",
        startedAt: formStartToken(Date.now() - 10_000),
        ...(source ? { source } : {}),
      });
      if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
      return signPetition({
        slug: c.petition.slug,
        input: parsed.data,
        ip: `198.51.100.${Math.floor(Math.random() * 200)}`,
        locale: "en",
        zipUnknownMessage: "unknown",
      });
    };
    for (let i = 0; i < 3; i++) await sign(`wa${i}@example.net`, "WhatsApp-Houston");
    await sign("fb@example.net", "facebook");
    await sign("bad@example.net", "<b>x</b>");
    const [stored] = await db
      .select({ source: signatures.source })
      .from(signatures)
      .where(eq(signatures.email, "wa0@example.net"));
    expect(stored!.source).toBe("whatsapp-houston");
    // One of the WhatsApp signers confirms.
    await db
      .update(signatures)
      .set({ status: "verified", verifiedAt: new Date() })
      .where(eq(signatures.email, "wa1@example.net"));
    await expect(
      sourceStats({ actor: as("stranger"), petitionId: c.petition.id }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const stats = await sourceStats({ actor: as("viewer"), petitionId: c.petition.id });
    const wa = stats.totals.find((t) => t.source === "whatsapp-houston")!;
    expect(wa).toMatchObject({ signed: 3, verified: 1, recent: 3 });
    expect(wa.conversion).toBeCloseTo(1 / 3);
    expect(stats.totals.find((t) => t.source === "facebook")).toMatchObject({ signed: 1 });
    // The bad code counts as no source, beside the fixtures' signers.
    expect(stats.totals.find((t) => t.source === "(none)")!.signed).toBeGreaterThanOrEqual(1);
    const series = stats.series.find((s) => s.source === "whatsapp-houston")!;
    expect(series.points.reduce((n, p) => n + p.n, 0)).toBe(3);
  });
});

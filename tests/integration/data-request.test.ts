// "What do you hold about me" (/p/<slug>/my-data): the same answer whether or not anything is held;
// the report goes to the typed address only and holds that person's data only; limits per client
// and per address.
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "#db/client";
import { capturedEmails, jobs, outgoingEmails, rsvps } from "#db/schema";
import { runJobsUntilIdle } from "~/jobs/runner.server";
import {
  DATA_REPORT_JOB,
  DATA_REQUEST_ADDRESS_LIMIT,
  DATA_REQUEST_CLIENT_LIMIT,
  requestSignerData,
} from "~/domain/privacy/data-request.server";
import { action, loader } from "~/routes/p.$slug.my-data";
import { sha256 } from "~/lib/crypto.server";
import {
  makeDeliveryCampaign,
  makeEvent,
  makeSigners,
  type DeliveryCampaign,
} from "../support/delivery-fixtures";

const HELD = "hela.held@example.org";
const UNHELD = "nobody.here@example.org";
const OTHER = "otto.other@example.org";

let c: DeliveryCampaign;

let ipCounter = 0;
const nextIp = () => `10.77.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

async function post(email: string, { ip = nextIp(), lang = "es" } = {}) {
  const body = new URLSearchParams({ email, lang });
  const request = new Request(`http://localhost/p/${c.petition.slug}/my-data`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  try {
    const result = await action({
      request,
      params: { slug: c.petition.slug },
      context: { clientIp: ip },
    } as never);
    return result as unknown as Response | { data: unknown; init: { status: number } };
  } catch (thrown) {
    return thrown as Response;
  }
}

const statusOf = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200);

const reportJobs = () => db.select().from(jobs).where(eq(jobs.kind, DATA_REPORT_JOB));

beforeAll(async () => {
  c = await makeDeliveryCampaign();
  await makeSigners(c, 1, {
    firstName: "Hela",
    lastName: "Heldsigner",
    email: HELD,
    emailCanonical: HELD,
    postalCode: "77036",
    city: "Houston",
    region: "TX",
    comment: "HELACOMMENT",
    printName: true,
    keepUpdated: true,
  });
  await makeSigners(c, 1, {
    firstName: "Otto",
    lastName: "Othersigner",
    email: OTHER,
    emailCanonical: OTHER,
    postalCode: "60623",
    comment: "OTTOCOMMENT",
  });
  const event = await makeEvent(c);
  await db.insert(rsvps).values({
    eventId: event.id,
    name: "Hela Heldsigner",
    email: HELD,
    emailCanonical: HELD,
    phone: "713-555-0142",
    shareContact: true,
    status: "going",
    cancelTokenHash: sha256(`cancel-held-${event.id}`),
  });
});

describe("the answer", () => {
  it("is the same redirect, status and page for an address held and one not held", async () => {
    const held = (await post(HELD)) as Response;
    const unheld = (await post(UNHELD)) as Response;
    expect(held.status).toBe(303);
    expect(unheld.status).toBe(303);
    expect(held.headers.get("Location")).toBe(unheld.headers.get("Location"));
    expect(held.headers.get("Location")).toBe(`/p/${c.petition.slug}/my-data?lang=es&sent=1`);
    expect([...held.headers.keys()].sort()).toEqual([...unheld.headers.keys()].sort());
    // Both queued the same work: one lookup job each, whatever the address holds.
    expect(await reportJobs()).toHaveLength(2);
    await runJobsUntilIdle();
    // The page after the redirect is the same for everyone.
    const page = await loader({
      request: new Request(`http://localhost${held.headers.get("Location")}`),
      params: { slug: c.petition.slug },
      context: {},
    } as never);
    const data = (page as unknown as { data: { sent: boolean; locale: string } }).data;
    expect(data).toMatchObject({ sent: true, locale: "es" });
  });

  it("takes as long for an address held as for one not held (the lookup is in the job)", async () => {
    const time = async (email: string) => {
      const t0 = performance.now();
      await post(email, { ip: nextIp() });
      return performance.now() - t0;
    };
    // Fresh addresses on both sides, so neither meets the per-address limit.
    const signers = await makeSigners(c, 15);
    const held: number[] = [];
    const unheld: number[] = [];
    for (let i = 0; i < 15; i++) {
      // Alternate which goes first, so neither side always follows the other.
      if (i % 2) {
        held.push(await time(signers[i]!.email));
        unheld.push(await time(`timing-${i}@example.org`));
      } else {
        unheld.push(await time(`timing-${i}@example.org`));
        held.push(await time(signers[i]!.email));
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    const h = median(held);
    const u = median(unheld);
    console.log(`my-data request median: held ${h.toFixed(2)} ms, not held ${u.toFixed(2)} ms`);
    expect(Math.abs(h - u)).toBeLessThan(Math.max(5, Math.max(h, u)));
  });

  it("refuses a malformed address with a message next to the field, never a 500", async () => {
    for (const bad of ["", "not-an-email", "x".repeat(400), "a@b", "\u0000@x.org"]) {
      const r = await post(bad);
      expect(statusOf(r)).toBe(400);
      expect((r as { data: { error: string } }).data.error).toBe("email");
    }
  });

  it("answers 404 for a petition that does not exist", async () => {
    const request = new Request("http://localhost/p/no-such-petition/my-data", {
      method: "POST",
      body: new URLSearchParams({ email: HELD }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    const thrown = await action({
      request,
      params: { slug: "no-such-petition" },
      context: { clientIp: nextIp() },
    } as never).catch((e: unknown) => e);
    expect((thrown as Response).status).toBe(404);
  });
});

describe("the report", () => {
  it("goes only to the address typed, holds that person's signatures, choices and RSVPs, and a removal link", async () => {
    await runJobsUntilIdle();
    const mails = await db
      .select()
      .from(capturedEmails)
      .where(sql`${capturedEmails.subject} like '%Handover%'`);
    const reports = mails.filter((m) => m.headers["X-Handover-Template"] === "signer-data-report");
    // The timing test's signers got theirs too; of the three addresses here, only the held one.
    expect(
      reports.map((m) => m.toAddress).filter((a) => [HELD, UNHELD, OTHER].includes(a)),
    ).toEqual([HELD]);
    const mail = reports.find((m) => m.toAddress === HELD)!;
    expect(mail.subject).toBe("Lo que Handover guarda sobre ti");
    const body = `${mail.html}\n${mail.text}`;
    for (const expected of [
      "Hela",
      "Heldsigner",
      "77036",
      "HELACOMMENT",
      "Houston party office",
      "713-555-0142",
      "Paren las paradas",
      "/remove/s",
    ])
      expect(body).toContain(expected);
    for (const foreign of [OTHER, "Otto", "Othersigner", "60623", "OTTOCOMMENT"])
      expect(body).not.toContain(foreign);
    // Nothing at all to the address that holds nothing.
    const toUnheld = await db
      .select()
      .from(outgoingEmails)
      .where(eq(outgoingEmails.toAddress, UNHELD));
    expect(toUnheld).toEqual([]);
  });

  it("keeps no address in the job table once the lookup is done", async () => {
    const done = await reportJobs();
    expect(done.length).toBeGreaterThan(0);
    for (const job of done) {
      expect(job.status).toBe("done");
      expect(JSON.stringify(job)).not.toContain("@");
    }
  });

  it("sends one report per address per hour however often it is asked", async () => {
    await post(HELD);
    await runJobsUntilIdle();
    const reports = await db
      .select()
      .from(outgoingEmails)
      .where(
        and(eq(outgoingEmails.toAddress, HELD), eq(outgoingEmails.template, "signer-data-report")),
      );
    expect(reports).toHaveLength(1);
  });

  it("a mixed-case address reaches the same data, sent to the address as typed", async () => {
    const typed = "Hela.Held@Example.org";
    const held = await requestSignerData({
      slug: c.petition.slug,
      email: typed,
      ip: nextIp(),
      locale: "en",
    });
    expect(held.status).toBe("accepted");
  });
});

describe("the limits", () => {
  it(`per client: after ${DATA_REQUEST_CLIENT_LIMIT} requests an hour, a 429 with a message`, async () => {
    const ip = nextIp();
    for (let i = 0; i < DATA_REQUEST_CLIENT_LIMIT; i++)
      expect(statusOf(await post(`client-limit-${i}@example.org`, { ip }))).toBe(303);
    const limited = await post("client-limit-x@example.org", { ip, lang: "en" });
    expect(statusOf(limited)).toBe(429);
    expect((limited as { data: { error: string } }).data.error).toBe("limited");
  });

  it(`per address: after ${DATA_REQUEST_ADDRESS_LIMIT} an hour, the same answer and no more lookups`, async () => {
    const address = "address.limit@example.org";
    const before = (await reportJobs()).length;
    const answers: number[] = [];
    for (let i = 0; i < DATA_REQUEST_ADDRESS_LIMIT + 3; i++)
      answers.push(statusOf(await post(address)));
    expect(answers.every((s) => s === 303)).toBe(true);
    // One lookup per address per hour (the job's dedupe key); the counter caps the attempts.
    expect((await reportJobs()).length - before).toBe(1);
    const { rateLimits } = await import("#db/schema");
    const stored = JSON.stringify(await db.select().from(rateLimits));
    expect(stored).not.toContain(address);
  });
});

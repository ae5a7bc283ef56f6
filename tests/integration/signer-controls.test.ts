// The volunteer's and the signer's own controls: an RSVP holds a place only once its address is
// confirmed, answers the same for new and known addresses, and is limited per client; rate-limit
// rows keep no address and go after their window; "remove my signature" really erases.
import { eq, like, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, rows } from "#db/client";
import { auditLogs, clientKeys, outgoingEmails, rateLimits, rsvps, signatures } from "#db/schema";
import signatureThankYou from "#emails/signature-thank-you";
import { addVerifiedCount, getVerifiedCount } from "~/domain/petitions/petition-count.server";
import { pruneRateLimits as pruneClientLimits, takeClientLimit } from "~/domain/limits/rate-limit.server";
import { confirmRsvp, requestRsvp, RSVP_CLIENT_LIMIT } from "~/domain/deliveries/rsvp.server";
import { countRsvps } from "~/domain/deliveries/rsvp-event.server";
import { removeSignature } from "~/domain/privacy/signature-removal.server";
import { unsubscribeToken, unsubscribeUrl } from "~/domain/signing/signer-links.server";
import { makeDeliveryCampaign, makeEvent, makeSigners } from "../support/delivery-fixtures";

let c: Awaited<ReturnType<typeof makeDeliveryCampaign>>;
let eventId: number;

const input = (email: string, name = "Some One") => ({
  name,
  email,
  phone: "",
  role: "attend" as const,
});

async function confirmLinkFor(email: string) {
  const [mail] = await db
    .select()
    .from(outgoingEmails)
    .where(
      sql`${outgoingEmails.toAddress} = ${email} and ${outgoingEmails.template} = 'rsvp-confirm-address'`,
    )
    .orderBy(sql`${outgoingEmails.id} desc`)
    .limit(1);
  return mail?.text.match(/\/rsvp\/confirm\/([A-Za-z0-9_-]+)/)?.[1];
}

beforeAll(async () => {
  c = await makeDeliveryCampaign();
  eventId = (await makeEvent(c, { capacity: 2 })).id;
});

describe("RSVP", () => {
  it("two throwaway RSVPs do not fill a capacity of 2: only confirmed addresses hold places", async () => {
    for (const email of ["throwaway1@example.org", "throwaway2@example.org"])
      expect(
        await requestRsvp({ eventId, input: input(email), locale: "en", ip: "203.0.113.1" }),
      ).toEqual({
        status: "check-email",
      });
    expect(await countRsvps({ eventId })).toEqual({ going: 0, waitlisted: 0 });
    // The address-confirmation email carries neither the meeting point nor a calendar file.
    const [ask] = await db
      .select()
      .from(outgoingEmails)
      .where(eq(outgoingEmails.toAddress, "throwaway1@example.org"));
    expect(ask!.template).toBe("rsvp-confirm-address");
    expect(ask!.text).not.toContain("Front steps");
    expect(ask!.attachments).toEqual([]);

    await requestRsvp({
      eventId,
      input: input("real@example.org", "Real Volunteer"),
      locale: "es",
      ip: "203.0.113.2",
    });
    const token = await confirmLinkFor("real@example.org");
    expect(await confirmRsvp({ token: token! })).toEqual({ status: "going", eventId });
    expect(await confirmRsvp({ token: token! })).toEqual({ status: "invalid" }); // used once
    const [seated] = await db
      .select()
      .from(outgoingEmails)
      .where(
        sql`${outgoingEmails.toAddress} = 'real@example.org' and ${outgoingEmails.template} = 'rsvp-confirmation'`,
      );
    expect(seated!.text).toContain("Front steps");
  });

  it("answers a registered address exactly as a new one; only that mailbox learns the difference", async () => {
    const again = await requestRsvp({
      eventId,
      input: input("real@example.org", "Someone Else"),
      locale: "en",
      ip: "203.0.113.3",
    });
    const fresh = await requestRsvp({
      eventId,
      input: input("fresh@example.org"),
      locale: "en",
      ip: "203.0.113.3",
    });
    expect(again).toEqual(fresh);
    const [stored] = await db.select().from(rsvps).where(eq(rsvps.email, "real@example.org"));
    expect(stored!.name).toBe("Real Volunteer"); // nothing changed
    expect(stored!.status).toBe("going");
    const notes = await db
      .select()
      .from(outgoingEmails)
      .where(like(outgoingEmails.dedupeKey, `rsvp-already-registered:rsvp:${stored!.id}:%`));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.toAddress).toBe("real@example.org");
  });

  it("limits RSVPs per client, keeps no address in the limiter, and drops rows after the window", async () => {
    const ip = "192.0.2.77";
    const outcomes = [];
    for (let i = 0; i <= RSVP_CLIENT_LIMIT; i++)
      outcomes.push(
        (await requestRsvp({ eventId, input: input(`flood${i}@example.org`), locale: "en", ip }))
          .status,
      );
    expect(outcomes.filter((o) => o === "check-email")).toHaveLength(RSVP_CLIENT_LIMIT);
    expect(outcomes.at(-1)).toBe("limited");
    // Another client is not affected.
    expect(
      (
        await requestRsvp({
          eventId,
          input: input("other@example.org"),
          locale: "en",
          ip: "192.0.2.78",
        })
      ).status,
    ).toBe("check-email");
    const limiter = JSON.stringify(await db.select().from(rateLimits));
    expect(limiter).not.toContain("192.0.2.77");
    expect(limiter).toMatch(/client:rsvp:/);
    expect(await db.select().from(clientKeys)).toHaveLength(1);

    await db.execute(sql`update rate_limits set window_start = now() - interval '2 hours'`);
    await db.insert(clientKeys).values({ day: "2020-01-01", key: "old" });
    expect(await pruneClientLimits()).toBeGreaterThan(0);
    expect(await db.select().from(rateLimits).where(like(rateLimits.key, "client:%"))).toHaveLength(
      0,
    );
    expect((await db.select().from(clientKeys)).map((k) => k.day)).not.toContain("2020-01-01");
    expect(await takeClientLimit({ purpose: "rsvp", ip, limit: 1, windowMinutes: 60 })).toBe(true);
  });
});

describe("remove my signature", () => {
  it("every email to a signer carries the link, in both languages", () => {
    for (const locale of ["en", "es"] as const) {
      const mail = signatureThankYou.render(
        { ...signatureThankYou.sample, unsubscribeUrl: "http://x/unsubscribe/s12.abc" },
        locale,
      );
      const label = locale === "en" ? "Remove my signature" : "Quitar mi firma";
      expect(mail.text).toContain(`${label}: http://x/remove/s12.abc`);
      expect(mail.html).toContain('href="http://x/remove/s12.abc"');
    }
  });

  it("erases the row, lowers the count, audits without personal data; any link gets the same answer", async () => {
    const [signer] = await makeSigners(c, 1, { firstName: "Erasa", lastName: "Removable" });
    await addVerifiedCount({ petitionId: c.petition.id, by: 1 });
    const before = await getVerifiedCount(c.petition.id);
    expect(unsubscribeUrl(signer!.id)).toContain(unsubscribeToken(signer!.id));
    expect(await removeSignature({ token: unsubscribeToken(signer!.id) })).toEqual({ done: true });
    expect(await db.select().from(signatures).where(eq(signatures.id, signer!.id))).toHaveLength(0);
    expect(await getVerifiedCount(c.petition.id)).toBe(before - 1);
    const audit = JSON.stringify(
      await db.select().from(auditLogs).where(eq(auditLogs.action, "signature.removed_by_signer")),
    );
    expect(audit).toContain("signature.removed_by_signer");
    expect(audit).not.toContain(signer!.email);
    expect(audit).not.toContain("Removable");
    // A used, forged or unknown link answers the same.
    expect(await removeSignature({ token: unsubscribeToken(signer!.id) })).toEqual({ done: true });
    expect(await removeSignature({ token: "s999999.forged" })).toEqual({ done: true });
    const left = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from signatures where email = ${signer!.email}`,
    );
    expect(Number(left[0]!.n)).toBe(0);
  });
});

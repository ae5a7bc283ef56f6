// The signer's domain: signing, duplicates, abuse limits, scanner-safe confirmation, counts.
import { and, desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, rows } from "#db/client";
import { campaigns, capturedEmails, petitions, petitionTexts, signatures } from "#db/schema";
import {
  countVerifiedRows,
  getVerifiedCount,
  reconcileCount,
} from "~/domain/petitions/petition-count.server";
import { createSignSchema, type SignInput } from "~/domain/signing/signature";
import { canonicalEmail } from "~/domain/signing/canonical-email";
import { confirmSignature, describeConfirmation } from "~/domain/signing/confirm-signature.server";
import { expirePendingSignatures } from "~/domain/signing/sign-housekeeping.server";
import { forgetSignablePetition } from "~/domain/signing/signable-petition.server";
import { formStartToken } from "~/domain/signing/form-start.server";
import { resendConfirmation } from "~/domain/signing/resend-confirmation.server";
import { signPetition } from "~/domain/signing/sign-petition.server";
import { unsubscribeSignature } from "~/domain/signing/unsubscribe.server";
import { runJobsUntilIdle } from "~/jobs/runner.server";
import { listRecentSigners } from "~/domain/petitions/public-petition.server";
import confirmationEmail from "#emails/signature-confirmation";
import alreadySignedEmail from "#emails/signature-already-signed";
import thankYouEmail from "#emails/signature-thank-you";
import { sha256 } from "~/lib/crypto.server";

let petitionId = 0;
const slug = "fix-the-bus-stops";

beforeAll(async () => {
  const [c] = await db
    .insert(campaigns)
    .values({ slug: "buses", name: "Riders United" })
    .returning();
  const [p] = await db
    .insert(petitions)
    .values({ campaignId: c!.id, slug, status: "published", goal: 1000, publishedAt: new Date() })
    .returning();
  petitionId = p!.id;
  await db.insert(petitionTexts).values([
    { petitionId, locale: "en", title: "Fix the bus stops" },
    { petitionId, locale: "es", title: "Arreglen las paradas de autobús" },
  ]);
});

const started = () => formStartToken(Date.now() - 10_000);
function input(over: Partial<Record<string, unknown>> = {}): SignInput {
  const parsed = createSignSchema("en").safeParse({
    firstName: "Ana",
    lastName: "López",
    email: "ana@example.org",
    postalCode: "77036",
    startedAt: started(),
    ...over,
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}
const sign = (
  over: Partial<Record<string, unknown>> = {},
  extra: { ip?: string; locale?: "en" | "es" } = {},
) =>
  signPetition({
    slug,
    input: input(over),
    ip: extra.ip ?? "203.0.113.7",
    locale: extra.locale ?? "en",
    zipUnknownMessage: "unknown zip",
  });

async function confirmationLink(to: string) {
  await runJobsUntilIdle();
  const [mail] = await db
    .select()
    .from(capturedEmails)
    .where(eq(capturedEmails.toAddress, to))
    .orderBy(desc(capturedEmails.id))
    .limit(1);
  return { mail: mail!, token: /\/confirm\/([A-Za-z0-9_-]+)/.exec(mail!.text)![1]! };
}

describe("canonical email", () => {
  it("folds case, Gmail dots and +tags, but keeps dots where providers respect them", () => {
    expect(canonicalEmail(" Ana.Lopez+petitions@GMail.com ")).toBe("analopez@gmail.com");
    expect(canonicalEmail("ana.lopez@googlemail.com")).toBe("analopez@gmail.com");
    expect(canonicalEmail("ana.lopez+x@outlook.com")).toBe("ana.lopez@outlook.com");
    expect(canonicalEmail("ana.lopez+x@example.org")).toBe("ana.lopez+x@example.org");
  });
});

describe("shared sign schema", () => {
  it("names every bad field, in the page's language", () => {
    const result = createSignSchema("es").safeParse({
      email: "nope",
      postalCode: "7703",
      firstName: "x".repeat(61),
    });
    expect(result.success).toBe(false);
    const byField = Object.fromEntries(
      result.error!.issues.map((i) => [String(i.path[0]), i.message]),
    );
    expect(byField.firstName).toBe("Usa menos de 60 caracteres.");
    expect(byField.lastName).toBe("Escribe tu apellido.");
    expect(byField.email).toBe("Escribe un correo como nombre@ejemplo.com.");
    expect(byField.postalCode).toBe("Un código postal (ZIP) tiene 5 dígitos, como 77036.");
  });
  it("asks for a city outside the US", () => {
    const result = createSignSchema("en").safeParse({
      firstName: "A",
      lastName: "B",
      email: "a@b.co",
      country: "MX",
    });
    expect(result.error!.issues.map((i) => i.path[0])).toEqual(["city"]);
  });
});

describe("signing", () => {
  it("derives city and state from a US ZIP and stores no raw IP", async () => {
    const result = await sign({ email: "zip@example.org" }, { ip: "198.51.100.23" });
    expect(result.status).toBe("signed");
    const [row] = await db
      .select()
      .from(signatures)
      .where(eq(signatures.emailCanonical, "zip@example.org"));
    expect(row).toMatchObject({
      city: "Houston",
      region: "TX",
      postalCode: "77036",
      status: "pending",
      showInRecent: true,
      showPublicly: false,
    });
    // Nothing IP-derived on the signature: the rate limit keeps a day-keyed hash for its window only.
    expect(row).not.toHaveProperty("ipHash");
    expect(JSON.stringify(row)).not.toContain("198.51.100.23");
    const raw = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from rate_limits where key like ${"%198.51.100.23%"}`,
    );
    expect(Number(raw[0]!.n)).toBe(0);
  });

  it("asks for the city when the ZIP's city is unknown, and accepts it when given", async () => {
    expect(await sign({ email: "mt@example.org", postalCode: "59901" })).toEqual({
      status: "invalid",
      fieldErrors: { postalCode: ["unknown zip"] },
    });
    expect(
      (await sign({ email: "mt@example.org", postalCode: "59901", city: "Kalispell" })).status,
    ).toBe("signed");
  });

  it("makes one row of two concurrent signatures with the same address", async () => {
    const [a, b] = await Promise.all([
      sign({ email: "Twin.Signer@gmail.com" }),
      sign({ email: "twinsigner+again@gmail.com" }),
    ]);
    expect([a.status, b.status].sort()).toEqual(["duplicate", "signed"]);
    const found = await db
      .select()
      .from(signatures)
      .where(eq(signatures.emailCanonical, "twinsigner@gmail.com"));
    expect(found).toHaveLength(1);
    // Both point at the same signature, so the duplicate can ask for the link again.
    expect((a as { signatureId: number }).signatureId).toBe(
      (b as { signatureId: number }).signatureId,
    );
  });

  it("turns away a form sent too fast, and silently drops a filled honeypot", async () => {
    expect((await sign({ email: "fast@example.org", startedAt: formStartToken() })).status).toBe(
      "too_fast",
    );
    expect(
      (
        await sign({
          email: "forged@example.org",
          startedAt: `${Date.now() - 60_000}.AAAAAAAAAAAAAAAA`,
        })
      ).status,
    ).toBe("too_fast");
    expect((await sign({ email: "bot@example.org", website: "http://spam.example" })).status).toBe(
      "ignored",
    );
    const bots = await db
      .select()
      .from(signatures)
      .where(eq(signatures.emailCanonical, "bot@example.org"));
    expect(bots).toHaveLength(0);
  });

  it("limits signatures per IP per petition", async () => {
    process.env.SIGN_RATE_LIMIT = "3";
    try {
      const results = [];
      for (let i = 0; i < 5; i++)
        results.push((await sign({ email: `limit${i}@example.org` }, { ip: "192.0.2.99" })).status);
      expect(results).toEqual(["signed", "signed", "signed", "rate_limited", "rate_limited"]);
      expect((await sign({ email: "other-ip@example.org" }, { ip: "192.0.2.100" })).status).toBe(
        "signed",
      );
    } finally {
      delete process.env.SIGN_RATE_LIMIT;
    }
  });
});

describe("confirmation", () => {
  it("emails a link whose page changes nothing; the POST confirms and counts once", async () => {
    const before = await getVerifiedCount(petitionId);
    expect(
      (await sign({ email: "maria@example.org", firstName: "María" }, { locale: "es" })).status,
    ).toBe("signed");
    const { mail, token } = await confirmationLink("maria@example.org");
    expect(mail.subject).toBe("Confirma tu firma: Arreglen las paradas de autobús");
    expect(mail.headers).toMatchObject({
      "List-Unsubscribe": expect.stringContaining("/unsubscribe/s"),
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });

    // What a mail scanner does: open the link. Nothing changes.
    expect((await describeConfirmation({ token })).state).toBe("pending");
    expect((await describeConfirmation({ token })).state).toBe("pending");
    expect(await getVerifiedCount(petitionId)).toBe(before);

    expect((await confirmSignature({ token })).state).toBe("verified");
    expect(await getVerifiedCount(petitionId)).toBe(before + 1);
    // Pressing again: "already confirmed", not counted twice.
    expect((await confirmSignature({ token })).state).toBe("verified");
    expect(await getVerifiedCount(petitionId)).toBe(before + 1);

    await runJobsUntilIdle();
    const thanks = await db
      .select()
      .from(capturedEmails)
      .where(and(eq(capturedEmails.toAddress, "maria@example.org"), sql`subject like 'Gracias%'`));
    expect(thanks).toHaveLength(1);
  });

  it("refuses unknown and expired links; resend issues a fresh link", async () => {
    expect((await confirmSignature({ token: "x".repeat(32) })).state).toBe("invalid");
    const signed = await sign({ email: "late@example.org" });
    const { token } = await confirmationLink("late@example.org");
    await db
      .update(signatures)
      .set({ confirmExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(signatures.emailCanonical, "late@example.org"));
    expect(await expirePendingSignatures()).toBeGreaterThanOrEqual(1);
    expect((await confirmSignature({ token })).state).toBe("expired");

    expect((await resendConfirmation({ ref: (signed as { ref: string }).ref })).status).toBe(
      "sent",
    );
    const fresh = await confirmationLink("late@example.org");
    expect(fresh.token).not.toBe(token);
    expect((await confirmSignature({ token: fresh.token })).state).toBe("verified");
    expect((await resendConfirmation({ ref: "1.forgedforgedforg" })).status).toBe("invalid");
  });

  it("unsubscribes by token (one-click POST), and only with a valid token", async () => {
    await sign({ email: "quiet@example.org", keepUpdated: true });
    const { mail } = await confirmationLink("quiet@example.org");
    const token = /\/unsubscribe\/(s\d+\.[A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    expect(await unsubscribeSignature({ token: token.slice(0, -2) + "zz" })).toBe(false);
    expect(await unsubscribeSignature({ token })).toBe(true);
    const [row] = await db
      .select()
      .from(signatures)
      .where(eq(signatures.emailCanonical, "quiet@example.org"));
    expect(row!.unsubscribedAt).not.toBeNull();
    expect(row!.keepUpdated).toBe(false);
  });
});

describe("what the public sees, and the emails", () => {
  it("lists recent signers only as they chose: name and initial, city only, or not at all", async () => {
    const people = [
      { email: "named@example.org", firstName: "Grace", lastName: "okafor", display: "name" },
      {
        email: "cityonly@example.org",
        firstName: "Secret",
        lastName: "Person",
        display: "city",
        postalCode: "60623",
      },
      { email: "hidden@example.org", firstName: "Hidden", lastName: "Person", display: "none" },
    ];
    for (const person of people) {
      await sign(person);
      const { token } = await confirmationLink(person.email);
      await confirmSignature({ token });
    }
    // Newest first; the hidden signer is skipped, the city-only one has no name.
    const recent = await listRecentSigners(petitionId, 2);
    expect(recent.map((r) => [r.name, r.city])).toEqual([
      [null, "Chicago"],
      ["Grace O.", "Houston"],
    ]);
    expect(JSON.stringify(await listRecentSigners(petitionId, 50))).not.toMatch(
      /Hidden|Secret|example\.org/,
    );
  });

  it("reminds a confirmed signer who asks again that they already count", async () => {
    const signed = await sign({ email: "again@example.org" });
    const { token } = await confirmationLink("again@example.org");
    await confirmSignature({ token });
    expect((await sign({ email: "Again@Example.org" })).status).toBe("duplicate");
    expect((await resendConfirmation({ ref: (signed as { ref: string }).ref })).status).toBe(
      "sent",
    );
    await runJobsUntilIdle();
    const mails = await db
      .select()
      .from(capturedEmails)
      .where(eq(capturedEmails.toAddress, "again@example.org"));
    expect(mails.map((m) => m.subject).sort()).toEqual([
      "Confirm your signature: Fix the bus stops",
      "Thank you — your signature on “Fix the bus stops” is confirmed",
      "You've already signed: Fix the bus stops",
    ]);
    const mail = mails.find((m) => m.subject.startsWith("You've"));
    expect(mail!.text).not.toContain("/confirm/");
  });

  it("renders every signer email in both languages with an unsubscribe link in HTML and text", () => {
    for (const template of [confirmationEmail, alreadySignedEmail, thankYouEmail] as {
      name: string;
      sample: unknown;
      render: (p: unknown, l: "en" | "es") => { subject: string; html: string; text: string };
    }[]) {
      const en = template.render(template.sample, "en");
      const es = template.render(template.sample, "es");
      expect(en.subject).not.toBe(es.subject);
      for (const r of [en, es]) {
        expect(r.html).toContain("/unsubscribe/sample");
        expect(r.text).toContain("/unsubscribe/sample");
      }
    }
  });

  it("refuses signatures once the petition is closed", async () => {
    await db
      .update(petitions)
      .set({ endsAt: new Date(Date.now() - 1000) })
      .where(eq(petitions.id, petitionId));
    forgetSignablePetition(slug); // the sign path caches the petition for a few seconds
    try {
      expect((await sign({ email: "too-late@example.org" })).status).toBe("closed");
    } finally {
      await db.update(petitions).set({ endsAt: null }).where(eq(petitions.id, petitionId));
      forgetSignablePetition(slug);
    }
  });
});

describe("counts at scale", () => {
  it("equal the verified rows after 1,000 concurrent confirmations racing a reconcile", async () => {
    const tokens = Array.from({ length: 1000 }, (_, i) => `burst-token-${i}-abcdefghijklmnop`);
    const expires = new Date(Date.now() + 3_600_000);
    for (let i = 0; i < tokens.length; i += 250) {
      await db.insert(signatures).values(
        tokens.slice(i, i + 250).map((token, j) => ({
          petitionId,
          firstName: "Burst",
          lastName: `Signer ${i + j}`,
          email: `burst${i + j}@example.org`,
          emailCanonical: `burst${i + j}@example.org`,
          confirmTokenHash: sha256(token),
          confirmExpiresAt: expires,
        })),
      );
    }
    const before = await countVerifiedRows(petitionId);
    const results = await Promise.all([
      ...tokens.map((token) => confirmSignature({ token })),
      reconcileCount({ petitionId }),
      reconcileCount({ petitionId }),
    ]);
    expect(
      results.slice(0, 1000).every((r) => typeof r === "object" && r.state === "verified"),
    ).toBe(true);
    expect(await countVerifiedRows(petitionId)).toBe(before + 1000);
    expect(await getVerifiedCount(petitionId)).toBe(before + 1000);
  });
});

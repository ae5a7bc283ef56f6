// The sign path against hostile input: unstorable text is refused at the schema with a message,
// a row the database refuses fails only its own request (and the log names no one), a duplicate
// gets exactly the answer a fresh signature gets, form-start tokens expire, and the public
// recent-signers list shows no bidi overrides or zero-width characters.
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import express from "express";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "#db/client";
import { campaigns, petitions, petitionTexts, signatures } from "#db/schema";
import { createSignSchema, type SignInput } from "~/domain/signing/signature";
import { confirmSignature } from "~/domain/signing/confirm-signature.server";
import { formStartToken } from "~/domain/signing/form-start.server";
import { SignUnavailableError } from "~/domain/signing/sign-batch.server";
import { signPetition } from "~/domain/signing/sign-petition.server";
import { listRecentSigners } from "~/domain/petitions/public-petition.server";
import { registerFastRoutes } from "~/http/fast-routes.server";
import { runJobsUntilIdle } from "~/jobs/runner.server";
import { capturedEmails } from "#db/schema";

const slug = "safe-crossings";
let petitionId = 0;
let base = "";
let server: ReturnType<ReturnType<typeof express>["listen"]>;

beforeAll(async () => {
  const [c] = await db.insert(campaigns).values({ slug: "walk", name: "Walkers" }).returning();
  const [p] = await db
    .insert(petitions)
    .values({ campaignId: c!.id, slug, status: "published", goal: 100, publishedAt: new Date() })
    .returning();
  petitionId = p!.id;
  await db.insert(petitionTexts).values({ petitionId, locale: "en", title: "Safe crossings" });
  // The real lean handlers on a real port (Remix pages are not needed for /api/sign).
  const app = express();
  app.set("trust proxy", true);
  registerFastRoutes(app);
  server = app.listen(0);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const aged = () => formStartToken(Date.now() - 10_000);
const good = (email: string): Record<string, unknown> => ({
  firstName: "Ana",
  lastName: "López",
  email,
  postalCode: "77036",
  startedAt: aged(),
});

describe("unstorable text (NUL, lone surrogates)", () => {
  it("is refused at the schema with a message on that field, in English and Spanish", () => {
    for (const [field, bad] of [
      ["firstName", "An\u0000a"],
      ["lastName", "L\uD800pez"],
      ["email", "a\u0000@example.org"],
      ["postalCode", "7703\u0000"],
      ["city", "Houst\uDC00on"],
      ["comment", "why\u0000"],
    ] as const) {
      for (const locale of ["en", "es"] as const) {
        const result = createSignSchema(locale).safeParse({
          ...good("a@example.org"),
          [field]: bad,
        });
        expect(result.success, `${field} ${locale}`).toBe(false);
        const messages = result
          .error!.issues.filter((i) => i.path[0] === field)
          .map((i) => i.message);
        expect(messages).toContain(
          locale === "en"
            ? "This contains an invisible or broken character. Please retype it."
            : "Esto contiene un carácter invisible o dañado. Vuelve a escribirlo.",
        );
      }
    }
  });

  it("a row the database refuses fails alone: its batch neighbours are signed, and the log names no one", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const parsed = (email: string) => createSignSchema("en").parse(good(email)) as SignInput;
      // Past the schema (as a future caller might be): Postgres refuses the NUL.
      const poisoned = { ...parsed("poison@example.org"), firstName: "Mal\u0000lory" };
      const calls = [
        ...["n1", "n2", "n3"].map((n) => parsed(`${n}@example.org`)),
        poisoned,
        parsed("n4@example.org"),
      ].map((input, i) =>
        signPetition({
          slug,
          input,
          ip: `198.51.100.${i}`,
          locale: "en",
          zipUnknownMessage: "?",
        }),
      );
      const settled = await Promise.allSettled(calls);
      expect(settled.map((s) => (s.status === "fulfilled" ? s.value.status : "rejected"))).toEqual([
        "signed",
        "signed",
        "signed",
        "rejected",
        "signed",
      ]);
      expect((settled[3] as PromiseRejectedResult).reason).toBeInstanceOf(SignUnavailableError);
      const logged = errors.mock.calls.map((c) => c.map(String).join(" ")).join("\n");
      expect(logged).not.toMatch(/@example\.org|Mal|López|Ana|77036|Houston/);
      const [{ n }] = await db
        .$count(signatures, eq(signatures.petitionId, petitionId))
        .then((count) => [{ n: count }]);
      expect(n).toBe(4);
    } finally {
      errors.mockRestore();
    }
  });

  it("over HTTP, a NUL or an object in a field gets 400 with the field's message, never 5xx", async () => {
    const nul = await fetch(`${base}/api/sign/${slug}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...good("x@example.org"), lastName: "Nul\u0000l", lang: "es" }),
    });
    expect(nul.status).toBe(400);
    expect(((await nul.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors).toEqual({
      lastName: ["Esto contiene un carácter invisible o dañado. Vuelve a escribirlo."],
    });
    const object = await fetch(`${base}/api/sign/${slug}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...good("y@example.org"), firstName: { toString: "x" } }),
    });
    expect(object.status).toBe(400);
  });
});

describe("a duplicate signature", () => {
  async function post(email: string, ip: string) {
    const res = await fetch(`${base}/api/sign/${slug}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": ip },
      body: JSON.stringify({ ...good(email), lang: "en" }),
    });
    const body = await res.text();
    const cookie = res.headers.get("set-cookie") ?? "";
    return { status: res.status, body, cookie };
  }

  it("gets the same status, body and Set-Cookie shape as a fresh one, and no id in any URL", async () => {
    await post("first@example.org", "203.0.113.1");
    const fresh = await post("fresh@example.org", "203.0.113.2");
    // Someone else, in another browser (no cookie), types the first signer's address.
    const duplicate = await post("First@Example.org", "203.0.113.3");
    expect(duplicate.status).toBe(fresh.status);
    expect(duplicate.body).toBe(fresh.body);
    const shape = (c: string) => c.replace(/=[A-Za-z0-9_-]+;/, "=<receipt>;");
    expect(shape(duplicate.cookie)).toBe(shape(fresh.cookie));
    expect(duplicate.cookie.length).toBe(fresh.cookie.length);
    // The receipt is encrypted: no sequential id, no ref readable in it or in the thanks URL.
    const [row] = await db
      .select({ id: signatures.id })
      .from(signatures)
      .where(eq(signatures.email, "fresh@example.org"));
    expect(fresh.body).not.toMatch(/ref=|\d+\./);
    expect(fresh.cookie).not.toContain(`${row!.id}.`);
  });

  it("from the browser that signed, is told 'already signed'; the resend works from the receipt", async () => {
    const first = await post("owner@example.org", "203.0.113.4");
    const receipt = first.cookie.split(";")[0]!;
    const again = await fetch(`${base}/api/sign/${slug}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: receipt },
      body: JSON.stringify({ ...good("owner@example.org"), lang: "en" }),
    });
    expect(((await again.json()) as { thanksUrl: string }).thanksUrl).toContain("already=1");
  });
});

describe("the form-start token", () => {
  it("expires: a token older than the limit asks the signer to press Sign again", async () => {
    const old = formStartToken(Date.now() - 4 * 3_600_000);
    const input = createSignSchema("en").parse({ ...good("late@example.org"), startedAt: old });
    const result = await signPetition({
      slug,
      input,
      ip: "192.0.2.50",
      locale: "en",
      zipUnknownMessage: "?",
    });
    expect(result.status).toBe("expired_form");
    // Over HTTP: 400 with the message, and a fresh token in the cookie that works at once.
    const res = await fetch(`${base}/api/sign/${slug}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...good("late@example.org"), startedAt: old, lang: "en" }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/open for a long time/);
    const fresh = res.headers.get("set-cookie")!.split(";")[0]!;
    const retry = await fetch(`${base}/api/sign/${slug}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: fresh },
      body: JSON.stringify({ ...good("late@example.org"), startedAt: old, lang: "en" }),
    });
    expect(retry.status).toBe(201);
  });
});

describe("the public recent-signers list", () => {
  it("shows names and cities without bidi overrides or zero-width characters", async () => {
    const input = createSignSchema("en").parse({
      ...good("rtl@example.org"),
      firstName: "Eve\u202Egnp.exe",
      lastName: "\u200BZed",
      city: "Hou\u2066ston\u200D",
      display: "name",
    });
    const signed = await signPetition({
      slug,
      input,
      ip: "192.0.2.60",
      locale: "en",
      zipUnknownMessage: "?",
    });
    expect(signed.status).toBe("signed");
    await runJobsUntilIdle();
    const [mail] = await db
      .select()
      .from(capturedEmails)
      .where(eq(capturedEmails.toAddress, "rtl@example.org"));
    const token = /\/confirm\/([A-Za-z0-9_-]+)/.exec(mail!.text)![1]!;
    expect((await confirmSignature({ token })).state).toBe("verified");
    const recent = await listRecentSigners(petitionId);
    const shown = recent.find((r) => r.name?.startsWith("Eve"))!;
    expect(shown.name).toBe("Evegnp.exe Z.");
    expect(shown.city).toBe("Houston");
    expect(JSON.stringify(recent)).not.toMatch(
      /[\u202A-\u202E\u2066-\u2069\u200B-\u200D\u2060\uFEFF]/,
    );
  });
});

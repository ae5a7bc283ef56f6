// Hardening findings checked at the domain and helper level (real database): login throttling
// that cannot be raced or used to lock the owner out, throttled reset mails and sign-ups, safe
// redirects, ids/dates/cursors the database accepts, sent mail not kept, /dev/mail trusting only
// the socket, and error logs without messages.
import { and, eq, like } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "#db/client";
import { outgoingEmails, passwordResets } from "#db/schema";
import { deliverDueEmails } from "~/domain/mail/outbox-sender.server";
import { assertMayReadCapturedMail, mailReader } from "~/domain/mail/dev-mail.server";
import { safeRedirect } from "~/domain/team/account-forms";
import { decodeCursor, encodeCursor } from "~/domain/petitions/signature-list.server";
import { attemptLogin, LOGIN_MAX_FAILURES_PER_ACCOUNT, requestPasswordReset, RESET_MAX_PER_EMAIL, resetPassword, signUp, signUpThrottled, SIGNUP_MAX_PER_IP } from "~/domain/team/user.server";
import { parseId } from "~/http/auth.server";
import { trustProxySetting } from "~/http/http-guard.server";
import { logError } from "~/lib/log.server";
import { int4Id, isoDateParam } from "~/lib/params";
import { randomToken, sha256 } from "~/lib/crypto.server";

describe("login throttling", () => {
  it("counts before checking: 50 parallel wrong passwords get at most the limit checked", async () => {
    await signUp({ email: "race@example.org", name: "Race", password: "the right password" });
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        attemptLogin({ email: "race@example.org", password: "wrong", ip: "203.0.113.7" }),
      ),
    );
    const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
    expect(checked).toBeLessThanOrEqual(LOGIN_MAX_FAILURES_PER_ACCOUNT);
    expect(results.filter((r) => !r.ok && r.reason === "throttled").length).toBe(50 - checked);
  });

  it("someone failing on purpose elsewhere does not lock the owner out", async () => {
    await signUp({ email: "owner@example.org", name: "Owner", password: "the right password" });
    for (let i = 0; i < 20; i++)
      await attemptLogin({ email: "owner@example.org", password: "guess", ip: "198.51.100.9" });
    expect(
      await attemptLogin({
        email: "owner@example.org",
        password: "the right password",
        ip: "198.51.100.9",
      }),
    ).toMatchObject({ ok: false, reason: "throttled" });
    const owner = await attemptLogin({
      email: "owner@example.org",
      password: "the right password",
      ip: "192.0.2.44",
    });
    expect(owner.ok).toBe(true);
  });

  it("a reset link gets a throttled owner back in at once", async () => {
    await signUp({ email: "locked@example.org", name: "Locked", password: "the old password" });
    for (let i = 0; i <= LOGIN_MAX_FAILURES_PER_ACCOUNT; i++)
      await attemptLogin({ email: "locked@example.org", password: "guess", ip: null });
    const token = await requestPasswordReset({ email: "locked@example.org" });
    expect(await resetPassword({ token: token!, password: "a brand new password" })).toBe(true);
    const after = await attemptLogin({
      email: "locked@example.org",
      password: "a brand new password",
      ip: null,
    });
    expect(after.ok).toBe(true);
  });
});

describe("reset mails and sign-ups are throttled", () => {
  it("mails at most a few reset links per address an hour, and says nothing either way", async () => {
    const user = await signUp({
      email: "many@example.org",
      name: "Many",
      password: "the right password",
    });
    for (let i = 0; i < RESET_MAX_PER_EMAIL + 4; i++)
      await requestPasswordReset({ email: "many@example.org", ip: `192.0.2.${i}` });
    const resets = await db.select().from(passwordResets).where(eq(passwordResets.userId, user.id));
    expect(resets).toHaveLength(RESET_MAX_PER_EMAIL);
    const mails = await db
      .select({ id: outgoingEmails.id })
      .from(outgoingEmails)
      .where(
        and(
          eq(outgoingEmails.toAddress, "many@example.org"),
          like(outgoingEmails.dedupeKey, "password-reset:%"),
        ),
      );
    expect(mails).toHaveLength(RESET_MAX_PER_EMAIL);
  });

  it("refuses sign-ups from one client beyond the hourly limit", async () => {
    for (let i = 0; i < SIGNUP_MAX_PER_IP; i++)
      expect(await signUpThrottled("192.0.2.200")).toBe(false);
    expect(await signUpThrottled("192.0.2.200")).toBe(true);
    expect(await signUpThrottled("192.0.2.201")).toBe(false);
  });
});

describe("redirects after logging in stay on Handover", () => {
  it.each([
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "//evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "https://evil.example",
    "/%09/evil.example/../",
    " /x",
  ])("%j goes to the fallback or stays same-site", (to) => {
    const result = safeRedirect(to);
    expect(new URL(result, "http://handover.test").origin).toBe("http://handover.test");
    expect(result).not.toMatch(/[\s\\]/);
  });

  it("keeps ordinary paths with their query", () => {
    expect(safeRedirect("/dashboard/c/x?tab=1#top")).toBe("/dashboard/c/x?tab=1#top");
  });
});

describe("ids, dates and cursors from URLs", () => {
  it("takes only plain-digit ids in the int4 range", () => {
    expect(int4Id("2147483647")).toBe(2147483647);
    for (const bad of [
      "2147483648",
      "9999999999",
      "1e99",
      "1e3",
      "0x10",
      "1.0",
      "-1",
      "0",
      "",
      " 5",
      "abc",
    ])
      expect(int4Id(bad)).toBeNull();
    expect(() => parseId("9999999999")).toThrow();
  });

  it("takes only real calendar dates within a sane range", () => {
    expect(isoDateParam("2026-02-28")).toBe("2026-02-28");
    for (const bad of ["9999-12-31", "0000-01-01", "2026-02-30", "2026-13-01", "2026-1-1"])
      expect(isoDateParam(bad)).toBeUndefined();
  });

  it("ignores forged cursors the database could not compare", () => {
    const forged = Buffer.from(JSON.stringify(["not a time", 1])).toString("base64url");
    expect(decodeCursor(forged)).toBeNull();
    expect(
      decodeCursor(
        Buffer.from(JSON.stringify(["2026-01-01 00:00:00+00", 9999999999])).toString("base64url"),
      ),
    ).toBeNull();
    const real = encodeCursor({ key: "2026-12-04 16:36:09.123456+00", id: 5 });
    expect(decodeCursor(real)).toEqual({ key: "2026-12-04 16:36:09.123456+00", id: 5 });
    expect(decodeCursor(encodeCursor({ key: "García", id: 5 }), "text")).toEqual({
      key: "García",
      id: 5,
    });
  });
});

describe("sent mail keeps no body", () => {
  it("clears the HTML, text and attachments of a message once it is sent", async () => {
    const token = randomToken();
    const user = await signUp({
      email: "sent@example.org",
      name: "Sent",
      password: "the right password",
    });
    await db.insert(passwordResets).values({
      tokenHash: sha256(token),
      userId: user.id,
      expiresAt: new Date(Date.now() + 3600_000),
    });
    await requestPasswordReset({ email: "sent@example.org" });
    await deliverDueEmails({ limit: 100 });
    const [row] = await db
      .select()
      .from(outgoingEmails)
      .where(eq(outgoingEmails.toAddress, "sent@example.org"));
    expect(row!.status).toBe("sent");
    expect(row!.html).toBe("");
    expect(row!.text).toBe("");
    expect(row!.attachments).toEqual([]);
  });
});

describe("trust boundaries", () => {
  it("believes only a configured number of proxies or their addresses", () => {
    expect(trustProxySetting("")).toBe(false);
    expect(trustProxySetting("0")).toBe(false);
    expect(trustProxySetting("1")).toBe(1);
    expect(trustProxySetting("10.0.0.1, 10.0.0.2")).toBe("10.0.0.1, 10.0.0.2");
    expect(() => trustProxySetting("true")).toThrow(/TRUST_PROXY/);
  });

  it("/dev/mail reads only the socket's address and the raw Host, and refuses forwarded requests", () => {
    const request = new Request("http://localhost:3000/dev/mail");
    const forwarded = mailReader(request, {
      socketIp: "127.0.0.1",
      rawHost: "localhost:3000",
      forwarded: true,
    });
    expect(() => assertMayReadCapturedMail(forwarded)).toThrow();
    // Express may have believed X-Forwarded-For (clientIp), but only the socket counts.
    const remote = mailReader(request, {
      clientIp: "127.0.0.1",
      socketIp: "203.0.113.5",
      rawHost: "localhost",
      forwarded: false,
    });
    expect(() => assertMayReadCapturedMail(remote)).toThrow();
    const local = mailReader(request, {
      socketIp: "::1",
      rawHost: "localhost:3000",
      forwarded: false,
    });
    expect(() => assertMayReadCapturedMail(local)).not.toThrow();
  });
});

describe("error logs", () => {
  it("name the request and the error's kind, never its message", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const cause = Object.assign(new Error('invalid byte sequence: "ana@example.org"'), {
      name: "PostgresError",
      code: "22021",
    });
    const error = new Error("Failed query: insert ... params: ana@example.org,Ana", { cause });
    error.name = "DrizzleQueryError";
    logError("req123", error, "POST /p");
    const line = spy.mock.calls.map((c) => c.join(" ")).join("\n");
    spy.mockRestore();
    expect(line).toContain("request=req123");
    expect(line).toContain("DrizzleQueryError <- PostgresError 22021");
    expect(line).not.toContain("ana@example.org");
    expect(line).not.toContain("Failed query");
  });
});

// The petition page's form without JavaScript, on the production server: its fast door signs
// once and answers with the action's redirect and cookie; field errors, refusals and other
// encodings are drawn by the route with the signer's typed values, never signed twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProdServer, type ProdServer } from "../support/prod-server";

const SLUG = "stop-traffic-stop-deportations";

describe("the no-JavaScript sign form", () => {
  let server: ProdServer;
  beforeAll(async () => {
    server = await startProdServer({ SIGN_RATE_LIMIT: "3", TRUST_PROXY: "1" });
  }, 120_000);
  afterAll(() => server?.stop());

  /** A browser without JavaScript: the <noscript> pixel, a person's few seconds, then the form. */
  async function newBrowser() {
    const start = await fetch(`${server.url}/p/${SLUG}/start.gif`);
    const cookie = /hov_start=[^;]+/.exec(start.headers.get("set-cookie") ?? "")![0];
    await new Promise((r) => setTimeout(r, 2_200));
    return cookie;
  }

  function post(cookie: string, fields: Record<string, string>, forwardedFor: string) {
    return fetch(`${server.url}/p/${SLUG}?index`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie,
        origin: server.url,
        "x-forwarded-for": forwardedFor,
      },
      body: new URLSearchParams(fields).toString(),
    });
  }

  async function mailsTo(email: string) {
    const res = await fetch(`${server.url}/dev/mail.json?to=${encodeURIComponent(email)}`);
    return (await res.json()) as { subject: string }[];
  }

  const fields = (email: string, extra: Record<string, string> = {}) => ({
    lang: "es",
    firstName: "Lucía",
    lastName: "Méndez",
    email,
    postalCode: "77036",
    country: "US",
    display: "city",
    ...extra,
  });

  it("signs once and goes to the thanks page in the signer's language, with the receipt cookie", async () => {
    const cookie = await newBrowser();
    const res = await post(cookie, fields("door.nojs@example.net"), "203.0.113.10");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(new RegExp(`^/p/${SLUG}/thanks\\?.*lang=es`));
    expect(res.headers.get("set-cookie") ?? "").toMatch(/hov_signed/);
    // One confirmation email: a second signing would have sent a "you already signed" one too.
    let mails: { subject: string }[] = [];
    for (let i = 0; i < 50 && mails.length === 0; i++) {
      mails = await mailsTo("door.nojs@example.net");
      if (mails.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await mailsTo("door.nojs@example.net")).toHaveLength(1);
  }, 60_000);

  it("draws a field error from the signing (unknown ZIP) next to the field, keeping what was typed", async () => {
    const cookie = await newBrowser();
    const res = await post(
      cookie,
      fields("door.zip@example.net", { postalCode: "00000" }),
      "203.0.113.11",
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("No conocemos este código postal");
    expect(html).toContain('value="Lucía"');
    expect(await mailsTo("door.zip@example.net")).toHaveLength(0);
  }, 60_000);

  it("draws the schema's errors in the route when the form is incomplete", async () => {
    const cookie = await newBrowser();
    const res = await post(cookie, fields("not-an-address"), "203.0.113.12");
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('value="not-an-address"');
  }, 60_000);

  it("answers the rate limit once, with its message, and keeps the typed values", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const cookie = await newBrowser();
      const res = await post(cookie, fields(`door.limit.${i}@example.net`), "203.0.113.13");
      statuses.push(res.status);
      if (i === 3) expect(await res.text()).toContain('value="door.limit.3@example.net"');
    }
    expect(statuses).toEqual([302, 302, 302, 429]);
  }, 60_000);

  it("leaves other encodings to the route, which signs them the same way", async () => {
    const cookie = await newBrowser();
    const form = new FormData();
    for (const [k, v] of Object.entries(fields("door.multipart@example.net"))) form.set(k, v);
    const res = await fetch(`${server.url}/p/${SLUG}?index`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, origin: server.url, "x-forwarded-for": "203.0.113.14" },
      body: form,
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(new RegExp(`^/p/${SLUG}/thanks`));
  }, 60_000);
});

// The confirmation link's page and button on the production server: the page is a shared render
// with each signer's own token written in (never another's), private and never a referrer; the
// button's plain form post confirms once and answers with a redirect to "thank you" and the count.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProdServer, type ProdServer } from "../support/prod-server";

const SLUG = "stop-traffic-stop-deportations";

describe("the confirmation door", () => {
  let server: ProdServer;
  beforeAll(async () => {
    server = await startProdServer();
  }, 120_000);
  afterAll(() => server?.stop());

  async function signAndGetLink(email: string, lang: "en" | "es") {
    const start = await fetch(`${server.url}/p/${SLUG}/start`);
    const cookie = /hov_start=[^;]+/.exec(start.headers.get("set-cookie") ?? "")![0];
    const { startedAt } = (await start.json()) as { startedAt: string };
    // A person takes a few seconds to fill the form; faster is refused as a bot.
    await new Promise((r) => setTimeout(r, 2_200));
    const signed = await fetch(`${server.url}/api/sign/${SLUG}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: server.url },
      body: JSON.stringify({
        firstName: "Door",
        lastName: "Tester",
        email,
        postalCode: "60601",
        startedAt,
        lang,
      }),
    });
    expect(signed.status).toBe(201);
    for (let i = 0; i < 100; i++) {
      const mail = (await (
        await fetch(`${server.url}/dev/mail.json?to=${encodeURIComponent(email)}`)
      ).json()) as { text: string }[];
      const link = mail[0]?.text.match(/https?:\/\/\S+\/confirm\/\S+/)?.[0];
      if (link) return new URL(link).pathname;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error("no confirmation mail");
  }

  it("serves each signer's page with their own token only, privately, in their language", async () => {
    const [a, b] = await Promise.all([
      signAndGetLink("door.a@example.net", "en"),
      signAndGetLink("door.b@example.net", "es"),
    ]);
    const tokenA = a.split("/").pop()!;
    const tokenB = b.split("/").pop()!;
    const pageA = await fetch(`${server.url}${a}`);
    const htmlA = await pageA.text();
    expect(pageA.status).toBe(200);
    expect(pageA.headers.get("cache-control")).toBe("private, no-store");
    expect(pageA.headers.get("referrer-policy")).toBe("no-referrer");
    expect(htmlA).toContain(`action="/confirm/${tokenA}`);
    expect(htmlA).not.toContain(tokenB);
    expect(htmlA).toContain("Confirm your signature");

    const htmlB = await (await fetch(`${server.url}${b}`)).text();
    expect(htmlB).toContain(tokenB);
    expect(htmlB).not.toContain(tokenA);
    // The signer's own language (Spanish), though nobody chose it on this request.
    expect(htmlB).toContain("Confirma tu firma");
    expect(htmlB).not.toContain("Placeholder");
  }, 60_000);

  it("confirms on the button's post, once, and thanks with the count that includes the signer", async () => {
    const link = await signAndGetLink("door.c@example.net", "en");
    const before = (await (await fetch(`${server.url}/p/${SLUG}/count`)).json()) as {
      count: number;
    };
    // A page from another site cannot press it.
    const forged = await fetch(`${server.url}${link}`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: "https://evil.example",
      },
      body: "lang=en",
      redirect: "manual",
    });
    expect(forged.status).toBe(403);

    const press = () =>
      fetch(`${server.url}${link}`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          origin: server.url,
          "sec-fetch-site": "same-origin",
        },
        body: "lang=en",
        redirect: "manual",
      });
    const first = await press();
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe(`${link}?done=1&lang=en`);
    const thanks = await (await fetch(`${server.url}${first.headers.get("location")}`)).text();
    expect(thanks).toContain("Thank you — your signature is confirmed");
    const shown = Number(/one of ([\d,]+) verified/.exec(thanks)![1]!.replace(/,/g, ""));
    expect(shown).toBeGreaterThanOrEqual(before.count + 1);

    // Pressed again (a double tap, the back button): nothing more is counted.
    const second = await press();
    expect(second.headers.get("location")).toBe(`${link}?lang=en`);
    const again = await (await fetch(`${server.url}${second.headers.get("location")}`)).text();
    expect(again).toContain("Your signature was already confirmed");
  }, 60_000);

  it("answers a link that is not a token with the route's own page, never a 500", async () => {
    for (const path of ["/confirm/short", "/confirm/%00", `/confirm/${"a".repeat(40)}`]) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status).toBeLessThan(500);
    }
  });
});

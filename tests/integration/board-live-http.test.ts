// The delivery board's live feed through the production server: answered before Remix by a plain
// handler (http/board-live-route.server), with the same authorization as the page — a session and
// a role in the campaign — and the "changed since T" answer the board's poll uses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookieFor, startProdServer, type ProdServer } from "../support/prod-server";

const CAMPAIGN = "drive-without-fear";
let server: ProdServer;

beforeAll(async () => {
  server = await startProdServer({ JOBS_INLINE: "false" });
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

const live = (query: string, cookie?: string) =>
  fetch(`${server.url}/dashboard/c/${CAMPAIGN}/deliveries/live${query}`, {
    headers: cookie ? { Cookie: cookie } : {},
    redirect: "manual",
  });

describe("the board's live feed over HTTP", () => {
  it("answers members with the version and what changed since T; nobody else learns anything", async () => {
    const viewer = await sessionCookieFor(server, "vera@handover.test");
    const first = await live("", viewer);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-store");
    const a = (await first.json()) as { version: string; now: string; changed?: number[] };
    expect(a.version).toMatch(/^\d{4}-/);
    expect(a.changed).toBeUndefined();
    // The seeded events were all stamped when seeded, moments ago: inside the overlap.
    const since = new Date(Date.parse(a.now) - 60 * 60_000).toISOString();
    const b = (await (await live(`?since=${encodeURIComponent(since)}`, viewer)).json()) as {
      version: string;
      changed: number[];
      at: string[];
      reload: boolean;
    };
    expect(b.version).toBe(a.version);
    expect(b.changed.length).toBeGreaterThan(0);
    expect(b.at).toHaveLength(b.changed.length);
    expect(b.reload).toBe(false);
    // A date that is not one is ignored (version only), never a 500.
    expect((await live("?since=not-a-date", viewer)).status).toBe(200);

    expect((await live("")).status).toBe(401);
    expect((await live("", "handover_session=forged")).status).toBe(401);
    // A signed-up user who is no member of the campaign.
    const signup = await fetch(`${server.url}/signup`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
      body: new URLSearchParams({
        name: "Stranger",
        email: `stranger-${Date.now()}@example.org`,
        password: "a long enough password",
      }),
      redirect: "manual",
    });
    const stranger = (signup.headers.get("set-cookie") ?? "").split(";")[0]!;
    expect(stranger).toMatch(/^handover_session=/);
    const refused = await live(`?since=${encodeURIComponent(since)}`, stranger);
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const owner = await sessionCookieFor(server, "olivia@handover.test");
    expect((await live("", owner)).status).toBe(200);
    expect(
      (
        await fetch(`${server.url}/dashboard/c/no-such-campaign/deliveries/live`, {
          headers: { Cookie: owner },
        })
      ).status,
    ).toBe(404);
  });
});

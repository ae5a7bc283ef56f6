// A bounded fuzz run against the production build (`node server.mjs`, on this run's database kind):
// every route the build knows, every `:param`, every form the pages render, as anonymous and as the
// campaign's owner, with hostile values. Asserts that no answer is a 5xx (or a dropped connection)
// and that the server's log afterwards holds none of the emails, names or tokens that were sent.
// Deterministic (no random values) and bounded: a few thousand requests, 4 at a time.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookieFor, startProdServer, type ProdServer } from "../support/prod-server";

const OWNER = "olivia@handover.test";
const CAMPAIGN = "drive-without-fear";
const PETITION = "stop-traffic-stop-deportations";
const CONCURRENCY = 4;

// Personal data the log must never show: every one of these is sent somewhere below.
const SECRET_EMAIL = "zz.fuzz.signer@leak-check.example";
const SECRET_NAME = "Quillonia Fuzzbright";
const SECRET_TOKEN = "tok_leakcheck_8f3a9c2e7b1d4f60a5e9";
const SECRETS = [SECRET_EMAIL, SECRET_NAME, SECRET_TOKEN];

const MB = "x".repeat(1024 * 1024);
/** Hostile values for text fields. */
const TEXT_VALUES = [
  `${SECRET_NAME}\u0000`,
  `${SECRET_EMAIL}\u0000`,
  "\uD800lone-high",
  `\u202E${SECRET_NAME}\u200B\u2066`,
  "",
  MB,
  "2147483648",
  "9999-12-31",
  "1e99",
  '=HYPERLINK("http://evil.example")',
];
/** Hostile values for `:param` segments (already URL-encoded). */
const PARAM_VALUES = [
  "%00",
  "a%00b",
  "%ED%A0%80",
  "%E2%80%AE",
  "%E2%80%8B",
  "2147483648",
  "9999999999",
  "1e99",
  "-1",
  "0",
  "1.5",
  "abc",
  "%F0%9F%98%80",
  "%25",
  "%",
  "x".repeat(3000),
  encodeURIComponent(SECRET_TOKEN),
];
/** Query strings for every GET (cursors, dates, limits, redirects, out of range). */
const QUERIES = [
  "after=%00&before=%00&lang=%00&paper=%ED%A0%80&fingerprint=%00",
  "after=9999999999999999999999&before=-1&limit=1e99&day=2147483648&volume=9999999999&count=-5",
  "after=abc&before=1e99&to=9999-12-31&from=0000-01-01&unit=hour",
  "to=2026-02-30&from=2026-13-01&after=&before=&volume=&day=&limit=",
  `to=${encodeURIComponent(SECRET_EMAIL)}&email=${encodeURIComponent(SECRET_EMAIL)}&ref=${SECRET_TOKEN}&q=${encodeURIComponent(SECRET_NAME)}`,
  "redirectTo=%2F%09%2Fevil.example&after=a&after=b&to[x]=1&redirectTo=%0D%0ASet-Cookie:x=1",
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;

type RouteInfo = { id: string; path: string; hasAction: boolean };

/** Every route of the production build with its full URL pattern (from the build's manifest). */
function buildRoutes(): RouteInfo[] {
  const script = `
    const b = await import(${JSON.stringify(new URL("../../build/index.js", import.meta.url).href)});
    const full = (r) => {
      const parts = [];
      for (let x = r; x; x = x.parentId ? b.routes[x.parentId] : null) if (x.path) parts.unshift(x.path);
      return "/" + parts.join("/");
    };
    console.log(JSON.stringify(Object.values(b.routes).filter((r) => r.id !== "root")
      .map((r) => ({ id: r.id, path: full(r), hasAction: !!r.module.action }))));`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production" },
  });
  return JSON.parse(out.toString()) as RouteInfo[];
}

const VALID_PARAMS: Record<string, string> = {
  campaign: CAMPAIGN,
  slug: PETITION,
  petitionId: "1",
  eventId: "1",
  officeId: "1",
  packetId: "1",
  dayId: "1",
  volume: "1",
  id: "1",
  index: "0",
  token: SECRET_TOKEN,
};

function fill(pattern: string, overrides: Record<string, string> = {}) {
  return pattern.replace(
    /:(\w+)/g,
    (_m, name: string) => overrides[name] ?? VALID_PARAMS[name] ?? "1",
  );
}

type Outcome = { method: string; url: string; status: number; ms: number; detail?: string };

async function send(
  server: ProdServer,
  method: string,
  url: string,
  init: { body?: BodyInit; headers?: Record<string, string>; cookie?: string } = {},
): Promise<Outcome> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.cookie) headers.Cookie = init.cookie;
  const t0 = Date.now();
  try {
    const res = await fetch(server.url + url, {
      method,
      body: init.body,
      headers,
      redirect: "manual",
      signal: AbortSignal.timeout(20_000),
    });
    // Read the whole body: a stream that breaks half way is a failure too.
    const text = await res.text();
    const detail = res.status >= 500 ? text.slice(0, 200) : undefined;
    return { method, url, status: res.status, ms: Date.now() - t0, detail };
  } catch (error) {
    const detail = `connection: ${(error as Error).message}`;
    return { method, url, status: 599, ms: Date.now() - t0, detail };
  }
}

async function inBatches<T>(items: (() => Promise<T>)[], size = CONCURRENCY) {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await items[i]!();
      }
    }),
  );
  return results;
}

/** Form field names and button name=value pairs the page renders, so actions see real intents. */
async function formShape(server: ProdServer, path: string, cookie?: string) {
  const res = await fetch(server.url + path, {
    headers: cookie ? { Cookie: cookie } : {},
    redirect: "manual",
  });
  const html = res.ok ? await res.text() : "";
  const names = new Set<string>();
  const intents = new Set<string>();
  for (const m of html.matchAll(/<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"/g))
    names.add(m[1]!);
  for (const m of html.matchAll(/<button\b[^>]*\bname="([^"]+)"[^>]*\bvalue="([^"]*)"/g))
    intents.add(`${m[1]}=${m[2]}`);
  for (const m of html.matchAll(/<input\b[^>]*\bname="(intent|_action)"[^>]*\bvalue="([^"]*)"/g))
    intents.add(`${m[1]}=${m[2]}`);
  for (const n of ["email", "name", "firstName", "lastName", "zip", "password", "intent"])
    names.add(n);
  return { names: [...names], intents: [...intents].slice(0, 4) };
}

function urlencoded(fields: [string, string][]) {
  return new URLSearchParams(fields).toString();
}

/** The request variants sent to one action route. */
function actionCases(path: string, shape: { names: string[]; intents: string[] }) {
  const cases: { body?: BodyInit; headers?: Record<string, string> }[] = [];
  const form = "application/x-www-form-urlencoded";
  const intentPairs: [string, string][][] = [
    [],
    ...shape.intents.map((p) => [p.split("=") as [string, string]]),
  ];
  const few = [TEXT_VALUES[3]!, TEXT_VALUES[6]!, TEXT_VALUES[7]!];
  intentPairs.forEach((intent, i) => {
    // Every hostile value without an intent; a few with each intent the page offers.
    for (const value of i === 0 ? TEXT_VALUES : few) {
      // One 1 MB field (the first), not every field at once.
      const fields: [string, string][] = [
        ...intent,
        ...shape.names.map((n, j): [string, string] => [n, value === MB && j > 0 ? "x" : value]),
      ];
      cases.push({ body: urlencoded(fields), headers: { "Content-Type": form } });
    }
    // Arrays for strings: every field twice.
    cases.push({
      body: urlencoded([
        ...intent,
        ...shape.names.flatMap((n): [string, string][] => [
          [n, "a"],
          [n, "b"],
        ]),
      ]),
      headers: { "Content-Type": form },
    });
  });
  const json = JSON.stringify(
    Object.fromEntries(
      shape.names.map((n) => [n, { toString: "x", valueOf: 1, 0: [SECRET_EMAIL] }]),
    ),
  );
  cases.push(
    { body: json, headers: { "Content-Type": "application/json" } },
    { body: "[1,2", headers: { "Content-Type": "application/json" } },
    { body: `email=${SECRET_EMAIL}`, headers: { "Content-Type": "text/plain" } },
    { body: `email=${SECRET_EMAIL}` },
    { body: "", headers: { "Content-Type": "" } },
    { body: "--x\r\nbroken", headers: { "Content-Type": "multipart/form-data" } },
    { body: "--x\r\nbroken", headers: { "Content-Type": "multipart/form-data; boundary=y" } },
    {
      body: `--b\r\nContent-Disposition: form-data; name="email"\r\n\r\n${SECRET_EMAIL}\u0000\r\n--b--\r\n`,
      headers: { "Content-Type": "multipart/form-data; boundary=b" },
    },
    {
      body: urlencoded([["email", SECRET_EMAIL]]),
      headers: { "Content-Type": `${form}; charset=x-unknown` },
    },
    { body: "%ZZ=%E0%A4%A", headers: { "Content-Type": form } },
    { body: "a=1", headers: { "Content-Type": form, Origin: "null" } },
    { body: "a=1", headers: { "Content-Type": form, Origin: "https://evil.example" } },
  );
  return cases.map((c) => ({ path, ...c }));
}

describe("fuzzing every public door of the production build", () => {
  let server: ProdServer;
  let owner: string;
  let routes: RouteInfo[];

  beforeAll(async () => {
    routes = buildRoutes();
    server = await startProdServer();
    owner = await sessionCookieFor(server, OWNER);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  // One check per finding, on the same server, before the fuzz run.
  const form = { "Content-Type": "application/x-www-form-urlencoded" };
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(server.url + path, { headers, redirect: "manual" });
  const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
    fetch(server.url + path, { method: "POST", body, headers, redirect: "manual" });

  it("answers wrong, missing and broken content types on actions with a plain 4xx", async () => {
    const cases: [BodyInit, Record<string, string>, number][] = [
      ["email=a@b.example", { "Content-Type": "text/plain" }, 415],
      ['{"email":"a@b.example"}', { "Content-Type": "application/json" }, 415],
      ["--x\r\nbroken", { "Content-Type": "multipart/form-data; boundary=y" }, 400],
      ["--x\r\nbroken", { "Content-Type": "multipart/form-data" }, 400],
      ["email=a", { "Content-Type": "application/x-www-form-urlencoded; charset=x-unknown" }, 415],
    ];
    for (const [body, headers, status] of cases) {
      const res = await post("/login", body, headers);
      expect(res.status, JSON.stringify(headers)).toBe(status);
      expect(await res.text()).toMatch(/Handover|form|formulario/);
    }
  });

  it("refuses a NUL byte in a form field (sign-up) and in any path, before any route runs", async () => {
    const signup = await post(
      "/signup",
      "name=Ana%00&email=ana%40example.org&password=long+enough+pw",
      form,
    );
    expect(signup.status).toBe(400);
    for (const path of ["/p/%00", "/verify/%00", "/dashboard/c/%00", "/p/%ED%A0%80"])
      expect((await get(path)).status, path).toBe(400);
  });

  it("answers ids beyond int4 and non-numeric ids with 404, not 500", async () => {
    for (const path of [
      "/events/2147483648",
      "/events/1e99/ics",
      `/dashboard/c/${CAMPAIGN}/petitions/9999999999`,
      `/dashboard/c/${CAMPAIGN}/deliveries/days/9999999999/packets.zip`,
      `/dashboard/c/${CAMPAIGN}/offices/abc`,
      "/dev/mail/abc",
    ])
      expect((await get(path, { Cookie: owner })).status, path).toBe(404);
  });

  it("ignores bad cursors and out-of-range dates, and streams the CSV to its end", async () => {
    const base = `/dashboard/c/${CAMPAIGN}/petitions/1`;
    const forged = Buffer.from(JSON.stringify(["not a time", 1])).toString("base64url");
    expect((await get(`${base}/signatures?after=${forged}`, { Cookie: owner })).status).toBe(200);
    expect((await get(`${base}/signatures?before=%%%`, { Cookie: owner })).status).toBe(200);
    const csv = await get(`${base}/signatures.csv?to=9999-12-31`, { Cookie: owner });
    expect(csv.status).toBe(200);
    expect((await csv.text()).split("\n").length).toBeGreaterThan(1);
    expect(
      (await get(`/dashboard/c/${CAMPAIGN}/audit?before=9999999999`, { Cookie: owner })).status,
    ).toBe(200);
  });

  it("refuses Origin: null and cross-origin posts to unsubscribe with 403; mail providers' one-click passes", async () => {
    const body = "List-Unsubscribe=One-Click";
    expect((await post("/unsubscribe/abc", body, { ...form, Origin: "null" })).status).toBe(403);
    expect(
      (await post("/unsubscribe/abc", body, { ...form, Origin: "https://evil.example" })).status,
    ).toBe(403);
    expect((await post("/unsubscribe/abc", body, form)).status).toBe(404);
  });

  it("answers objects for strings on /api/sign with 400, not 503", async () => {
    const res = await post(
      `/api/sign/${PETITION}`,
      JSON.stringify({ firstName: { toString: "x" } }),
      {
        "Content-Type": "application/json",
      },
    );
    expect(res.status).toBe(400);
  });

  it("answers a logged-in POST to /invitations/<emoji> with a redirect, not 500", async () => {
    const res = await post("/invitations/%F0%9F%98%80", "", { ...form, Cookie: owner });
    expect(res.status).toBeLessThan(500);
  });

  it("limits form bodies: a 20 MB password gets 413", async () => {
    const res = await post(
      "/login",
      `email=a%40b.example&password=${"x".repeat(20 * 1024 * 1024)}`,
      form,
    );
    expect(res.status).toBe(413);
  });

  it("keeps redirects after login on Handover", async () => {
    const res = await get("/login?redirectTo=%2F%09%2Fevil.example", { Cookie: owner });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/dashboard");
    const crlf = await get("/login?redirectTo=%2F%0D%0ASet-Cookie:x=1", { Cookie: owner });
    expect(crlf.status).toBeLessThan(500);
  });

  it("/dev/mail refuses a request carrying forwarded headers, even from this machine", async () => {
    expect((await get("/dev/mail.json")).status).toBe(200);
    const forged = await get("/dev/mail.json", {
      "X-Forwarded-For": "127.0.0.1",
      Host: "localhost",
    });
    expect(forged.status).toBe(403);
  });

  it("sends CSP and framing headers on every page, lets only the embed be framed, and loader headers through", async () => {
    for (const path of ["/", "/login", `/p/${PETITION}`, "/forgot-password", "/no-such-page"]) {
      const res = await get(path);
      expect(res.headers.get("content-security-policy"), path).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get("content-security-policy"), path).toMatch(/script-src 'self' 'nonce-/);
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
    }
    const embed = await get(`/p/${PETITION}/embed`);
    expect(embed.headers.get("x-frame-options")).toBeNull();
    expect(embed.headers.get("content-security-policy")).toMatch(/frame-ancestors \*/);
    // The petition page's and the confirm/unsubscribe pages' loader headers reach the browser.
    // The anonymous petition page is the shared render (ADR 012); a signed-in visitor's is private.
    expect((await get(`/p/${PETITION}`)).headers.get("cache-control")).toMatch(
      /^public, .*s-maxage=1/,
    );
    expect((await get(`/p/${PETITION}`, { Cookie: owner })).headers.get("cache-control")).toBe(
      "private, no-store",
    );
    expect((await get("/confirm/x")).headers.get("referrer-policy")).toBe("no-referrer");
    expect((await get("/unsubscribe/x")).headers.get("referrer-policy")).toBe("no-referrer");
    // Dashboard pages showing signers are never cached.
    const list = await get(`/dashboard/c/${CAMPAIGN}/petitions/1/signatures`, { Cookie: owner });
    expect(list.status).toBe(200);
    expect(list.headers.get("cache-control")).toBe("private, no-store");
    expect(list.headers.get("x-request-id")).toMatch(/^[\w-]{6,}$/);
  });

  it(
    "answers every hostile request with a status below 500 and logs nothing that was sent",
    async () => {
      // The floor: a trivial request's latency on this machine right now, to read the total against.
      const floorMs: number[] = [];
      for (let i = 0; i < 20; i++) floorMs.push((await send(server, "GET", "/healthz")).ms);
      floorMs.sort((a, b) => a - b);
      const started = Date.now();
      const jobs: (() => Promise<Outcome>)[] = [];
      const sessions: [string, string | undefined][] = [
        ["anonymous", undefined],
        ["owner", owner],
      ];
      const skip = (r: RouteInfo) => r.id === "routes/e2e.login" || r.id === "routes/logout";

      // Each `:param` name takes every hostile value at the first route that has it, and a few of
      // them at every other route (the others stay valid); each query string goes to every route.
      const fuzzedFully = new Set<string>();
      const FEW = ["%00", "2147483648", "abc", "%ED%A0%80", "%F0%9F%98%80"];
      for (const [who, cookie] of sessions) {
        for (const route of routes.filter((r) => !skip(r))) {
          const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
          // Anonymous visitors to the dashboard are sent to log in before anything is read.
          const outside = who === "anonymous" && route.path.startsWith("/dashboard");
          for (const param of params) {
            const key = param;
            const values = fuzzedFully.has(key) || outside ? FEW : PARAM_VALUES;
            fuzzedFully.add(key);
            for (const value of values)
              jobs.push(() =>
                send(server, "GET", fill(route.path, { [param]: value }), { cookie }),
              );
            if (route.hasAction)
              for (const value of FEW)
                jobs.push(() =>
                  send(server, "POST", fill(route.path, { [param]: value }), {
                    cookie,
                    body: "intent=x",
                    headers: { "Content-Type": "application/x-www-form-urlencoded" },
                  }),
                );
          }
          for (const query of outside ? QUERIES.slice(0, 1) : QUERIES)
            jobs.push(() => send(server, "GET", `${fill(route.path)}?${query}`, { cookie }));
        }
      }

      // Forms: shaped from what each page renders.
      for (const [who, cookie] of sessions) {
        for (const route of routes.filter((r) => r.hasAction && !skip(r))) {
          const path = fill(route.path);
          const shape = await formShape(server, path, cookie);
          const outside = who === "anonymous" && route.path.startsWith("/dashboard");
          const cases = actionCases(path, shape);
          for (const c of outside ? cases.filter((_c, i) => i % 8 === 0) : cases)
            jobs.push(() =>
              send(server, "POST", c.path, { cookie, body: c.body, headers: c.headers }),
            );
        }
      }

      // The lean JSON sign endpoint and one-click unsubscribe.
      const signBodies = [
        { firstName: { toString: "x" }, email: SECRET_EMAIL },
        { firstName: [SECRET_NAME], lastName: ["a", "b"], email: [SECRET_EMAIL], zip: 60601 },
        { firstName: `${SECRET_NAME}\u0000`, lastName: "x", email: SECRET_EMAIL, zip: "60601" },
        { firstName: "\uD800", lastName: "\uDC00", email: `a\u0000@b.example`, zip: "\u0000" },
        null,
        [],
        "string",
      ];
      for (const body of signBodies)
        jobs.push(() =>
          send(server, "POST", `/api/sign/${PETITION}`, {
            body: JSON.stringify(body),
            headers: { "Content-Type": "application/json" },
          }),
        );
      for (const slug of PARAM_VALUES.slice(0, 6))
        jobs.push(() =>
          send(server, "POST", `/api/sign/${slug}`, {
            body: "{}",
            headers: { "Content-Type": "application/json" },
          }),
        );
      for (const ct of ["text/plain", "", "multipart/form-data; boundary=z", "application/json"])
        jobs.push(() =>
          send(server, "POST", `/api/sign/${PETITION}`, {
            body: "{bad",
            headers: { "Content-Type": ct },
          }),
        );
      jobs.push(() =>
        send(server, "POST", `/api/sign/${PETITION}`, {
          body: JSON.stringify({ firstName: MB }),
          headers: { "Content-Type": "application/json" },
        }),
      );
      for (const origin of ["null", "https://evil.example", undefined])
        for (const token of [SECRET_TOKEN, "%00", "%ED%A0%80"])
          jobs.push(() =>
            send(server, "POST", `/unsubscribe/${token}`, {
              body: "List-Unsubscribe=One-Click",
              headers: {
                "Content-Type": "application/x-www-form-urlencoded",
                ...(origin ? { Origin: origin } : {}),
              },
            }),
          );

      console.log(`fuzz: sending ${jobs.length} requests`);
      const outcomes = await inBatches(jobs);
      if (process.env.FUZZ_OUT)
        (await import("node:fs")).writeFileSync(process.env.FUZZ_OUT, JSON.stringify(outcomes));
      const seconds = (Date.now() - started) / 1000;
      const failures = outcomes.filter((o) => o.status >= 500);
      const slowest = [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, 8);
      console.log(
        slowest.map((o) => `${o.ms} ms ${o.status} ${o.method} ${o.url.slice(0, 100)}`).join("\n"),
      );
      console.log(
        `fuzz: ${outcomes.length} requests in ${seconds.toFixed(1)} s (median ${median(outcomes.map((o) => o.ms))} ms; ` +
          `floor: /healthz median ${floorMs[10]} ms, ratio ${(median(outcomes.map((o) => o.ms)) / Math.max(1, floorMs[10]!)).toFixed(1)}×), ` +
          `${failures.length} answered ≥ 500`,
      );
      const report = failures
        .slice(0, 60)
        .map((f) =>
          `${f.status} ${f.method} ${f.url.slice(0, 120)} ${f.detail ?? ""}`.slice(0, 300),
        );
      // The server's log says why (it is public by rule: kinds and routes, nothing sent).
      expect(report, `server log:\n${server.log().slice(-3000)}`).toEqual([]);

      // Give the job runner a moment (mail sends log on failure), then read the log.
      await new Promise((r) => setTimeout(r, 500));
      const log = server.log();
      const leaked = SECRETS.filter((s) => log.includes(s));
      expect(leaked, `log excerpt:\n${log.slice(-2000)}`).toEqual([]);
    },
    Number(process.env.FUZZ_TIMEOUT_MS || 240_000),
  );
});

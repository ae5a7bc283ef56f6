// npm run bench — the signer's front door under load, on the production build and real Postgres,
// in one run: the box's floor (bare Node http) and a raw postgres.js insert loop beside the petition
// page, its form (JavaScript path = the lean /api/sign, and the no-JS Remix action), thanks,
// confirm (GET page, POST that confirms), the live count, then a mixed crowd (per signer ~10 page
// views, 5 count polls, 1 start pixel, 1 form POST, 1 thanks) with p50/p99 per kind, rows =
// accepted, and the confirmation mail's lag behind the signatures. Optionally the page again at
// 1,000,000 signatures. Prints figures and ratios; asserts nothing about speed (the machine is shared).
//
// Env: BENCH_SECONDS (10 per endpoint), BENCH_CROWD_SECONDS (30), BENCH_CONNECTIONS (64),
//      WEB_CONCURRENCY (2), BENCH_PG (postgres://postgres@127.0.0.1:5432), BENCH_PORT (3390),
//      BENCH_MILLION (1: also measure the page with 1,000,000 verified signatures; 0 skips),
//      BENCH_SKIP_BUILD=1 (reuse BUILD_DIR), JOBS_INLINE (true).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import autocannon from "autocannon";
import postgres from "postgres";

const seconds = Number(process.env.BENCH_SECONDS || 10);
const crowdSeconds = Number(process.env.BENCH_CROWD_SECONDS || 30);
const connections = Number(process.env.BENCH_CONNECTIONS || 64);
const workers = Number(process.env.WEB_CONCURRENCY || 2);
const pgBase = (process.env.BENCH_PG || "postgres://postgres@127.0.0.1:5432").replace(/\/$/, "");
const port = Number(process.env.BENCH_PORT || 3390);
const floorPort = port + 1;
const buildDir = process.env.BUILD_DIR || "build-bench";
const dbName = `handover_bench_${process.pid}`;
const slug = "stop-traffic-stop-deportations";
const base = `http://127.0.0.1:${port}`;
const million = process.env.BENCH_MILLION !== "0";
const tag = `b${process.pid}`;

const pgUrl = new URL(pgBase);
const pgArgs = [
  "-h",
  pgUrl.hostname,
  "-p",
  pgUrl.port || "5432",
  "-U",
  decodeURIComponent(pgUrl.username || "postgres"),
];

const log = (line = "") => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

async function waitFor(url: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error(`server did not answer ${url}`);
}

type Row = { name: string; rate: number; p50: number; p99: number; note?: string };
const table: Row[] = [];
let floorRate = 0;
let leanRate = 0;

function record(row: Row) {
  table.push(row);
  const ratio = floorRate ? ` ${((row.rate / floorRate) * 100).toFixed(1)}% of floor` : "";
  log(
    `${row.name.padEnd(46)} ${fmt(row.rate).padStart(7)}/s  p50 ${String(row.p50).padStart(4)} ms  p99 ${String(row.p99).padStart(5)} ms${ratio}${row.note ? `  ${row.note}` : ""}`,
  );
}

let xff = 0;
const nextIp = () => {
  const i = xff++;
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
};

/** One endpoint at full pressure for `seconds`; `build` makes each request (unique data per call). */
async function hammer(
  name: string,
  opts: {
    url?: string;
    method?: string;
    path: string | (() => string);
    headers?: Record<string, string>;
    body?: () => string;
    expect: number[];
    duration?: number;
  },
) {
  let good = 0;
  let bad = 0;
  // One request first, so a cold cache or first render is not counted as the endpoint's speed.
  if ((opts.method ?? "GET") === "GET") {
    const path = typeof opts.path === "function" ? opts.path() : opts.path;
    await fetch(`${opts.url ?? base}${path}`, { headers: opts.headers }).catch(() => {});
  }
  const result: any = await autocannon({
    url: opts.url ?? base,
    connections,
    duration: opts.duration ?? seconds,
    requests: [
      {
        method: (opts.method ?? "GET") as any,
        setupRequest: (req: any) => ({
          ...req,
          path: typeof opts.path === "function" ? opts.path() : opts.path,
          headers: { ...(opts.headers ?? {}), "x-forwarded-for": nextIp() },
          ...(opts.body ? { body: opts.body() } : {}),
        }),
        onResponse: (status: number) => {
          if (opts.expect.includes(status)) good++;
          else bad++;
        },
      },
    ],
  });
  const secs = opts.duration ?? seconds;
  const row = {
    name,
    rate: good / secs,
    p50: result.latency.p50,
    p99: result.latency.p99,
    note:
      bad || result.errors || result.timeouts
        ? `(other answers ${bad}, errors ${result.errors}, timeouts ${result.timeouts})`
        : undefined,
  };
  record(row);
  return { ...row, good };
}

async function rawInsertLoop(sql: postgres.Sql) {
  await sql`create table bench_raw (id bigint generated always as identity primary key, email text not null, name text not null)`;
  let n = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 8 }, async (_, w) => {
      while (Date.now() < until) {
        await sql`insert into bench_raw (email, name) values (${`raw-${w}-${n}@example.org`}, 'Raw')`;
        n++;
      }
    }),
  );
  record({
    name: "raw postgres.js one-row inserts, 8 concurrent",
    rate: n / seconds,
    p50: 0,
    p99: 0,
  });
  return n / seconds;
}

function startFloorServer(): ChildProcess {
  return spawn(
    process.execPath,
    [
      "-e",
      `require("node:http").createServer((q, s) => { s.setHeader("content-type", "text/plain"); s.end("ok"); }).listen(${floorPort})`,
    ],
    { stdio: "ignore" },
  );
}

async function main() {
  log(
    `Handover front-door benchmark — ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(
        " ",
      )}, ${workers} server process(es), ${connections} connections, ${seconds} s per endpoint, crowd ${crowdSeconds} s`,
  );
  if (process.env.BENCH_SKIP_BUILD !== "1") {
    execFileSync(process.execPath, ["build.mjs"], {
      env: { ...process.env, BUILD_DIR: buildDir },
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  execFileSync("createdb", [...pgArgs, dbName], { stdio: "inherit" });
  const databaseUrl = `${pgBase}/${dbName}`;
  const server = spawn(process.execPath, ["server.mjs"], {
    env: {
      ...process.env,
      PORT: String(port),
      BUILD_DIR: buildDir,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      PGLITE_DIR: "",
      WEB_CONCURRENCY: String(workers),
      TRUST_PROXY: "1",
      SEED_ON_START: "true",
      SMTP_URL: "",
      SESSION_SECRET: "bench-secret-bench-secret-bench-secret-00",
      APP_URL: base,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let serverLog = "";
  server.stdout!.on("data", (d) => (serverLog += d));
  server.stderr!.on("data", (d) => (serverLog += d));
  const floor = startFloorServer();
  const sql = postgres(databaseUrl, { max: 8, onnotice: () => {} });
  let exitCode = 0;
  try {
    await waitFor(`${base}/healthz`, 120_000);
    await waitFor(`http://127.0.0.1:${floorPort}/`, 10_000);
    // A real start token, as the page's pixel sets it, aged past the minimum fill time.
    const start = await fetch(`${base}/p/${slug}/start.gif`);
    const startCookie = /hov_start=[^;]+/.exec(start.headers.get("set-cookie") ?? "")![0];
    await sleep(2_200);
    const [{ id: petitionId }] = await sql<
      { id: number }[]
    >`select id from petitions where slug = ${slug}`;
    const [{ n: seededRows }] = await sql<
      { n: number }[]
    >`select count(*)::int as n from signatures where petition_id = ${petitionId}`;
    log(`petition: ${slug} (${fmt(seededRows)} signatures seeded)`);
    log("");

    floorRate = (
      await hammer("floor: bare Node http on this box", {
        url: `http://127.0.0.1:${floorPort}`,
        path: "/",
        expect: [200],
      })
    ).rate;
    await rawInsertLoop(sql);
    const browser = {
      "accept-encoding": "gzip, br",
      "accept-language": "es-US,es;q=0.9",
      accept: "text/html",
    };
    const page = await hammer("GET /p/<slug> — the petition page", {
      path: `/p/${slug}`,
      headers: browser,
      expect: [200],
    });
    await hammer("GET /p/<slug>/count — live count", { path: `/p/${slug}/count`, expect: [200] });
    await hammer("GET /p/<slug>/start.gif — the form's start pixel", {
      path: `/p/${slug}/start.gif`,
      expect: [200],
    });
    await hammer("GET /p/<slug>/thanks", {
      path: `/p/${slug}/thanks?lang=en`,
      headers: browser,
      expect: [200],
    });

    let seq = 0;
    const signBody = (prefix: string) => () => {
      const i = seq++;
      return JSON.stringify({
        firstName: "Bench",
        lastName: `Signer ${i}`,
        email: `${prefix}-${tag}-${i}@example.org`,
        postalCode: ["77036", "60623", "33125", "30310", "28205"][i % 5],
        display: i % 3 === 0 ? "name" : "city",
        printName: i % 2 === 0,
        lang: i % 2 ? "es" : "en",
      });
    };
    const lean = await hammer("POST /api/sign/<slug> — the form with JS (lean)", {
      method: "POST",
      path: `/api/sign/${slug}`,
      headers: { "content-type": "application/json", cookie: startCookie },
      body: signBody("lean"),
      expect: [201],
    });
    leanRate = lean.rate;
    const noJs = await hammer("POST /p/<slug>?index — the form without JS (its door)", {
      method: "POST",
      path: `/p/${slug}?index`,
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: startCookie },
      body: () => {
        const i = seq++;
        return new URLSearchParams({
          lang: "en",
          firstName: "Bench",
          lastName: `NoJS ${i}`,
          email: `nojs-${tag}-${i}@example.org`,
          postalCode: "77036",
          country: "US",
          display: "city",
        }).toString();
      },
      expect: [302],
    });
    log(
      `  the form without JS is ${((noJs.rate / leanRate) * 100).toFixed(0)}% of the lean path's rate; with JS the form IS the lean path`,
    );

    // Confirmation links: pending signatures with known tokens (as the emails would carry).
    const tokens = 200_000;
    await sql`insert into signatures (petition_id, first_name, last_name, email, email_canonical, postal_code, city, region, confirm_token_hash, confirm_expires_at)
      select ${petitionId}, 'Conf', 'Irm', 'conf-' || i || '@example.org', 'conf-' || i || '@example.org', '77036', 'Houston', 'TX',
        encode(sha256(convert_to('benchconfirmtoken-' || lpad(i::text, 8, '0'), 'UTF8')), 'hex'), now() + interval '1 day'
      from generate_series(1, ${tokens}) as i`;
    const token = (i: number) => `benchconfirmtoken-${String((i % tokens) + 1).padStart(8, "0")}`;
    let g = 0;
    await hammer("GET /confirm/<token> — the page with the button", {
      path: () => `/confirm/${token(g++)}`,
      headers: browser,
      expect: [200],
    });
    const countNow = async () => {
      const [r] = await sql<{ counted: number; verified: number }[]>`
        select (select coalesce(sum(verified), 0)::int from petition_counts where petition_id = ${petitionId}) as counted,
               (select count(*)::int from signatures where petition_id = ${petitionId} and status = 'verified') as verified`;
      return r!;
    };
    const beforeConfirm = await countNow();
    let c = 0;
    const confirmed = await hammer(
      "POST /confirm/<token> — confirms (its door, 303 to the thanks)",
      {
        method: "POST",
        path: () => `/confirm/${token(c++)}`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: () => "lang=en",
        expect: [303],
      },
    );
    await sleep(500);
    const afterConfirm = await countNow();
    const counted = afterConfirm.counted - beforeConfirm.counted;
    const verified = afterConfirm.verified - beforeConfirm.verified;
    log(
      `  counter after ${fmt(confirmed.good)} confirmations answered: +${fmt(counted)} counted, +${fmt(verified)} verified rows — ${counted === verified ? "EXACT" : "MISMATCH"}`,
    );
    if (counted !== verified) exitCode = 1;

    // ------------------------------------------------------------------ the crowd
    log("");
    log(
      `mixed crowd, ${crowdSeconds} s: per signer 10 page views, 5 count polls, 1 start pixel, 1 form POST (JS), 1 thanks`,
    );
    const plan = [
      "page",
      "count",
      "page",
      "start",
      "page",
      "count",
      "page",
      "page",
      "count",
      "page",
      "sign",
      "thanks",
      "page",
      "count",
      "page",
      "count",
      "page",
      "page",
    ] as const;
    const lat = new Map<string, number[]>();
    const crowdAccepted: string[] = [];
    const crowdOther = new Map<string, number>();
    const lag: { t: number; backlog: number; oldest: number }[] = [];
    const crowdStart = Date.now();
    const [{ before: mailBefore }] = await sql<
      { before: number }[]
    >`select count(*)::int as before from outgoing_emails where template = 'signature-confirmation'`;
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const [r] = await sql<{ backlog: number; oldest: number | null }[]>`
          select coalesce(sum(jsonb_array_length(payload->'items')), 0)::int as backlog,
                 extract(epoch from now() - min(created_at))::float as oldest
          from jobs where kind = 'signature.send-confirmations' and status in ('queued', 'running')`;
        lag.push({
          t: (Date.now() - crowdStart) / 1000,
          backlog: Number(r!.backlog),
          oldest: Number(r!.oldest ?? 0),
        });
        await sleep(1_000);
      }
    })();
    let signer = 0;
    const crowd: any = await autocannon({
      url: base,
      connections,
      duration: crowdSeconds,
      requests: plan.map((kind) => ({
        method: kind === "sign" ? "POST" : "GET",
        setupRequest: (req: any, context: any) => {
          context.kind = kind;
          context.t0 = performance.now();
          if (kind === "sign") {
            const i = signer++;
            context.email = `crowd-${tag}-${i}@example.org`;
            return {
              ...req,
              path: `/api/sign/${slug}`,
              headers: {
                "content-type": "application/json",
                cookie: startCookie,
                "x-forwarded-for": nextIp(),
              },
              body: JSON.stringify({
                firstName: "Crowd",
                lastName: `Signer ${i}`,
                email: context.email,
                postalCode: "60623",
                lang: i % 2 ? "es" : "en",
              }),
            };
          }
          const path =
            kind === "page"
              ? `/p/${slug}`
              : kind === "count"
                ? `/p/${slug}/count`
                : kind === "start"
                  ? `/p/${slug}/start.gif`
                  : `/p/${slug}/thanks?lang=en`;
          return { ...req, path, headers: { ...browser, "x-forwarded-for": nextIp() } };
        },
        onResponse: (status: number, _body: string, context: any) => {
          const kind = context.kind as string;
          if (!lat.has(kind)) lat.set(kind, []);
          lat.get(kind)!.push(performance.now() - context.t0);
          const ok = kind === "sign" ? status === 201 : status === 200;
          if (kind === "sign" && ok) crowdAccepted.push(context.email);
          if (!ok)
            crowdOther.set(`${kind} ${status}`, (crowdOther.get(`${kind} ${status}`) ?? 0) + 1);
        },
      })),
    });
    const crowdEnd = Date.now();
    await sleep(1_000);
    polling = false;
    await poller;
    const pct = (xs: number[], p: number) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : 0;
    };
    for (const kind of ["page", "count", "start", "sign", "thanks"]) {
      const xs = lat.get(kind) ?? [];
      log(
        `  ${kind.padEnd(7)} ${fmt(xs.length / crowdSeconds).padStart(6)}/s  p50 ${pct(xs, 50).toFixed(0).padStart(4)} ms  p99 ${pct(xs, 99).toFixed(0).padStart(5)} ms`,
      );
    }
    log(
      `  all requests: ${fmt(crowd.requests.total / crowdSeconds)}/s (${((crowd.requests.total / crowdSeconds / floorRate) * 100).toFixed(1)}% of the floor's rate), errors ${crowd.errors}, timeouts ${crowd.timeouts}${crowdOther.size ? `, other answers: ${[...crowdOther].map(([k, v]) => `${k}×${v}`).join(", ")}` : ""}`,
    );
    log(
      `  sustained signatures/s with their page views: ${fmt(crowdAccepted.length / crowdSeconds)}  (${((crowdAccepted.length / crowdSeconds / leanRate) * 100).toFixed(0)}% of the lean path alone)`,
    );
    let found = 0;
    for (let i = 0; i < crowdAccepted.length; i += 5000) {
      const [{ n }] = await sql<
        { n: number }[]
      >`select count(*)::int as n from signatures where email in ${sql(crowdAccepted.slice(i, i + 5000))}`;
      found += Number(n);
    }
    const [{ n: crowdRows }] = await sql<
      { n: number }[]
    >`select count(*)::int as n from signatures where email like ${`crowd-${tag}-%`}`;
    const extra = Number(crowdRows) - crowdAccepted.length;
    const equal = found === crowdAccepted.length && extra >= 0 && extra <= connections;
    log(
      `  rows = accepted: ${fmt(found)} of ${fmt(crowdAccepted.length)} accepted have their row${extra > 0 ? ` (+${extra} committed for requests in flight at the cut-off)` : ""} — ${equal ? "EQUAL" : "MISMATCH"}`,
    );
    if (!equal) exitCode = 1;
    const [{ after: mailAfter }] = await sql<
      { after: number }[]
    >`select count(*)::int as after from outgoing_emails where template = 'signature-confirmation'`;
    const peak = lag.reduce((m, l) => (l.backlog > m.backlog ? l : m), {
      t: 0,
      backlog: 0,
      oldest: 0,
    });
    const oldest = Math.max(0, ...lag.map((l) => l.oldest));
    log(
      `  confirmation mail: ${fmt(mailAfter - mailBefore)} emails reached the outbox during the crowd (+1 s); backlog at its peak ${fmt(peak.backlog)} signatures (t=${peak.t.toFixed(0)} s); longest wait from signing to the outbox ≈ ${oldest.toFixed(1)} s; backlog 1 s after the crowd: ${fmt(lag.at(-1)?.backlog ?? 0)}`,
    );
    void crowdEnd;

    // ------------------------------------------------------------------ the page at 1,000,000
    if (million) {
      log("");
      const t0 = Date.now();
      const [{ n: have }] = await sql<
        { n: number }[]
      >`select count(*)::int as n from signatures where petition_id = ${petitionId}`;
      const add = Math.max(0, 1_000_000 - Number(have));
      await sql`insert into signatures (petition_id, status, first_name, last_name, email, email_canonical, postal_code, city, region, verified_at, show_in_recent)
        select ${petitionId}, 'verified', 'Many', 'Signers', 'm-' || i || '@example.org', 'm-' || i || '@example.org', '77036', 'Houston', 'TX', now() - interval '1 day', true
        from generate_series(1, ${add}) as i`;
      await sql`analyze signatures`;
      await fetch(`${base}/p/${slug}/count`);
      log(
        `added ${fmt(add)} verified signatures in ${((Date.now() - t0) / 1000).toFixed(0)} s (the counter is not touched: the page reads the shards)`,
      );
      const big = await hammer("GET /p/<slug> at 1,000,000 signatures", {
        path: `/p/${slug}`,
        headers: browser,
        expect: [200],
      });
      log(
        `  page at 1,000,000 vs at ${fmt(seededRows)}: ${((big.rate / page.rate) * 100).toFixed(0)}% of the rate, p99 ${big.p99} vs ${page.p99} ms`,
      );
    }

    log("");
    log(
      "Ratios (same run): " +
        table
          .map((r) => `${r.name.split(" — ")[0]} ${(r.rate / floorRate).toFixed(3)}×floor`)
          .join("; "),
    );
    log(
      "Targets (issue): page ≥ 1,500/s p99 < 250 ms; form ≥ 2,000 signatures/s and ≥ 90 % of the lean API; thanks/confirm GET/count ≥ 1,500/s; confirm POST ≥ 1,000/s.",
    );
    if (process.env.BENCH_SERVER_LOG === "1") log(serverLog.slice(-4000));
  } catch (error) {
    log(serverLog.slice(-3000));
    throw error;
  } finally {
    await sql.end({ timeout: 2 });
    floor.kill("SIGTERM");
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    execFileSync("dropdb", [...pgArgs, "--if-exists", "--force", dbName], { stdio: "inherit" });
  }
  process.exitCode = exitCode;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

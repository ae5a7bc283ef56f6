// `npm run bench:scale` — builds a national-scale data set on Postgres and times what organizers
// open: the delivery board, the petition dashboard, the signatures table's search and counts, the
// CSV export and the board's live endpoint. Prints figures beside a floor from the same run (a
// `select 1` round trip) and the goal; never asserts timings.
//
// Scales (BENCH_SCALES, default "small,national"):
//   small    — 10,000 signatures, 10 events at 10 offices, ~220 RSVPs
//   national — 1,000,000 signatures (85 % verified, 95 cities, 30 days), 1,000 events at 200
//              offices, ~22,000 RSVPs
// Each scale gets its own database on BENCH_DATABASE_URL (default
// postgres://postgres@127.0.0.1:5432/postgres), built with generate_series and dropped afterwards.
// Preparing and measuring run in child processes, so the measuring process's RSS is its own.
// BENCH_KEEP=1 keeps the databases for a look with psql (drop them afterwards).
// BENCH_REUSE=<prefix> builds each scale once into the database <prefix>_<scale>, keeps it, and
// measures it again on later runs (migrations added since are applied when the measuring child
// opens it); drop it with dropdb when done.
import { spawn } from "node:child_process";
import os from "node:os";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { runBenchChild } from "./bench-child";

const here = fileURLToPath(import.meta.url);
const adminUrl = process.env.BENCH_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";

const SCALES = {
  small: { signatures: 10_000, offices: 10, events: 10, rsvpsPerEvent: 22 },
  national: { signatures: 1_000_000, offices: 200, events: 1_000, rsvpsPerEvent: 22 },
} as const;
type ScaleName = keyof typeof SCALES;

function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function runChild(args: string[], envs: Record<string, string>): Promise<string> {
  // The measuring child collects garbage before reading its heap; jobs are left to the worker.
  return runBenchChild(here, args, envs, {
    nodeFlags: ["--expose-gc"],
    extraEnv: { JOBS_INLINE: "false" },
  });
}

// ---------------------------------------------------------------------------------------------
// Building the data set (child process, DATABASE_URL set).

async function childPrepare(name: ScaleName) {
  const scale = SCALES[name];
  const { db, dbReady, closeDb } = await import("../db/client");
  const { sql } = await import("drizzle-orm");
  const { seedDemo } = await import("../db/seed");
  await dbReady();
  await seedDemo({ signatureCount: 0 });
  const run = (q: ReturnType<typeof sql>) => db.execute(q);
  // 95 cities in 40 states; Houston is one of them, so its office's "local" is Texas.
  await run(sql`create temporary table bench_cities as
    select row_number() over () as k, city, region, zip, zone from (values
      ('Houston','TX','770','America/Chicago'),('Dallas','TX','752','America/Chicago'),('San Antonio','TX','782','America/Chicago'),
      ('Austin','TX','787','America/Chicago'),('El Paso','TX','799','America/Denver'),('Chicago','IL','606','America/Chicago'),
      ('Aurora','IL','605','America/Chicago'),('Miami','FL','331','America/New_York'),('Orlando','FL','328','America/New_York'),
      ('Tampa','FL','336','America/New_York'),('Atlanta','GA','303','America/New_York'),('Savannah','GA','314','America/New_York'),
      ('Charlotte','NC','282','America/New_York'),('Raleigh','NC','276','America/New_York'),('Los Angeles','CA','900','America/Los_Angeles'),
      ('San Diego','CA','921','America/Los_Angeles'),('San José','CA','951','America/Los_Angeles'),('Fresno','CA','937','America/Los_Angeles'),
      ('Sacramento','CA','958','America/Los_Angeles'),('Oakland','CA','946','America/Los_Angeles'),('Phoenix','AZ','850','America/Phoenix'),
      ('Tucson','AZ','857','America/Phoenix'),('New York','NY','100','America/New_York'),('Bronx','NY','104','America/New_York'),
      ('Brooklyn','NY','112','America/New_York'),('Queens','NY','113','America/New_York'),('Denver','CO','802','America/Denver'),
      ('Albuquerque','NM','871','America/Denver'),('Santa Fe','NM','875','America/Denver'),('Las Vegas','NV','891','America/Los_Angeles'),
      ('Reno','NV','895','America/Los_Angeles'),('Salt Lake City','UT','841','America/Denver'),('Seattle','WA','981','America/Los_Angeles'),
      ('Yakima','WA','989','America/Los_Angeles'),('Portland','OR','972','America/Los_Angeles'),('Salem','OR','973','America/Los_Angeles'),
      ('Boise','ID','837','America/Boise'),('Omaha','NE','681','America/Chicago'),('Kansas City','MO','641','America/Chicago'),
      ('St. Louis','MO','631','America/Chicago'),('Minneapolis','MN','554','America/Chicago'),('Milwaukee','WI','532','America/Chicago'),
      ('Detroit','MI','482','America/Detroit'),('Grand Rapids','MI','495','America/Detroit'),('Cleveland','OH','441','America/New_York'),
      ('Columbus','OH','432','America/New_York'),('Indianapolis','IN','462','America/Indiana/Indianapolis'),('Louisville','KY','402','America/New_York'),
      ('Nashville','TN','372','America/Chicago'),('Memphis','TN','381','America/Chicago'),('Birmingham','AL','352','America/Chicago'),
      ('New Orleans','LA','701','America/Chicago'),('Baton Rouge','LA','708','America/Chicago'),('Jackson','MS','392','America/Chicago'),
      ('Little Rock','AR','722','America/Chicago'),('Oklahoma City','OK','731','America/Chicago'),('Tulsa','OK','741','America/Chicago'),
      ('Wichita','KS','672','America/Chicago'),('Des Moines','IA','503','America/Chicago'),('Philadelphia','PA','191','America/New_York'),
      ('Pittsburgh','PA','152','America/New_York'),('Newark','NJ','071','America/New_York'),('Paterson','NJ','075','America/New_York'),
      ('Boston','MA','021','America/New_York'),('Lawrence','MA','018','America/New_York'),('Providence','RI','029','America/New_York'),
      ('Hartford','CT','061','America/New_York'),('Baltimore','MD','212','America/New_York'),('Washington','DC','200','America/New_York'),
      ('Richmond','VA','232','America/New_York'),('Arlington','VA','222','America/New_York'),('Columbia','SC','292','America/New_York'),
      ('Charleston','SC','294','America/New_York'),('Jacksonville','FL','322','America/New_York'),('Hialeah','FL','330','America/New_York'),
      ('Fort Worth','TX','761','America/Chicago'),('Laredo','TX','780','America/Chicago'),('McAllen','TX','785','America/Chicago'),
      ('Brownsville','TX','785','America/Chicago'),('Corpus Christi','TX','784','America/Chicago'),('Santa Ana','CA','927','America/Los_Angeles'),
      ('Anaheim','CA','928','America/Los_Angeles'),('Riverside','CA','925','America/Los_Angeles'),('Bakersfield','CA','933','America/Los_Angeles'),
      ('Stockton','CA','952','America/Los_Angeles'),('Salinas','CA','939','America/Los_Angeles'),('Anchorage','AK','995','America/Anchorage'),
      ('Honolulu','HI','968','Pacific/Honolulu'),('San Juan','PR','009','America/Puerto_Rico'),('Cheyenne','WY','820','America/Denver'),
      ('Billings','MT','591','America/Denver'),('Fargo','ND','581','America/Chicago'),('Sioux Falls','SD','571','America/Chicago'),
      ('Burlington','VT','054','America/New_York'),('Portland (ME)','ME','041','America/New_York')
    ) as c(city, region, zip, zone)`);
  const [{ cities }] = (await db.execute(
    sql`select count(*)::int as cities from bench_cities`,
  )) as unknown as [{ cities: number }];
  // Offices beyond the demo's five, spread over the cities; each office's local area is its state.
  await run(sql`
    insert into offices (campaign_id, name, kind, city, region, postal_code, time_zone, local_regions)
    select c.id, 'Office ' || i || ' — ' || bc.city, 'other', bc.city, bc.region, bc.zip || '01', bc.zone, array[bc.region]
    from generate_series(1, ${scale.offices - 5}) as i
    join bench_cities bc on bc.k = 1 + (i - 1) % ${cities}
    cross join (select id from campaigns limit 1) as c`);
  // Events beyond the demo's: spread over the day's week, statuses mixed, all on the campaign.
  await run(sql`
    insert into delivery_events (campaign_id, petition_id, office_id, delivery_day_id, status, starts_at, ends_at, time_zone, capacity)
    select c.id, p.id, o.id, d.id,
           (array['planned','confirmed','packet_ready','delivered','acknowledged','postponed'])[1 + i % 6]::event_status,
           now() + ((i % 7) || ' days')::interval + ((i % 9) || ' hours')::interval,
           now() + ((i % 7) || ' days')::interval + ((i % 9) || ' hours')::interval + interval '1 hour',
           o.time_zone, case when i % 5 = 0 then 20 end
    from generate_series(1, ${scale.events - 5}) as i
    join (select id, time_zone, row_number() over (order by id) as k from offices) o on o.k = 1 + (i - 1) % ${scale.offices}
    cross join (select id from campaigns limit 1) as c
    cross join (select id from petitions limit 1) as p
    cross join (select id from delivery_days limit 1) as d`);
  await run(sql`
    insert into event_coordinators (event_id, user_id)
    select e.id, u.id from delivery_events e
    join users u on u.email in ('hector@handover.test', 'claire@handover.test')
    where e.id % 3 = 0 on conflict do nothing`);
  // RSVPs: ~22 an event, mostly going, some waitlisted or cancelled.
  await run(sql`
    insert into rsvps (event_id, name, email, email_canonical, status, cancel_token_hash, created_at)
    select e.id, 'Attendee ' || g, 'rsvp.' || e.id || '.' || g || '@example.org', 'rsvp.' || e.id || '.' || g || '@example.org',
           (case when g % 10 = 0 then 'waitlisted' when g % 19 = 0 then 'cancelled' else 'going' end)::rsvp_status,
           md5(e.id || ':' || g), now() - ((g % 20) || ' days')::interval
    from delivery_events e, generate_series(1, ${scale.rsvpsPerEvent}) as g`);
  // Signatures: 85 % verified, over 30 days, names with and without accents, in 95 cities.
  await run(sql`
    insert into signatures (petition_id, status, first_name, last_name, email, email_canonical, postal_code, city, region,
                            country, comment, show_publicly, print_name, keep_updated, locale, created_at, verified_at)
    select p.id,
           (case when i % 20 < 17 then 'verified' when i % 20 < 19 then 'pending' else 'expired' end)::signature_status,
           (array['María','José','Ana','Luis','Carmen','Carlos','Rosa','Miguel','Emily','James','Aisha','Linh','Maria','Jesús','Sofía','Ángel','Lucía'])[1 + i % 17],
           (array['García','Martínez','Hernández','López','González','Nguyen','Okafor','Smith','Patel','Kim','Silva','Pérez','Rodríguez','Gómez','Núñez','Garcia','Díaz','Brown','Johnson'])[1 + (i / 17) % 19],
           'bench.' || i || '@example.org', 'bench.' || i || '@example.org',
           bc.zip || lpad((i % 100)::text, 2, '0'), bc.city, bc.region, 'US',
           case when i % 9 = 0 then 'A traffic ticket should never tear a family apart.' end,
           i % 3 = 0, i % 4 <> 0, i % 2 = 0, (case when i % 3 = 0 then 'es' else 'en' end)::locale,
           now() - interval '30 days' + (i * (30 * 86400.0 / ${scale.signatures}) || ' seconds')::interval,
           case when i % 20 < 17 then now() - interval '30 days' + (i * (30 * 86400.0 / ${scale.signatures}) + 120 || ' seconds')::interval end
    from generate_series(1, ${scale.signatures}) as i
    join bench_cities bc on bc.k = 1 + (i::bigint * 7919) % ${cities}
    cross join (select id from petitions limit 1) as p`);
  // What autovacuum does after a bulk load: statistics and the visibility map (index-only scans).
  await run(sql`vacuum analyze`);
  await closeDb();
}

// ---------------------------------------------------------------------------------------------
// Measuring (child process).

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(fn: () => Promise<unknown>, runs = 3) {
  await fn(); // warm: plans, caches, formatters
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

async function childMeasure() {
  const { db, dbReady, closeDb } = await import("../db/client");
  const { sql, eq } = await import("drizzle-orm");
  const { users, petitions, campaigns } = await import("../db/schema");
  const board = await import("../app/domain/deliveries/board.server");
  const boardLive = await import("../app/domain/deliveries/board-live.server");
  const { countSignatures, listSignatures } =
    await import("../app/domain/petitions/signature-list.server");
  const { signatureStats } = await import("../app/domain/petitions/signature-stats.server");
  const { exportSignaturesCsv } = await import("../app/domain/petitions/signature-export.server");
  const { formatInZone } = await import("../app/lib/zoned-time");
  await dbReady();
  const [owner] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, "olivia@handover.test"));
  const [petition] = await db.select({ id: petitions.id }).from(petitions).limit(1);
  const [campaign] = await db.select({ id: campaigns.id }).from(campaigns).limit(1);
  const actor = { userId: owner!.id };
  const campaignId = campaign!.id;
  const petitionId = petition!.id;
  const zone = "America/Chicago";
  const results: { what: string; ms: number; goal: string; note?: string }[] = [];
  const floor = await timed(() => db.execute(sql`select 1`), 9);

  // The board as the page draws it: the query plus each row's two times (event zone, viewer zone).
  const drawBoard = async (params: string) => {
    const b = await board.getBoard({
      actor,
      campaignId,
      query: board.parseBoardQuery(new URLSearchParams(params)),
    });
    let chars = 0;
    for (const r of b.rows) {
      chars += formatInZone(r.startsAt, r.timeZone, "es").length;
      chars += formatInZone(r.startsAt, zone, "es", { weekday: undefined }).length;
    }
    return { b, chars };
  };
  const all = await drawBoard("");
  results.push({
    what: `delivery board, all ${all.b.total.toLocaleString("en-US")} events (page 1: ${all.b.rows.length} rows)`,
    ms: await timed(() => drawBoard("")),
    goal: "< 150 ms",
  });
  results.push({
    what: "board grouped by status",
    ms: await timed(() => drawBoard("group=status")),
    goal: "< 150 ms",
  });
  results.push({
    what: "board sorted by city",
    ms: await timed(() => drawBoard("sort=city")),
    goal: "< 150 ms",
  });
  results.push({
    what: "board, 2 statuses",
    ms: await timed(() => drawBoard("status=confirmed&status=delivered")),
    goal: "< 150 ms",
  });
  results.push({
    what: "petition dashboard (daily charts)",
    ms: await timed(() => signatureStats({ actor, petitionId, unit: "day", timeZone: zone })),
    goal: "< 200 ms",
  });
  results.push({
    what: "petition dashboard (hourly)",
    ms: await timed(() => signatureStats({ actor, petitionId, unit: "hour", timeZone: zone })),
    goal: "< 200 ms",
  });
  const search = { q: "maria garc" };
  const found = await listSignatures({ actor, petitionId, filter: search, timeZone: zone });
  const accentFound = found.rows.some(
    (r) => r.firstName === "María" && r.lastName.startsWith("Garc"),
  );
  results.push({
    what: `signatures table: "maria garc" (page + count)`,
    ms: await timed(() =>
      Promise.all([
        listSignatures({ actor, petitionId, filter: search, timeZone: zone }),
        countSignatures({ actor, petitionId, filter: search, timeZone: zone }),
      ]),
    ),
    goal: "< 150 ms, accent-insensitive",
    note: accentFound ? "finds María García" : "DID NOT find María García",
  });
  results.push({
    what: "filtered count: has comment",
    ms: await timed(() =>
      countSignatures({ actor, petitionId, filter: { hasComment: true }, timeZone: zone }),
    ),
    goal: "< 100 ms",
  });
  results.push({
    what: "filtered count: region TX + opted in",
    ms: await timed(() =>
      countSignatures({
        actor,
        petitionId,
        filter: { region: "TX", optedIn: true },
        timeZone: zone,
      }),
    ),
    goal: "< 100 ms",
  });
  const since = new Date(Date.now() - 2500);
  const { createHash, randomBytes } = await import("node:crypto");
  const sessionTokenHash = createHash("sha256").update(randomBytes(24)).digest("hex");
  await db.execute(
    sql`insert into sessions (id_hash, user_id, expires_at) values (${sessionTokenHash}, ${owner!.id}, now() + interval '1 day')`,
  );
  const [{ slug }] = (await db.execute(
    sql`select slug from campaigns where id = ${campaignId}`,
  )) as unknown as [{ slug: string }];
  results.push({
    what: "board live endpoint: one statement (session, membership, version, changed since T)",
    ms: await timed(
      () => boardLive.getBoardLive({ sessionTokenHash, campaignSlug: slug, since }),
      9,
    ),
    goal: "O(changes), < 5 ms",
  });
  results.push({
    what: "board live endpoint before: version + changes (separate membership checks)",
    ms: await timed(() =>
      Promise.all([
        board.getBoardVersion({ actor, campaignId }),
        boardLive.getBoardChanges({ actor, campaignId, since }),
      ]),
    ),
    goal: "",
  });

  // CSV export of every row, once: time and how far RSS rose while it ran.
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const t0 = performance.now();
  let lines = 0;
  for await (const chunk of await exportSignaturesCsv({
    actor,
    petitionId,
    filter: {},
    variant: "full",
    timeZone: zone,
  })) {
    lines += chunk.split("\n").length - 1;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const exportMs = performance.now() - t0;
  clearInterval(sampler);
  results.push({
    what: `CSV export of ${(lines - 1).toLocaleString("en-US")} rows`,
    ms: exportMs,
    goal: "< +100 MB RSS",
    note: `RSS +${((peak - rssBefore) / 1048576).toFixed(0)} MB`,
  });

  global.gc?.();
  await new Promise((r) => setTimeout(r, 1000));
  const idleRss = process.memoryUsage().rss / 1048576;
  await closeDb();
  process.stdout.write(JSON.stringify({ floor, results, idleRss }));
}

// ---------------------------------------------------------------------------------------------
// Through HTTP (BENCH_HTTP=0 skips): the production server (`node server.mjs`, build in BUILD_DIR,
// default "build" — run `npm run build` first) on the same database. Round trips from this machine,
// beside two floors from the same run: a bare Node http server answering "ok", and /healthz (a Remix
// resource route running `select 1`). Then the server's RSS after those loads, idle for 5 s.
// BENCH_SERVER_NODE_OPTIONS passes V8 flags to the server (e.g. --max-semi-space-size=4).

async function measureHttp(databaseUrl: string) {
  const http = await import("node:http");
  const crypto = await import("node:crypto");
  const fs = await import("node:fs");
  const port = Number(process.env.BENCH_PORT || 3416);
  const buildDir = process.env.BUILD_DIR || "build";
  const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const token = crypto.randomBytes(24).toString("base64url");
  const [{ slug, petition }] = await client<{ slug: string; petition: number }[]>`
    select c.slug, (select id from petitions p where p.campaign_id = c.id order by id limit 1) as petition
    from campaigns c order by c.id limit 1`;
  await client`insert into sessions (id_hash, user_id, expires_at)
    select ${crypto.createHash("sha256").update(token).digest("hex")}, id, now() + interval '1 day'
    from users where email = 'olivia@handover.test'`;
  const cookie = `handover_session=${token}`;

  const bare = http.createServer((_req, res) => res.end("ok"));
  await new Promise<void>((r) => bare.listen(0, "127.0.0.1", r));
  const barePort = (bare.address() as { port: number }).port;

  const server = spawn(
    process.execPath,
    [...(process.env.BENCH_SERVER_NODE_OPTIONS || "").split(" ").filter(Boolean), "server.mjs"],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        BUILD_DIR: buildDir,
        NODE_ENV: "production",
        JOBS_INLINE: "false",
        SEED_ON_START: "false",
        SESSION_SECRET: "bench-secret-bench-secret-bench-secret",
        APP_URL: `http://localhost:${port}`,
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (i > 300) throw new Error("server did not start");
      await new Promise((r) => setTimeout(r, 100));
    }
    const get = async (url: string) => {
      const t = performance.now();
      const res = await fetch(url, { headers: { Cookie: cookie }, redirect: "manual" });
      const body = await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
      return { ms: performance.now() - t, bytes: body.byteLength };
    };
    const med = async (url: string, runs: number) => {
      await get(url);
      const xs: number[] = [];
      for (let i = 0; i < runs; i++) xs.push((await get(url)).ms);
      return median(xs);
    };
    const bareMs = await med(`http://127.0.0.1:${barePort}/`, 50);
    const healthMs = await med(`${base}/healthz`, 50);
    const board = `${base}/dashboard/c/${slug}/deliveries`;
    const since = encodeURIComponent(new Date(Date.now() - 2500).toISOString());
    const results = [
      {
        what: "delivery board page, all events (HTML document)",
        ms: await med(board, 7),
        goal: "< 150 ms",
      },
      {
        what: "board page's data (single fetch .data)",
        ms: await med(`${board}.data`, 7),
        goal: "< 150 ms",
      },
      {
        what: "board live endpoint ?since=T (HTTP)",
        ms: await med(`${board}/live?since=${since}`, 50),
        goal: "< 5 ms",
      },
      {
        what: "board live endpoint, version only (HTTP)",
        ms: await med(`${board}/live`, 50),
        goal: "< 5 ms",
      },
    ];
    // A few more page loads an organizer makes, then idle.
    for (const path of [
      `/dashboard/c/${slug}`,
      `/dashboard/c/${slug}/petitions/${petition}`,
      `/dashboard/c/${slug}/petitions/${petition}/signatures`,
      `/dashboard/c/${slug}/deliveries?group=status`,
      `/dashboard/c/${slug}/deliveries?sort=city&page=2`,
    ])
      for (let i = 0; i < 3; i++) await get(`${base}${path}`);
    const rssOf = () => {
      const status = fs.readFileSync(`/proc/${server.pid}/status`, "utf8");
      const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024 };
    };
    const afterLoads = rssOf();
    await new Promise((r) => setTimeout(r, 5000));
    const idle = rssOf();
    return {
      bareMs,
      healthMs,
      results,
      afterLoads,
      idle,
      flags: process.env.BENCH_SERVER_NODE_OPTIONS || "",
    };
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    bare.close();
    await client`delete from sessions where id_hash = ${crypto.createHash("sha256").update(token).digest("hex")}`;
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const mode = process.argv[2];
  if (mode === "--prepare") return childPrepare(process.argv[3] as ScaleName);
  if (mode === "--measure") return childMeasure();

  const names = (process.env.BENCH_SCALES || "small,national").split(",") as ScaleName[];
  console.log(
    `Scale benchmark — Postgres, ${os.cpus().length} CPUs, Node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  console.log(
    "Times are medians of 3 after one warm-up, in-process (domain call + formatting, no HTTP).",
  );
  for (const name of names) {
    const scale = SCALES[name];
    if (!scale) throw new Error(`unknown scale ${name}`);
    const reuse = process.env.BENCH_REUSE || "";
    const db = reuse ? `${reuse}_${name}` : `handover_scale_${process.pid}_${name}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    // A reused database is ready when its build finished (marked by a comment on the database).
    const [ready] = reuse
      ? await admin`select 1 from pg_database d where d.datname = ${db}
          and shobj_description(d.oid, 'pg_database') = 'handover bench: built'`
      : [];
    if (!ready) {
      await admin.unsafe(`drop database if exists "${db}" with (force)`);
      await admin.unsafe(`create database "${db}"`);
    }
    await admin.end();
    const envs = { DATABASE_URL: withDatabase(adminUrl, db) };
    try {
      const t0 = performance.now();
      if (!ready) {
        await runChild(["--prepare", name], envs);
        const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
        await a.unsafe(`comment on database "${db}" is 'handover bench: built'`);
        await a.end();
      }
      const prepS = (performance.now() - t0) / 1000;
      const r = JSON.parse(await runChild(["--measure", name], envs)) as {
        floor: number;
        results: { what: string; ms: number; goal: string; note?: string }[];
        idleRss: number;
      };
      console.log(
        `\n## ${name}: ${scale.signatures.toLocaleString("en-US")} signatures, ${scale.events} events, ${scale.offices} offices, ${(scale.events * scale.rsvpsPerEvent).toLocaleString("en-US")} RSVPs (${prepS > 1 ? `built in ${prepS.toFixed(0)} s` : "reused"})`,
      );
      console.log(`floor: select 1 round trip ${r.floor.toFixed(2)} ms`);
      console.log("| what | measured | × floor | goal | note |\n|---|---|---|---|---|");
      for (const row of r.results)
        console.log(
          `| ${row.what} | ${row.ms.toFixed(1)} ms | ${(row.ms / r.floor).toFixed(0)}× | ${row.goal} | ${row.note ?? ""} |`,
        );
      if (process.env.BENCH_HTTP !== "0") {
        const h = await measureHttp(envs.DATABASE_URL);
        console.log(
          `| HTTP floors: bare Node http "ok" ${h.bareMs.toFixed(2)} ms; /healthz (Remix resource route + select 1) ${h.healthMs.toFixed(2)} ms | | | | |`,
        );
        for (const row of h.results)
          console.log(
            `| ${row.what} | ${row.ms.toFixed(1)} ms | ${(row.ms / h.healthMs).toFixed(1)}× /healthz | ${row.goal} | round trip on this machine |`,
          );
        console.log(
          `| idle server RSS after board/page loads (node server.mjs${h.flags ? ` ${h.flags}` : ""}) | ${h.idle.rss.toFixed(0)} MB | | < 300 MB | right after the loads ${h.afterLoads.rss.toFixed(0)} MB, peak ${h.idle.hwm.toFixed(0)} MB |`,
        );
      }
      console.log(
        `| packets (Houston incl. the rest of the country) | see npm run bench:packets | | peak < 300 MB, linear | |`,
      );
      console.log(
        `| RSS of the measuring process after all of the above (gc'd) | ${r.idleRss.toFixed(0)} MB | | < 300 MB (idle server) | |`,
      );
    } finally {
      if (process.env.BENCH_KEEP === "1" || process.env.BENCH_REUSE) {
        console.log(`(kept database ${db}: drop it with dropdb -h 127.0.0.1 -U postgres ${db})`);
        continue;
      }
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${db}" with (force)`);
      await a.end();
    }
  }
}

await main();

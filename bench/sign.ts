// npm run bench — drives the real sign endpoint of the production build on real Postgres for 30 s
// and prints durable signatures per second, p50/p99 latency, and whether the rows in the database
// equal the requests the server accepted. Prints figures; asserts nothing about speed.
//
// Env: BENCH_SECONDS (30), BENCH_CONNECTIONS (64), WEB_CONCURRENCY (2), BENCH_PG (postgres://postgres@127.0.0.1:5432),
//      JOBS_INLINE (true: the first worker also renders and "sends" the confirmation mail meanwhile).
import { execFileSync, spawn } from "node:child_process";
import os from "node:os";
import autocannon from "autocannon";
import postgres from "postgres";

const seconds = Number(process.env.BENCH_SECONDS || 30);
const connections = Number(process.env.BENCH_CONNECTIONS || 64);
const workers = Number(process.env.WEB_CONCURRENCY || 2);
const pgBase = (process.env.BENCH_PG || "postgres://postgres@127.0.0.1:5432").replace(/\/$/, "");
const port = Number(process.env.BENCH_PORT || 3390);
const buildDir = process.env.BUILD_DIR || "build-bench";
const dbName = `handover_bench_${process.pid}`;
const slug = "stop-traffic-stop-deportations";
const base = `http://127.0.0.1:${port}`;

const pgUrl = new URL(pgBase);
const pgArgs = [
  "-h",
  pgUrl.hostname,
  "-p",
  pgUrl.port || "5432",
  "-U",
  decodeURIComponent(pgUrl.username || "postgres"),
];

function log(line: string) {
  process.stdout.write(`${line}\n`);
}

async function waitFor(url: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer ${url}`);
}

async function main() {
  log(
    `Handover sign benchmark — ${os.cpus().length} CPUs, ${workers} server process(es), ${connections} connections, ${seconds} s`,
  );
  // BENCH_SKIP_BUILD=1 reuses an existing build in BUILD_DIR.
  if (process.env.BENCH_SKIP_BUILD !== "1") {
    execFileSync("npx", ["remix", "build"], {
      env: { ...process.env, BUILD_DIR: buildDir },
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  execFileSync("createdb", [...pgArgs, dbName], { stdio: "inherit" });
  const databaseUrl = `${pgBase}/${dbName}`;
  const nodeArgs = (process.env.BENCH_NODE_ARGS || "").split(" ").filter(Boolean);
  const server = spawn(process.execPath, [...nodeArgs, "server.mjs"], {
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
  server.stdout.on("data", (d) => (serverLog += d));
  server.stderr.on("data", (d) => (serverLog += d));
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await waitFor(`${base}/healthz`, 120_000);
    // A real form start token, aged past the minimum fill time, as a signer's browser would send.
    const page = await (await fetch(`${base}/p/${slug}`)).text();
    const startedAt = /name="startedAt" value="([^"]+)"/.exec(page)?.[1];
    if (!startedAt) throw new Error("no startedAt token on the petition page");
    await new Promise((r) => setTimeout(r, 2_200));
    const [{ n: rowsBefore }] = await sql<
      { n: number }[]
    >`select count(*)::int as n from signatures`;

    let seq = 0;
    // Which requests the server answered 201, by sequence number (one request in flight per connection).
    const acceptedSeqs: number[] = [];
    const run = autocannon({
      url: base,
      connections,
      duration: seconds,
      requests: [
        {
          method: "POST",
          path: `/api/sign/${slug}`,
          onResponse: (status: number, _body: string, context: any) => {
            if (status === 201) acceptedSeqs.push(context.seq);
          },
          setupRequest: (req: any, context: any) => {
            const i = seq++;
            context.seq = i;
            return {
              ...req,
              headers: {
                "content-type": "application/json",
                // Each request from its own address, as a crowd of phones would be.
                "x-forwarded-for": `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
              },
              body: JSON.stringify({
                firstName: "Bench",
                lastName: `Signer ${i}`,
                email: `bench-${process.pid}-${i}@example.org`,
                postalCode: ["77036", "60623", "33125", "30310", "28205"][i % 5],
                display: i % 3 === 0 ? "name" : "city",
                printName: i % 2 === 0,
                lang: i % 2 ? "es" : "en",
                startedAt,
              }),
            };
          },
        },
      ],
    });
    const result: any = await run;
    const stats = result.statusCodeStats as Record<string, { count: number }>;
    const accepted = Number(stats["201"]?.count ?? 0);
    const others = Object.entries(stats).filter(([code]) => code !== "201");
    // Let the in-flight batches commit before counting.
    await new Promise((r) => setTimeout(r, 1_000));
    const [{ n: rowsAfter }] = await sql<
      { n: number }[]
    >`select count(*)::int as n from signatures`;
    const [{ n: mails }] = await sql<
      { n: number }[]
    >`select count(*)::int as n from outgoing_emails where template = 'signature-confirmation'`;
    const durable = Number(rowsAfter) - Number(rowsBefore);
    // Every accepted request must have its row. Requests still in flight when the clock stopped may
    // have committed too without autocannon recording the answer: those are the only extra rows allowed.
    const emails = acceptedSeqs.map((i) => `bench-${process.pid}-${i}@example.org`);
    let found = 0;
    for (let i = 0; i < emails.length; i += 5000) {
      const [{ n }] = await sql<
        { n: number }[]
      >`select count(*)::int as n from signatures where email in ${sql(emails.slice(i, i + 5000))}`;
      found += Number(n);
    }
    const unanswered = durable - accepted;
    log("");
    log(
      `requests sent:          ${result.requests.total}  (errors/timeouts: ${result.errors}/${result.timeouts})`,
    );
    log(
      `accepted (201):         ${accepted}${others.length ? `  other statuses: ${others.map(([c, s]) => `${c}×${s.count}`).join(", ")}` : ""}`,
    );
    log(
      `durable signatures/s:   ${(accepted / seconds).toFixed(0)}  (accepted and in the database, per second)`,
    );
    log(
      `latency p50 / p99:      ${result.latency.p50} ms / ${result.latency.p99} ms  (max ${result.latency.max} ms)`,
    );
    const allThere = found === accepted && unanswered >= 0 && unanswered <= connections;
    log(
      `rows in database:       ${durable} new; ${found} of ${accepted} accepted requests have their row${unanswered > 0 ? ` (+${unanswered} committed for requests still in flight at the cut-off)` : ""} — ${allThere ? "EQUAL: every accepted signature is durable" : "MISMATCH"}`,
    );
    log(
      `confirmation mail queued meanwhile: ${mails} (job runner in worker 0: ${process.env.JOBS_INLINE ?? "true"})`,
    );
    if (process.env.SIGN_BATCH_DEBUG === "1")
      log(
        serverLog
          .split("\n")
          .filter((l) => l.startsWith("sign batches"))
          .join("\n"),
      );
    log(`target: ≥ 2,000 signatures/s with p99 < 250 ms on 2 cores`);
    if (!allThere) process.exitCode = 1;
  } catch (error) {
    log(serverLog.slice(-2000));
    throw error;
  } finally {
    await sql.end({ timeout: 2 });
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    execFileSync("dropdb", [...pgArgs, "--if-exists", "--force", dbName], { stdio: "inherit" });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

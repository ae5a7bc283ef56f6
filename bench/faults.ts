// npm run bench:faults — Handover on more than one machine, with the plug pulled.
//
// Starts, on this machine, what would be separate hosts: a throwaway PostgreSQL cluster, PgBouncer
// in transaction pooling in front of it, a real SMTP server, two web nodes (`node server.mjs`, no
// shared memory) and two workers (`node worker.mjs`). A crowd signs the petition (page views, the
// page's form and the JSON endpoint, spread over both nodes), people RSVP and click confirmation
// links, an organizer builds a packet and moves a delivery's status. Meanwhile, one after another:
//   (a) PostgreSQL is stopped and started again (a few seconds away),
//   (b) a web node is killed with SIGKILL and started again,
//   (c) a worker is killed with SIGKILL mid packet build, and another mid mail batch,
//   (d) the SMTP server refuses with 451, then is down, then comes back,
//   (e) both web nodes are restarted one after the other with SIGTERM (a rolling restart).
// Afterwards it checks and prints: every request answered "signed" has its row (0 lost), no row
// twice, every email received by the SMTP server exactly once per outbox row, the killed packet job
// finished after its lease ran out, the count shown equals verified rows, and how many requests
// failed during each fault, for how long and with what answer. Exit code 1 if a check fails.
//
// Env: FAULTS_SECONDS (60; FAULTS_SHORT=1 → 30, the CI version), FAULTS_CONCURRENCY (10),
// FAULTS_PORT_BASE (3610: postgres, +1 pgbouncer, +2 smtp, +3/+4 web nodes), BUILD_DIR (build),
// FAULTS_SKIP_BUILD=1, FAULTS_JSON=<file> (results as JSON), FAULTS_KEEP=1 (keep the temp dir),
// PG_BIN (/usr/lib/postgresql/15/bin), PGBOUNCER_BIN (/usr/sbin/pgbouncer).
// Run as root, PostgreSQL and PgBouncer are started as the `postgres` OS user (runuser).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { SMTPServer } from "smtp-server";

const short = process.env.FAULTS_SHORT === "1";
const seconds = Number(process.env.FAULTS_SECONDS || (short ? 30 : 60));
const k = seconds / 60; // fault schedule scales with the run
const vus = Number(process.env.FAULTS_CONCURRENCY || (short ? 6 : 10));
const portBase = Number(process.env.FAULTS_PORT_BASE || 3610);
const ports = {
  pg: portBase,
  bouncer: portBase + 1,
  smtp: portBase + 2,
  web: [portBase + 3, portBase + 4],
};
const buildDir = process.env.BUILD_DIR || "build";
const pgBin = process.env.PG_BIN || "/usr/lib/postgresql/15/bin";
const pgbouncerBin = process.env.PGBOUNCER_BIN || "/usr/sbin/pgbouncer";
const leaseSeconds = short ? 6 : 10;
const packetRows = Number(process.env.FAULTS_PACKET_ROWS || (short ? 12_000 : 40_000));
const slug = "stop-traffic-stop-deportations";
const asRoot = process.getuid?.() === 0;
const t0 = Date.now();
const now = () => Date.now() - t0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => process.stdout.write(`${line}\n`);
const stamp = (ms = now()) => `${(ms / 1000).toFixed(1).padStart(5)} s`;

// ---------------------------------------------------------------- helpers for OS processes

/** Runs a command as the postgres OS user when we are root (initdb and PgBouncer refuse root). */
function pgUserCmd(cmd: string, args: string[]): [string, string[]] {
  return asRoot ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
}
function runPg(cmd: string, args: string[]) {
  const [c, a] = pgUserCmd(cmd, args);
  return execFileSync(c, a, { stdio: ["ignore", "pipe", "pipe"] }).toString();
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "handover-faults-"));
if (asRoot) execFileSync("chown", ["postgres:postgres", tmp]);
const dataDir = path.join(tmp, "data");

function writeAsPg(file: string, text: string) {
  fs.writeFileSync(file, text);
  if (asRoot) execFileSync("chown", ["postgres:postgres", file]);
}

const pg = {
  init() {
    runPg(`${pgBin}/initdb`, [
      "-D",
      dataDir,
      "-U",
      "postgres",
      "-A",
      "trust",
      "-E",
      "UTF8",
      "--locale=C",
      "--no-sync",
    ]);
    fs.appendFileSync(
      path.join(dataDir, "postgresql.conf"),
      [
        `port = ${ports.pg}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${tmp}'`,
        `max_connections = 100`,
        `shared_buffers = 64MB`,
        `wal_level = replica`,
        `max_wal_senders = 4`,
        ``,
      ].join("\n"),
    );
  },
  start() {
    runPg(`${pgBin}/pg_ctl`, [
      "-D",
      dataDir,
      "-l",
      path.join(tmp, "postgres.log"),
      "-w",
      "-t",
      "60",
      "start",
    ]);
  },
  stop(mode = "fast") {
    runPg(`${pgBin}/pg_ctl`, ["-D", dataDir, "-m", mode, "-w", "-t", "60", "stop"]);
  },
};

let bouncer: ChildProcess | undefined;
function startBouncer() {
  writeAsPg(path.join(tmp, "userlist.txt"), `"postgres" ""\n`);
  const ini = path.join(tmp, "pgbouncer.ini");
  writeAsPg(
    ini,
    [
      "[databases]",
      `handover = host=127.0.0.1 port=${ports.pg} dbname=handover user=postgres`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${ports.bouncer}`,
      "unix_socket_dir =",
      "auth_type = trust",
      `auth_file = ${path.join(tmp, "userlist.txt")}`,
      "pool_mode = transaction",
      "max_client_conn = 400",
      "default_pool_size = 20",
      // Postgres back after a restart: try again within a second, not after the default 15 s.
      "server_login_retry = 1",
      "server_connect_timeout = 3",
      // A client waiting for a server connection while Postgres is away gets an error after 5 s
      // (the default is 120 s), so requests fail fast with 503 instead of hanging.
      "query_wait_timeout = 5",
      "ignore_startup_parameters = extra_float_digits",
      `logfile = ${path.join(tmp, "pgbouncer.log")}`,
      `pidfile = ${path.join(tmp, "pgbouncer.pid")}`,
      "",
    ].join("\n"),
  );
  const [c, a] = pgUserCmd(pgbouncerBin, [ini]);
  bouncer = spawn(c, a, { stdio: "ignore" });
}
function stopBouncer() {
  try {
    const pid = Number(fs.readFileSync(path.join(tmp, "pgbouncer.pid"), "utf8"));
    if (pid) process.kill(pid, "SIGTERM");
  } catch {
    bouncer?.kill("SIGTERM");
  }
}

// ---------------------------------------------------------------- the SMTP server

type Received = {
  to: string;
  template: string;
  messageId: string;
  token: string | null;
  t: number;
};

/** Decodes the text of a raw MIME message well enough to find headers and the confirm link. */
function mailText(raw: string) {
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  return parts
    .map((part) => {
      const [head = "", ...rest] = part.split(/\r?\n\r?\n/);
      const body = rest.join("\n\n");
      if (/content-transfer-encoding:\s*base64/i.test(head))
        return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
      if (/content-transfer-encoding:\s*quoted-printable/i.test(head))
        return body
          .replace(/=\r?\n/g, "")
          .replace(/=([0-9A-F]{2})/gi, (_m, h) => String.fromCharCode(parseInt(h, 16)));
      return body;
    })
    .join("\n");
}

const mailbox = {
  mode: "ok" as "ok" | "tempfail" | "down",
  received: [] as Received[],
  refused: 0,
  server: undefined as SMTPServer | undefined,
  start() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onRcptTo: (_address, _session, callback) => {
        if (this.mode === "tempfail") {
          this.refused++;
          return callback(Object.assign(new Error("Try again later"), { responseCode: 451 }));
        }
        // A mail server takes a moment per message (here before DATA, so a worker killed meanwhile
        // has sent nothing): widens the window in which a worker dies holding a batch.
        setTimeout(() => callback(), 15);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n\s+/g, " ");
          const header = (name: string) =>
            new RegExp(`^${name}:\\s*(.*)$`, "im").exec(head)?.[1]?.trim() ?? "";
          const template = header("X-Handover-Template");
          this.received.push({
            to: session.envelope.rcptTo.map((r) => r.address).join(","),
            template,
            messageId: header("Message-ID"),
            token:
              template === "signature-confirmation"
                ? (/\/confirm\/([A-Za-z0-9_-]{20,64})/.exec(mailText(raw))?.[1] ?? null)
                : null,
            t: now(),
          });
          callback();
        });
      },
    });
    return new Promise<void>((resolve) => this.server!.listen(ports.smtp, "127.0.0.1", resolve));
  },
  stop() {
    const server = this.server;
    this.server = undefined;
    return new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  },
};

// ---------------------------------------------------------------- the app's processes

const smtpUrl = `smtp://127.0.0.1:${ports.smtp}`;
const directUrl = `postgres://postgres@127.0.0.1:${ports.pg}/handover`;
const bouncerUrl = `postgres://postgres@127.0.0.1:${ports.bouncer}/handover`;
const appEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  BUILD_DIR: buildDir,
  DATABASE_URL: bouncerUrl,
  DATABASE_POOL_MODE: "transaction",
  DATABASE_REPLICA_URL: "",
  PGLITE_DIR: "",
  DB_POOL_SIZE: "8",
  SEED_ON_START: "false",
  SMTP_URL: smtpUrl,
  SESSION_SECRET: "faults-secret-faults-secret-faults-secret",
  APP_URL: `http://127.0.0.1:${ports.web[0]}`,
  TRUST_PROXY: "1",
  WEB_CONCURRENCY: "1",
  SIGN_MIN_FILL_MS: "0",
  SHUTDOWN_GRACE_MS: "1500",
  JOB_LEASE_SECONDS: String(leaseSeconds),
  MAIL_LEASE_SECONDS: String(leaseSeconds),
  MAIL_RETRY_BASE_SECONDS: "2",
};

type Node = {
  name: string;
  kind: "web" | "worker";
  port?: number;
  child?: ChildProcess;
  logTail: string[];
  exits: { code: number | null; signal: string | null; t: number }[];
  /** Set before the run kills or stops it on purpose. */
  stopping?: boolean;
};
const unexpectedExits: string[] = [];
const nodes: Node[] = [
  { name: "web-1", kind: "web", port: ports.web[0], logTail: [], exits: [] },
  { name: "web-2", kind: "web", port: ports.web[1], logTail: [], exits: [] },
  { name: "worker-1", kind: "worker", logTail: [], exits: [] },
  { name: "worker-2", kind: "worker", logTail: [], exits: [] },
];
const webs = nodes.filter((n) => n.kind === "web");
const workers = nodes.filter((n) => n.kind === "worker");

function startNode(n: Node) {
  const child = spawn(process.execPath, [n.kind === "web" ? "server.mjs" : "worker.mjs"], {
    env: { ...appEnv, ...(n.port ? { PORT: String(n.port), JOBS_INLINE: "false" } : {}) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (d: Buffer) => {
    // "database unavailable" lines are expected during the outage; keep the rest.
    n.logTail.push(
      ...d
        .toString()
        .split("\n")
        .filter((l) => l && !l.startsWith("database unavailable")),
    );
    if (n.logTail.length > 400) n.logTail.splice(0, n.logTail.length - 400);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  child.once("exit", (code, signal) => {
    n.exits.push({ code, signal, t: now() });
    if (!n.stopping && !stopping)
      unexpectedExits.push(
        `${n.name} exited by itself (code ${code}, ${signal ?? "no signal"}) at ${stamp()}`,
      );
    n.stopping = false;
  });
  n.child = child;
  return child;
}
function exited(n: Node) {
  const child = n.child!;
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => child.once("exit", () => r()));
}

async function healthy(port: number, timeoutMs = 180_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`, {
        signal: AbortSignal.timeout(2_000),
      });
      if (res.ok) return true;
    } catch {
      // not up yet
    }
    await sleep(150);
  }
  throw new Error(`node on port ${port} did not become healthy`);
}

// ---------------------------------------------------------------- traffic

type Kind = "page" | "sign-form" | "sign-api" | "rsvp" | "confirm" | "organizer";
type Outcome = {
  t: number;
  kind: Kind;
  status: number; // 0 = no HTTP answer
  error?: string; // refused | reset | timeout
  retryAfter: boolean;
  rerouted: boolean;
  ms: number;
  path: string;
  detail?: string;
  signed?: boolean;
  email?: string;
};
const outcomes: Outcome[] = [];
let rr = 0;

/**
 * One request as a load balancer in front of the two nodes would send it: round robin, and a
 * connection refused (nothing was sent) goes to the other node. Anything else is the answer.
 */
async function send(kind: Kind, pathname: string, init: RequestInit & { email?: string } = {}) {
  const first = rr++ % webs.length;
  const t = now();
  let rerouted = false;
  for (let attempt = 0; attempt < webs.length; attempt++) {
    const port = webs[(first + attempt) % webs.length]!.port!;
    try {
      const res = await fetch(`http://127.0.0.1:${port}${pathname}`, {
        redirect: "manual",
        ...init,
        signal: AbortSignal.timeout(30_000),
      });
      const body = await res.text();
      const o: Outcome = {
        t,
        kind,
        status: res.status,
        retryAfter: res.headers.has("retry-after"),
        rerouted,
        ms: now() - t,
        path: pathname,
        detail: res.status >= 500 ? body.slice(0, 120) : undefined,
        email: init.email,
      };
      outcomes.push(o);
      return { res, body, o };
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      if (code === "ECONNREFUSED" && attempt + 1 < webs.length) {
        rerouted = true;
        continue;
      }
      const o: Outcome = {
        t,
        kind,
        status: 0,
        error: code === "ECONNREFUSED" ? "refused" : code === "TimeoutError" ? "timeout" : "reset",
        retryAfter: false,
        rerouted,
        ms: now() - t,
        path: pathname,
        detail:
          `${code} ${(error as { cause?: Error }).cause?.message ?? (error as Error).message}`.slice(
            0,
            120,
          ),
        email: init.email,
      };
      outcomes.push(o);
      return { res: null, body: "", o };
    }
  }
  throw new Error("unreachable");
}

const xff = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
let seq = 0;
let stopping = false;
const signedEmails = new Set<string>();

async function signer() {
  while (!stopping) {
    // Each pass is a new person: the page, the form's start token (never in the shared page, ADR
    // 012), a few seconds to fill the form in, then the post.
    const i = seq++;
    const headers = { "x-forwarded-for": xff(i) };
    const page = await send("page", `/p/${slug}?lang=${i % 2 ? "es" : "en"}`, { headers });
    const start = await send("page", `/p/${slug}/start`, { headers });
    const startedAt = /"startedAt":"([^"]+)"/.exec(start.body)?.[1];
    if (!page.res?.ok || !startedAt) {
      await sleep(200);
      continue;
    }
    const startCookie = `hov_start=${startedAt}`;
    await sleep(2_200);
    const email = `crowd-${i}@example.org`;
    const fields = {
      firstName: "Crowd",
      lastName: `Signer ${i}`,
      email,
      postalCode: ["77036", "60623", "33125", "30310", "28205"][i % 5]!,
      display: i % 3 === 0 ? "name" : "city",
      lang: i % 2 ? "es" : "en",
      startedAt,
    };
    if (i % 2 === 0) {
      const r = await send("sign-form", `/p/${slug}?index`, {
        method: "POST",
        headers: {
          ...headers,
          cookie: startCookie,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams(fields).toString(),
        email,
      });
      const location = r.res?.headers.get("location") ?? "";
      r.o.signed =
        r.res !== null && r.res.status >= 300 && r.res.status < 400 && location.includes("/thanks");
    } else {
      const r = await send("sign-api", `/api/sign/${slug}`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify(fields),
        email,
      });
      r.o.signed = r.res?.status === 201 && /"status":"signed"/.test(r.body);
    }
    const last = outcomes.at(-1)!;
    if (last.signed) signedEmails.add(email);
  }
}

let eventId = 0;
let campaignSlug = "";
async function rsvper() {
  let i = 0;
  while (!stopping) {
    const email = `rsvp-${i}@example.org`;
    const r = await send("rsvp", `/events/${eventId}?lang=en`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-forwarded-for": xff(900_000 + i),
      },
      body: new URLSearchParams({ name: `Rsvp ${i}`, email, role: "attend" }).toString(),
      email,
    });
    r.o.signed =
      r.res !== null &&
      r.res.status >= 300 &&
      r.res.status < 400 &&
      /rsvp=/.test(r.res.headers.get("location") ?? "");
    i++;
    await sleep(400);
  }
}

// Signers open their confirmation email and press the button, for every other message.
const confirmedTokens = new Set<string>();
async function confirmer() {
  let cursor = 0;
  while (!stopping) {
    const mail = mailbox.received
      .slice(cursor)
      .find((m) => m.token && !confirmedTokens.has(m.token));
    cursor = Math.max(cursor, mailbox.received.length - 50);
    if (!mail?.token) {
      await sleep(200);
      continue;
    }
    confirmedTokens.add(mail.token);
    if (confirmedTokens.size % 2 === 0) continue;
    await send("confirm", `/confirm/${mail.token}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "lang=en",
    });
  }
}

let cookie = "";
async function organizer(pathname: string, form: Record<string, string>) {
  return send("organizer", pathname, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams(form).toString(),
  });
}

// ---------------------------------------------------------------- faults

type Fault = { name: string; start: number; end: number; notes: string[] };
const faults: Fault[] = [];
let monitor: postgres.Sql;

/** A monitoring query that may fail while Postgres is away: no rows then. */
async function q<T>(fn: () => Promise<readonly T[]>): Promise<T[]> {
  try {
    return [...(await fn())];
  } catch {
    return [];
  }
}

async function faultPostgres() {
  const f: Fault = { name: "(a) PostgreSQL stopped and started", start: now(), end: 0, notes: [] };
  faults.push(f);
  const seen = new Map<number, number>();
  let watching = true;
  const watch = (async () => {
    while (watching) {
      try {
        const res = await fetch(`http://127.0.0.1:${webs[0]!.port}/healthz`, {
          signal: AbortSignal.timeout(6_000),
        });
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
      } catch {
        seen.set(0, (seen.get(0) ?? 0) + 1);
      }
      await sleep(250);
    }
  })();
  pg.stop("fast");
  const down = now();
  await sleep(3_000);
  pg.start();
  const up = now();
  await Promise.all(webs.map((w) => healthy(w.port!)));
  watching = false;
  await watch;
  f.end = now();
  f.notes.push(
    `postgres down ${((up - down) / 1000).toFixed(1)} s; nodes healthy again ${((f.end - up) / 1000).toFixed(1)} s after it was back, with no restart`,
    `/healthz of web-1 meanwhile: ${[...seen].map(([s, n]) => `${s || "no answer"}×${n}`).join(", ")}`,
  );
  healthzDuringOutage = [...seen.keys()];
}
let healthzDuringOutage: number[] = [];

async function faultWebKill() {
  const w = webs[1]!;
  const f: Fault = {
    name: "(b) web-2 killed (SIGKILL) and started again",
    start: now(),
    end: 0,
    notes: [],
  };
  faults.push(f);
  w.stopping = true;
  w.child!.kill("SIGKILL");
  await exited(w);
  await sleep(1_500);
  startNode(w);
  await healthy(w.port!);
  f.end = now();
}

const packetKill = { killedAt: 0, worker: "", jobId: 0, reclaimedAt: 0 };
async function faultWorkerKillPacket() {
  const f: Fault = {
    name: "(c1) worker killed (SIGKILL) mid packet build",
    start: now(),
    end: 0,
    notes: [],
  };
  faults.push(f);
  const r = await organizer(`/dashboard/c/${campaignSlug}/deliveries/events/${eventId}/packet`, {
    language: "en",
    others: "all",
    volumeSize: "1000",
    paperSize: "letter",
  });
  f.notes.push(`packet requested: HTTP ${r.o.status}`);
  const until = Date.now() + 150_000;
  while (Date.now() < until) {
    const [job] = await q(
      () => monitor<{ id: number; locked_by: string; progress: number }[]>`
        select id, locked_by, progress from jobs where kind = 'packet.build' and status = 'running'`,
    );
    const holder = job && workers.find((w) => job.locked_by?.endsWith(`:${w.child?.pid}`));
    if (job && holder) {
      // Let it get into the build (progress past 0), up to 3 s.
      for (let i = 0; i < 30; i++) {
        const [p] = await q(
          () => monitor<{ progress: number }[]>`select progress from jobs where id = ${job.id}`,
        );
        if ((p?.progress ?? 0) > 0) break;
        await sleep(100);
      }
      const [p] = await q(
        () => monitor<{ progress: number }[]>`select progress from jobs where id = ${job.id}`,
      );
      job.progress = p?.progress ?? job.progress;
      holder.stopping = true;
      holder.child!.kill("SIGKILL");
      Object.assign(packetKill, { killedAt: now(), worker: holder.name, jobId: job.id });
      f.notes.push(
        `${holder.name} killed while building packet job #${job.id} (progress ${job.progress}%)`,
      );
      await exited(holder);
      startNode(holder);
      // Watch for the other worker claiming it again once the lease has run out.
      const killedBy = job.locked_by;
      void (async () => {
        while (!packetKill.reclaimedAt && !stopping) {
          const [r] = await q(
            () => monitor<{ locked_by: string | null; status: string }[]>`
              select locked_by, status from jobs where id = ${job.id}`,
          );
          if (r && (r.locked_by !== killedBy || r.status !== "running"))
            packetKill.reclaimedAt = now();
          else await sleep(200);
        }
      })();
      break;
    }
    await sleep(50);
  }
  f.end = now();
}

const mailKill = { ids: [] as number[], worker: "" };
async function faultWorkerKillMail() {
  const f: Fault = {
    name: "(c2) worker killed (SIGKILL) mid mail batch",
    start: now(),
    end: 0,
    notes: [],
  };
  faults.push(f);
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const held = await q(
      () => monitor<{ id: number; locked_by: string }[]>`
        select id, locked_by from outgoing_emails where status = 'sending'`,
    );
    const holder = workers.find((w) => held.some((h) => h.locked_by?.endsWith(`:${w.child?.pid}`)));
    if (holder) {
      holder.stopping = true;
      holder.child!.kill("SIGKILL");
      mailKill.worker = holder.name;
      mailKill.ids = held
        .filter((h) => h.locked_by.endsWith(`:${holder.child!.pid}`))
        .map((h) => h.id);
      f.notes.push(`${holder.name} killed holding ${mailKill.ids.length} message(s) in "sending"`);
      await exited(holder);
      startNode(holder);
      break;
    }
    await sleep(20);
  }
  f.end = now();
}

async function faultSmtp(refuseMs: number, downMs: number) {
  const f: Fault = {
    name: "(d) SMTP refusing (451), then down, then back",
    start: now(),
    end: 0,
    notes: [],
  };
  faults.push(f);
  mailbox.mode = "tempfail";
  await sleep(refuseMs);
  mailbox.mode = "down";
  await mailbox.stop();
  await sleep(downMs);
  mailbox.mode = "ok";
  await mailbox.start();
  f.end = now();
  f.notes.push(
    `451 for ${(refuseMs / 1000).toFixed(0)} s (${mailbox.refused} refused), down ${(downMs / 1000).toFixed(0)} s`,
  );
}

async function faultRollingRestart() {
  const f: Fault = {
    name: "(e) rolling restart of both web nodes (SIGTERM)",
    start: now(),
    end: 0,
    notes: [],
  };
  faults.push(f);
  for (const w of webs) {
    const t = now();
    w.stopping = true;
    w.child!.kill("SIGTERM");
    await exited(w);
    const exit = w.exits.at(-1)!;
    f.notes.push(
      `${w.name} drained and exited (code ${exit.code}) in ${((exit.t - t) / 1000).toFixed(1)} s`,
    );
    startNode(w);
    await healthy(w.port!);
  }
  f.end = now();
}

// ---------------------------------------------------------------- checks

async function drain(timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const [r] = await monitor<{ mail: number; jobs: number }[]>`
      select (select count(*)::int from outgoing_emails where status in ('pending', 'sending')) as mail,
             (select count(*)::int from jobs where status = 'running'
                or (status = 'queued' and run_at <= now())) as jobs`;
    if (r!.mail === 0 && r!.jobs === 0) return true;
    await sleep(500);
  }
  return false;
}

type Check = { name: string; ok: boolean; detail: string };

async function main() {
  log(
    `Handover fault run — ${os.cpus().length} CPUs, 2 web nodes + 2 workers behind PgBouncer (transaction pooling), ${vus} signers, ${seconds} s, leases ${leaseSeconds} s`,
  );
  if (process.env.FAULTS_SKIP_BUILD !== "1")
    execFileSync(process.execPath, ["build.mjs"], {
      env: { ...process.env, BUILD_DIR: buildDir },
      stdio: ["ignore", "ignore", "inherit"],
    });

  pg.init();
  pg.start();
  const admin = postgres(`postgres://postgres@127.0.0.1:${ports.pg}/postgres`, {
    max: 1,
    onnotice: () => {},
  });
  await admin`create database handover`;
  await admin.end();
  startBouncer();
  await mailbox.start();

  // Migrate and seed straight on the primary (a deploy step), then make the packet big enough to
  // take a few seconds, so a worker can be killed in the middle of it.
  execFileSync(path.resolve("node_modules/.bin/tsx"), ["db/seed-cli.ts"], {
    env: { ...appEnv, DATABASE_URL: directUrl, DATABASE_POOL_MODE: "" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  monitor = postgres(directUrl, { max: 2, onnotice: () => {}, connect_timeout: 2 });
  const [p] = await monitor<{ id: number }[]>`select id from petitions where slug = ${slug}`;
  await monitor`
    insert into signatures (petition_id, first_name, last_name, email, email_canonical, postal_code, city, region,
      country, status, verified_at, print_name, show_publicly)
    select ${p!.id}, 'Paket', 'Firmante ' || g, 'packet-' || g || '@example.org', 'packet-' || g || '@example.org',
      '77036', 'Houston', 'TX', 'US', 'verified', now() - interval '1 day', true, true
    from generate_series(1, ${packetRows}::int) g`;
  await monitor`delete from petition_counts where petition_id = ${p!.id}`;
  await monitor`insert into petition_counts (petition_id, shard, verified)
    select ${p!.id}, 0, count(*) from signatures where petition_id = ${p!.id} and status = 'verified'`;
  const [ev] = await monitor<{ id: number; slug: string }[]>`
    select e.id, c.slug from delivery_events e join petitions p on p.id = e.petition_id
      join campaigns c on c.id = e.campaign_id join offices o on o.id = e.office_id
    where p.slug = ${slug} and o.city = 'Houston' and e.status = 'planned' limit 1`;
  if (!ev) throw new Error("no planned Houston delivery in the demo data");
  eventId = ev.id;
  campaignSlug = ev.slug;

  log(
    `${stamp()}  Postgres, PgBouncer, SMTP up; migrated, seeded, ${packetRows} packet rows added`,
  );
  nodes.forEach(startNode);
  await Promise.all(webs.map((w) => healthy(w.port!, 120_000)));
  await sleep(500);

  // The organizer logs in once (a real session on the shared database: valid on both nodes).
  const login = await send("organizer", "/login", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      email: "olivia@handover.test",
      password: "handover-demo-2026",
    }).toString(),
  });
  cookie = (login.res?.headers.getSetCookie() ?? []).map((c) => c.split(";")[0]).join("; ");
  if (!cookie) throw new Error(`organizer login failed (HTTP ${login.o.status})`);

  log(`${stamp()}  load starts: ${vus} signers, 1 RSVP stream, confirmation clicks`);
  const loadStart = now();
  const load = [...Array.from({ length: vus }, () => signer()), rsvper(), confirmer()];
  const at = (s: number) => sleep(Math.max(0, loadStart + s * 1000 * k - now()));
  const schedule = (async () => {
    await at(4);
    log(`${stamp()}  (a) stopping PostgreSQL`);
    await faultPostgres();
    await at(14);
    log(`${stamp()}  (b) SIGKILL web-2`);
    await faultWebKill();
    await at(20);
    log(`${stamp()}  (c1) packet build requested; SIGKILL its worker once it runs`);
    await faultWorkerKillPacket();
    log(`${stamp()}  (c2) SIGKILL a worker holding a mail batch`);
    await faultWorkerKillMail();
    log(`${stamp()}  delivery status change planned → confirmed`);
    const move = await organizer(
      `/dashboard/c/${campaignSlug}/deliveries/events/${eventId}?index`,
      {
        intent: "move",
        to: "confirmed",
      },
    );
    statusChange = move.o.status;
    await at(30);
    log(`${stamp()}  (d) SMTP refuses with 451`);
    const smtpFault = faultSmtp(20_000 * k, 8_000 * k);
    await at(36);
    log(`${stamp()}  (e) rolling restart (SIGTERM) of web-1 then web-2`);
    await faultRollingRestart();
    await smtpFault;
    log(`${stamp()}  SMTP back`);
  })();
  await at(60);
  await schedule;
  stopping = true;
  await Promise.all(load);
  const loadEnd = now();
  log(`${stamp()}  load stopped; waiting for the outbox and jobs to drain`);
  const drained = await drain(short ? 90_000 : 180_000);
  await sleep(1_500); // the count endpoint caches for a second

  // ------------------------------------------------------------ verify
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });

  const rowsByEmail = new Set(
    (
      await monitor<{ email: string }[]>`select email from signatures where email like 'crowd-%'`
    ).map((r) => r.email),
  );
  const lost = [...signedEmails].filter((e) => !rowsByEmail.has(e));
  check(
    "0 lost signatures",
    lost.length === 0,
    `${signedEmails.size} answered "signed", ${lost.length} without a row; ${rowsByEmail.size} crowd rows in the database (extra rows = requests cut off after their commit)`,
  );

  const [dups] = await monitor<{ s: number; r: number; e: number; c: number }[]>`
    select (select count(*)::int from (select 1 from signatures group by petition_id, email_canonical having count(*) > 1) x) as s,
           (select count(*)::int from (select 1 from rsvps group by event_id, email_canonical having count(*) > 1) x) as r,
           (select count(*)::int from (select 1 from outgoing_emails group by dedupe_key having count(*) > 1) x) as e,
           (select count(*)::int from (select 1 from outgoing_emails where template = 'signature-confirmation'
              group by to_address having count(*) > 1) x) as c`;
  check(
    "no row twice",
    dups!.s + dups!.r + dups!.e + dups!.c === 0,
    `duplicate signatures ${dups!.s}, RSVPs ${dups!.r}, outbox keys ${dups!.e}, confirmation emails per signer ${dups!.c}`,
  );

  const rsvpOk = outcomes.filter((o) => o.kind === "rsvp" && o.signed).map((o) => o.email!);
  const rsvpRows = new Set(
    (await monitor<{ email: string }[]>`select email from rsvps where email like 'rsvp-%'`).map(
      (r) => r.email,
    ),
  );
  const rsvpLost = rsvpOk.filter((e) => !rsvpRows.has(e));
  check(
    "0 lost RSVPs",
    rsvpLost.length === 0,
    `${rsvpOk.length} RSVPs answered as taken, ${rsvpLost.length} without a row`,
  );

  // Exactly once: per (recipient, template), what the SMTP server received equals the outbox's sent rows.
  const outbox = await monitor<
    {
      to_address: string;
      template: string;
      status: string;
      message_id: string | null;
      id: number;
    }[]
  >`
    select id, to_address, template, status, message_id from outgoing_emails`;
  const key = (to: string, template: string) => `${to.toLowerCase()}|${template}`;
  // Each outbox row is sent with one Message-ID on every attempt. A worker SIGKILLed after the SMTP
  // server's 250 and before its "sent" write leaves the row to be sent again, under the same
  // Message-ID, which a mailbox shows once (ADR 017): such repeats are counted and printed apart.
  const receivedBy = new Map<string, number>();
  const seenIds = new Set<string>();
  let repeats = 0;
  for (const m of mailbox.received) {
    if (m.messageId && seenIds.has(m.messageId)) {
      repeats++;
      continue;
    }
    if (m.messageId) seenIds.add(m.messageId);
    receivedBy.set(key(m.to, m.template), (receivedBy.get(key(m.to, m.template)) ?? 0) + 1);
  }
  const sentBy = new Map<string, number>();
  for (const r of outbox)
    if (r.status === "sent")
      sentBy.set(
        key(r.to_address, r.template),
        (sentBy.get(key(r.to_address, r.template)) ?? 0) + 1,
      );
  let twice = 0;
  let missing = 0;
  for (const [kk, n] of sentBy) {
    const got = receivedBy.get(kk) ?? 0;
    if (got > n) twice += got - n;
    if (got < n) missing += n - got;
  }
  const strays = [...receivedBy.keys()].filter((kk) => !sentBy.has(kk)).length;
  const unsent = outbox.filter((r) => r.status !== "sent");
  const confirmationsDue = [...signedEmails].filter(
    (e) => !outbox.some((r) => r.template === "signature-confirmation" && r.to_address === e),
  );
  check(
    "every email received exactly once (per Message-ID)",
    twice === 0 &&
      missing === 0 &&
      strays === 0 &&
      unsent.length === 0 &&
      confirmationsDue.length === 0,
    `${outbox.length} outbox rows, ${mailbox.received.length} received (${repeats} a repeat of a Message-ID already received: a worker killed between SMTP's 250 and its write); sent twice ${twice}, sent-but-not-received ${missing}, received-but-not-in-outbox ${strays}, not sent ${unsent.length} (${[...new Set(unsent.map((u) => u.status))].join(",") || "—"}), signed without a confirmation queued ${confirmationsDue.length}`,
  );

  const [job] = packetKill.jobId
    ? await monitor<
        { status: string; attempts: number; finished_at: Date | null; locked_by: string | null }[]
      >`
        select status, attempts, finished_at, locked_by from jobs where id = ${packetKill.jobId}`
    : [];
  const finishedAfter = job?.finished_at
    ? (job.finished_at.getTime() - t0 - packetKill.killedAt) / 1000
    : NaN;
  check(
    "the killed packet job finished after its lease ran out",
    !!job && job.status === "done" && job.attempts >= 2 && finishedAfter >= leaseSeconds - 1,
    job
      ? `job #${packetKill.jobId} killed on ${packetKill.worker}: now ${job.status} after ${job.attempts} attempts, claimed again ${packetKill.reclaimedAt ? ((packetKill.reclaimedAt - packetKill.killedAt) / 1000).toFixed(1) : "?"} s and finished ${finishedAfter.toFixed(1)} s after the kill (lease ${leaseSeconds} s)`
      : "no packet job was caught running",
  );
  const [stuck] = await monitor<
    { n: number }[]
  >`select count(*)::int as n from jobs where status = 'running'`;
  check(
    "no job left running",
    stuck!.n === 0 && drained,
    `${stuck!.n} running; outbox and due jobs drained: ${drained}`,
  );
  const mailKillRows = mailKill.ids.length
    ? await monitor<
        { status: string }[]
      >`select status from outgoing_emails where id in ${monitor(mailKill.ids)}`
    : [];
  if (mailKill.ids.length)
    check(
      "the killed mail batch went out",
      mailKillRows.every((r) => r.status === "sent"),
      `${mailKill.ids.length} message(s) held by ${mailKill.worker}: ${mailKillRows.filter((r) => r.status === "sent").length} sent`,
    );

  const [v] = await monitor<{ verified: number }[]>`
    select count(*)::int as verified from signatures s join petitions p on p.id = s.petition_id
    where p.slug = ${slug} and s.status = 'verified'`;
  const verified = v!.verified;
  const shown = await Promise.all(
    webs.map(async (w) => {
      const r = await fetch(`http://127.0.0.1:${w.port}/p/${slug}/count`);
      return ((await r.json()) as { count: number }).count;
    }),
  );
  check(
    "count shown = verified rows",
    shown.every((c) => c === verified),
    `shown ${shown.join(" / ")} on the two nodes; ${verified} verified rows`,
  );

  const http500 = outcomes.filter((o) => o.status >= 500 && o.status !== 503);
  const bare503 = outcomes.filter((o) => o.status === 503 && !o.retryAfter);
  check(
    "failures are 503 + Retry-After, never 500",
    http500.length === 0 && bare503.length === 0,
    `${http500.length} other 5xx, ${bare503.length} 503 without Retry-After`,
  );
  check(
    "/healthz said not ready while the database was away",
    healthzDuringOutage.includes(503),
    `statuses seen: ${healthzDuringOutage.join(", ")}`,
  );
  const rolling = faults.find((f) => f.name.startsWith("(e)"))!;
  const rollingFailures = outcomes.filter(
    (o) => o.t >= rolling.start && o.t <= rolling.end && isFailure(o),
  );
  check(
    "no process died by itself",
    unexpectedExits.length === 0,
    unexpectedExits.join("; ") || "none",
  );
  check(
    "rolling restart lost nothing",
    rollingFailures.length === 0,
    `${rollingFailures.length} failed requests during it`,
  );

  // ------------------------------------------------------------ print
  const failures = outcomes.filter(isFailure);
  const signs = outcomes.filter((o) => o.kind === "sign-form" || o.kind === "sign-api");
  const loadSeconds = (loadEnd - loadStart) / 1000;
  log("");
  log(
    `requests: ${outcomes.length} in ${loadSeconds.toFixed(0)} s (${(outcomes.length / loadSeconds).toFixed(0)}/s); sign posts ${signs.length}, answered "signed" ${signedEmails.size} (${(signedEmails.size / loadSeconds).toFixed(0)}/s); RSVPs ${rsvpOk.length}; confirmation clicks ${outcomes.filter((o) => o.kind === "confirm").length}; rerouted after connection refused ${outcomes.filter((o) => o.rerouted).length}; delivery status change HTTP ${statusChange}`,
  );
  // The floor: the same traffic on the same machine in the seconds no fault touched.
  const inFault = (o: Outcome) => faults.some((f) => o.t >= f.start && o.t <= f.end + 5_000);
  const quiet = outcomes.filter((o) => !inFault(o) && o.t >= loadStart);
  const faulty = outcomes.filter(inFault);
  const p50 = (list: Outcome[]) => {
    const ms = list.map((o) => o.ms).sort((a, b) => a - b);
    return ms.length ? ms[Math.floor(ms.length / 2)]! : 0;
  };
  const ok2xx = (list: Outcome[]) => list.filter((o) => !isFailure(o)).length;
  log(
    `answered within fault windows: ${ok2xx(faulty)} of ${faulty.length} requests, median ${p50(faulty)} ms; outside them (floor, same run): ${ok2xx(quiet)} of ${quiet.length}, median ${p50(quiet)} ms (ratio ${(p50(faulty) / Math.max(1, p50(quiet))).toFixed(1)}×)`,
  );
  log(
    `failed requests: ${failures.length} of ${outcomes.length} (${((failures.length / Math.max(1, outcomes.length)) * 100).toFixed(2)} %)`,
  );
  log("");
  log(
    "fault                                              window            failed  for      answers",
  );
  const faultRows: Record<string, unknown>[] = [];
  for (const f of faults) {
    const inside = failures.filter((o) => o.t >= f.start && o.t <= f.end + 5_000);
    const span = inside.length ? (inside.at(-1)!.t - inside[0]!.t) / 1000 : 0;
    const answers = summarize(inside);
    log(
      `${f.name.padEnd(50)} ${stamp(f.start - loadStart)}–${stamp(f.end - loadStart)}  ${String(inside.length).padStart(6)}  ${span.toFixed(1).padStart(5)} s  ${answers || "—"}`,
    );
    for (const note of f.notes) log(`    ${note}`);
    faultRows.push({
      name: f.name,
      start: f.start - loadStart,
      end: f.end - loadStart,
      failed: inside.length,
      seconds: span,
      answers,
      notes: f.notes,
    });
  }
  const outside = failures.filter(
    (o) => !faults.some((f) => o.t >= f.start && o.t <= f.end + 5_000),
  );
  const outsideList = failures.filter(
    (o) => !faults.some((f) => o.t >= f.start && o.t <= f.end + 5_000),
  );
  for (const o of [
    ...failures.filter((f) => f.status !== 503).slice(0, 10),
    ...outsideList.slice(0, 10),
  ])
    log(
      `    ${stamp(o.t - loadStart)} ${o.kind} ${o.path.slice(0, 36)} → ${o.status || o.error}: ${o.detail ?? ""}`,
    );
  log(
    `${"outside any fault window".padEnd(50)} ${"".padEnd(17)} ${String(outside.length).padStart(6)}          ${summarize(outside) || "—"}`,
  );
  log("");
  for (const c of checks) log(`${c.ok ? "PASS" : "FAIL"}  ${c.name}: ${c.detail}`);
  const ok = checks.every((c) => c.ok);
  log(ok ? "\nall checks passed" : "\nSOME CHECKS FAILED");
  if (process.env.FAULTS_JSON)
    fs.writeFileSync(
      process.env.FAULTS_JSON,
      JSON.stringify(
        {
          seconds,
          vus,
          leaseSeconds,
          requests: outcomes.length,
          signed: signedEmails.size,
          failures: failures.length,
          faults: faultRows,
          checks,
        },
        null,
        2,
      ),
    );
  if (!ok) {
    for (const n of nodes) log(`--- ${n.name} (last lines)\n${n.logTail.slice(-40).join("\n")}`);
    process.exitCode = 1;
  }
}
let statusChange = 0;

function isFailure(o: Outcome) {
  return o.status === 0 || o.status >= 500;
}
function summarize(list: Outcome[]) {
  const by = new Map<string, number>();
  for (const o of list) {
    const label =
      o.status === 0
        ? (o.error ?? "no answer")
        : `${o.status}${o.retryAfter ? "+Retry-After" : ""}`;
    by.set(label, (by.get(label) ?? 0) + 1);
  }
  return [...by].map(([l, n]) => `${l}×${n}`).join(", ");
}

async function cleanup() {
  stopping = true;
  for (const n of nodes)
    if (n.child && n.child.exitCode === null && n.child.signalCode === null)
      n.child.kill("SIGKILL");
  await monitor?.end({ timeout: 1 }).catch(() => {});
  await mailbox.stop();
  stopBouncer();
  try {
    pg.stop("immediate");
  } catch {
    // already stopped
  }
  if (process.env.FAULTS_KEEP !== "1") fs.rmSync(tmp, { recursive: true, force: true });
  else log(`kept ${tmp}`);
}

main()
  .catch((error) => {
    console.error(error);
    for (const n of nodes) console.error(`--- ${n.name}\n${n.logTail.slice(-20).join("\n")}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanup();
    process.exit();
  });

// `npm run bench:packets` — builds delivery packets of 10,000 and 100,000 signatures, each on a fresh
// database, and prints build time and peak memory. Prints figures; never asserts timings.
//
// The build runs in a child process so its peak RSS (process.resourceUsage().maxRSS) is the
// packet build's own, not the seeding's. Database: a fresh Postgres database on
// BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) when reachable,
// else a fresh embedded PGlite directory. Force one with BENCH_DB=postgres|pglite.
// Sizes: BENCH_SIZES=10000,100000,1000000 (default). Beside each build, the same number of rows
// written by a bare pdfkit loop (text() per cell, no database, output discarded) in a child of
// its own: the floor a streamed PDF of that many rows costs on this machine in this run.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { runBenchChild } from "./bench-child";

const here = fileURLToPath(import.meta.url);
const adminUrl = process.env.BENCH_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const sizes = (process.env.BENCH_SIZES || "10000,100000,1000000").split(",").map(Number);

function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function postgresReachable() {
  const client = postgres(adminUrl, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await client`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await client.end({ timeout: 1 }).catch(() => {});
  }
}

/**
 * Fresh database: migrated, demo seeded without signatures, then `n` verified signatures in one
 * statement. BENCH_REUSE=<prefix> (Postgres): build it once as <prefix>_<n>, keep it, and reuse it
 * on later runs (each build's packets are deleted afterwards; drop the database when done).
 */
async function prepare(n: number, kind: "postgres" | "pglite") {
  const envs: Record<string, string> = {};
  let cleanup = async () => {};
  if (kind === "postgres") {
    const reuse = process.env.BENCH_REUSE || "";
    const name = reuse ? `${reuse}_${n}` : `handover_bench_${process.pid}_${n}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    const [ready] = reuse
      ? await admin`select 1 from pg_database d where d.datname = ${name}
          and shobj_description(d.oid, 'pg_database') = 'handover bench: built'`
      : [];
    if (!ready) {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.unsafe(`create database "${name}"`);
    }
    await admin.end();
    envs.DATABASE_URL = withDatabase(adminUrl, name);
    cleanup = async () => {
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      if (reuse) {
        await a.unsafe(`comment on database "${name}" is 'handover bench: built'`);
        const b = postgres(envs.DATABASE_URL!, { max: 1, onnotice: () => {} });
        await b.unsafe(`delete from packets`);
        await b.end();
      } else await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    };
    if (ready) return { envs, cleanup };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `handover-bench-${n}-`));
    envs.PGLITE_DIR = dir;
    envs.DATABASE_URL = "";
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  await runChild(["--prepare", String(n)], envs);
  return { envs, cleanup };
}

function runChild(args: string[], envs: Record<string, string>): Promise<string> {
  return runBenchChild(here, args, envs);
}

async function childPrepare(n: number) {
  const { db, dbReady, closeDb } = await import("../db/client");
  const { sql } = await import("drizzle-orm");
  const { seedDemo } = await import("../db/seed");
  await dbReady();
  await seedDemo({ signatureCount: 0 });
  // Names, places and choices spread like a real national petition; ~20% in Texas (Houston's area).
  await db.execute(sql`
    insert into signatures (petition_id, status, first_name, last_name, email, email_canonical, postal_code, city, region,
                            country, comment, show_publicly, print_name, locale, created_at, verified_at)
    select p.id, 'verified',
           (array['María','José','Ana','Luis','Carmen','Carlos','Rosa','Miguel','Emily','James','Aisha','Linh'])[1 + i % 12],
           (array['García','Martínez','Hernández','López','González','Nguyen','Okafor','Smith','Patel','Kim','Silva'])[1 + (i / 12) % 11],
           'bench.' || i || '@example.org', 'bench.' || i || '@example.org',
           (array['77011','60623','33125','30310','28205','90011','85009','10032','77036','80204'])[1 + i % 10],
           (array['Houston','Chicago','Miami','Atlanta','Charlotte','Los Angeles','Phoenix','New York','Houston','Denver'])[1 + i % 10],
           (array['TX','IL','FL','GA','NC','CA','AZ','NY','TX','CO'])[1 + i % 10],
           'US',
           case when i % 10 = 0 then 'A traffic ticket should never tear a family apart.' end,
           i % 3 = 0, i % 4 <> 0, 'en',
           now() - interval '20 days' + (i || ' seconds')::interval,
           now() - interval '20 days' + (i || ' seconds')::interval
    from generate_series(1, ${n}) as i, (select id from petitions limit 1) as p`);
  await closeDb();
}

async function childBuild() {
  const { db, dbReady, closeDb } = await import("../db/client");
  const { eq } = await import("drizzle-orm");
  const { deliveryEvents, offices, users, packetFiles } = await import("../db/schema");
  const { requestPacket } = await import("../app/domain/packets/request-packet.server");
  const { buildPacket } = await import("../app/domain/packets/build-packet.server");
  await dbReady();
  const [owner] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, "olivia@handover.test"));
  const [event] = await db
    .select({ id: deliveryEvents.id })
    .from(deliveryEvents)
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .where(eq(offices.city, "Houston"));
  const { packetId } = await requestPacket({
    actor: { userId: owner!.id },
    eventId: event!.id,
    options: { language: "en", others: "all", volumeSize: 5000, paperSize: "letter" },
  });
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  // Per 100,000 rows: elapsed time and RSS (progress runs 5 → 90 % over the rows), to see that
  // the time is linear and memory flat.
  const rowsExpected = Number(process.env.BENCH_ROWS || 0);
  const marks: { rows: number; ms: number; rssMb: number }[] = [];
  let nextMark = 100_000;
  const result = await buildPacket({
    packetId,
    onProgress: (pct) => {
      const done = Math.round(((pct - 5) / 85) * rowsExpected);
      while (rowsExpected && done >= nextMark) {
        marks.push({
          rows: nextMark,
          ms: performance.now() - started,
          rssMb: process.memoryUsage().rss / 1048576,
        });
        nextMark += 100_000;
      }
    },
  });
  const ms = performance.now() - started;
  // CPU time of this process (user + system): unlike wall time, not inflated by other work on the box.
  const cpu = process.cpuUsage(cpuStart);
  const files = await db
    .select({ volume: packetFiles.volume, bytes: packetFiles.bytes })
    .from(packetFiles)
    .where(eq(packetFiles.packetId, packetId));
  const pdfBytes = files.filter((f) => f.volume > 0).reduce((n, f) => n + f.bytes.length, 0);
  await closeDb();
  process.stdout.write(
    JSON.stringify({
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssBeforeMb: rssBefore / 1048576,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      pdfMb: pdfBytes / 1048576,
      marks,
      ...result,
    }),
  );
}

/** The floor: pdfkit writing `n` rows of five cells, 40 rows a page, into a sink. */
async function childBare(n: number) {
  const { default: PDFDocument } = await import("pdfkit");
  const { Writable } = await import("node:stream");
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const doc = new PDFDocument({ size: "LETTER", margin: 36, autoFirstPage: true });
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done();
    },
  });
  const finished = new Promise((resolve) => sink.on("finish", resolve));
  doc.pipe(sink);
  doc.font("Helvetica").fontSize(9);
  for (let i = 0; i < n; i++) {
    const slot = i % 40;
    if (i > 0 && slot === 0) doc.addPage();
    const y = 60 + slot * 16;
    doc.text(String(i + 1), 36, y, { lineBreak: false });
    doc.text(`Signer ${i} García`, 80, y, { lineBreak: false });
    doc.text("Houston", 260, y, { lineBreak: false });
    doc.text("TX 77011", 380, y, { lineBreak: false });
    doc.text("2026-11-03", 480, y, { lineBreak: false });
    // Let the sink drain as a real stream would.
    if (slot === 39) await new Promise((r) => setImmediate(r));
  }
  doc.end();
  await finished;
  const cpu = process.cpuUsage(cpuStart);
  process.stdout.write(
    JSON.stringify({
      ms: performance.now() - started,
      cpuMs: (cpu.user + cpu.system) / 1000,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      pdfMb: bytes / 1048576,
    }),
  );
}

async function main() {
  const mode = process.argv[2];
  if (mode === "--prepare") return childPrepare(Number(process.argv[3]));
  if (mode === "--build") return childBuild();
  if (mode === "--bare") return childBare(Number(process.argv[3]));

  const forced = process.env.BENCH_DB as "postgres" | "pglite" | undefined;
  const kind = forced ?? ((await postgresReachable()) ? "postgres" : "pglite");
  let cpu = "";
  try {
    cpu = execFileSync("nproc", { encoding: "utf8" }).trim();
  } catch {}
  console.log(
    `Packet benchmark — database: ${kind}, ${cpu || os.cpus().length} CPUs, Node ${process.version}`,
  );
  console.log(
    "Build = snapshot + routing + PDF volumes (5,000 signatures each) + storing them; run in a child process.",
  );
  console.log(
    `Load average now: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} (wall times grow when the machine is busy; CPU time does not).`,
  );
  for (const n of sizes) {
    const t0 = performance.now();
    const { envs, cleanup } = await prepare(n, kind);
    const prepMs = performance.now() - t0;
    try {
      const r = JSON.parse(await runChild(["--build"], { ...envs, BENCH_ROWS: String(n) }));
      const bare = JSON.parse(await runChild(["--bare", String(n)], {}));
      const per100k = (ms: number) => ((ms / 1000) * 100_000) / n;
      console.log(
        `${n.toLocaleString("en-US").padStart(9)} signatures: build ${(r.ms / 1000).toFixed(2)} s (${per100k(r.ms).toFixed(2)} s per 100k; Node CPU ${(r.cpuMs / 1000).toFixed(2)} s), peak RSS ${r.maxRssMb.toFixed(0)} MB ` +
          `(RSS before the build ${r.rssBeforeMb.toFixed(0)} MB), ${r.volumeCount} volumes, ${r.pageCount} pages, ` +
          `${r.pdfMb.toFixed(1)} MB of PDF  [seeding ${(prepMs / 1000).toFixed(1)} s]`,
      );
      console.log(
        `${"".padStart(9)}  bare pdfkit loop, same rows: ${(bare.ms / 1000).toFixed(2)} s (CPU ${(bare.cpuMs / 1000).toFixed(2)} s), peak RSS ${bare.maxRssMb.toFixed(0)} MB, ${bare.pdfMb.toFixed(1)} MB` +
          ` → build/bare: time ${(r.ms / bare.ms).toFixed(2)}×, CPU ${(r.cpuMs / bare.cpuMs).toFixed(2)}×, peak RSS ${(r.maxRssMb / bare.maxRssMb).toFixed(2)}×`,
      );
      let prev = { rows: 0, ms: 0 };
      for (const m of r.marks as { rows: number; ms: number; rssMb: number }[]) {
        console.log(
          `${"".padStart(9)}  at ${m.rows.toLocaleString("en-US").padStart(9)} rows: ${(m.ms / 1000).toFixed(1)} s (last 100k ${((m.ms - prev.ms) / 1000).toFixed(1)} s), RSS ${m.rssMb.toFixed(0)} MB`,
        );
        prev = m;
      }
    } finally {
      await cleanup();
    }
  }
}

await main();

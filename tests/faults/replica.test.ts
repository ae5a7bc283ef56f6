// DATABASE_REPLICA_URL against a real streaming replica: a throwaway primary (initdb), a replica
// made from it with pg_basebackup -R, and Handover's database handle on both. Public reads go to the
// replica and see the primary's writes a moment later; writes go to the primary; when the replica is
// away, public reads fall back to the primary. Needs PostgreSQL 15's server binaries (run by .ci/run).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, noteDatabaseError } from "../../db/client";
import { campaigns } from "../../db/schema";

const pgBin = process.env.PG_BIN || "/usr/lib/postgresql/15/bin";
const base = Number(process.env.FAULTS_PORT_BASE || 3610);
const ports = { primary: base + 5, replica: base + 6 };
const asRoot = process.getuid?.() === 0;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "handover-replica-"));
const asPg = (cmd: string, args: string[]) =>
  execFileSync(asRoot ? "runuser" : cmd, asRoot ? ["-u", "postgres", "--", cmd, ...args] : args, {
    stdio: ["ignore", "pipe", "pipe"],
  });
const pgCtl = (dir: string, ...args: string[]) =>
  asPg(`${pgBin}/pg_ctl`, ["-D", dir, "-l", `${dir}.log`, "-w", "-t", "60", ...args]);
const primaryDir = path.join(tmp, "primary");
const replicaDir = path.join(tmp, "replica");
let handle: ReturnType<typeof createDb>;

beforeAll(async () => {
  if (asRoot) execFileSync("chown", ["postgres:postgres", tmp]);
  asPg(`${pgBin}/initdb`, [
    "-D",
    primaryDir,
    "-U",
    "postgres",
    "-A",
    "trust",
    "--no-sync",
    "-E",
    "UTF8",
    "--locale=C",
  ]);
  fs.appendFileSync(
    path.join(primaryDir, "postgresql.conf"),
    `port = ${ports.primary}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${tmp}'\nwal_level = replica\nmax_wal_senders = 4\n`,
  );
  pgCtl(primaryDir, "start");
  asPg(`${pgBin}/createdb`, [
    "-h",
    "127.0.0.1",
    "-p",
    String(ports.primary),
    "-U",
    "postgres",
    "handover",
  ]);
  asPg(`${pgBin}/pg_basebackup`, [
    "-h",
    "127.0.0.1",
    "-p",
    String(ports.primary),
    "-U",
    "postgres",
    "-D",
    replicaDir,
    "-R",
    "-X",
    "stream",
  ]);
  fs.appendFileSync(path.join(replicaDir, "postgresql.conf"), `port = ${ports.replica}\n`);
  pgCtl(replicaDir, "start");
  handle = createDb({
    databaseUrl: `postgres://postgres@127.0.0.1:${ports.primary}/handover`,
    replicaUrl: `postgres://postgres@127.0.0.1:${ports.replica}/handover`,
  });
  await handle.ready; // migrations run on the primary and stream to the replica
});

afterAll(async () => {
  await handle?.close().catch(() => {});
  for (const dir of [replicaDir, primaryDir]) {
    try {
      pgCtl(dir, "-m", "immediate", "stop");
    } catch {
      // not running
    }
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

const inRecovery = async () =>
  (
    await handle.publicDb
      .select({ replica: sql<boolean>`pg_is_in_recovery()` })
      .from(sql`(select 1) as one`)
  )[0]!.replica;

describe("public reads from a streaming replica (DATABASE_REPLICA_URL)", () => {
  it("public reads go to the replica and see the primary's writes a moment later", async () => {
    expect(await inRecovery()).toBe(true);
    // A write through the public handle still goes to the primary.
    const started = Date.now();
    await handle.publicDb
      .insert(campaigns)
      .values({ name: "Replica check", slug: "replica-check" });
    let seen = 0;
    let lagMs = -1;
    for (let i = 0; i < 100 && seen === 0; i++) {
      seen = (
        await handle.publicDb
          .select({ n: sql<number>`count(*)::int` })
          .from(campaigns)
          .where(sql`${campaigns.slug} = 'replica-check'`)
      )[0]!.n;
      if (seen) lagMs = Date.now() - started;
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen).toBe(1);
    console.log(`replica saw the primary's write after ${lagMs} ms (includes the insert itself)`);
  });

  it("with the replica away, public reads fall back to the primary", async () => {
    pgCtl(replicaDir, "-m", "fast", "stop");
    const failed = await inRecovery().then(
      () => null,
      (e: unknown) => e,
    );
    expect(failed).toBeTruthy();
    expect(noteDatabaseError(failed)).toBe(true);
    expect(await inRecovery()).toBe(false); // answered by the primary
  });
});

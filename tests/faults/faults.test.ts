// The short fault run (`FAULTS_SHORT=1 npm run bench:faults`) as a CI suite: two web nodes and two
// workers behind PgBouncer on a throwaway Postgres, with Postgres restarted, a web node and two
// workers killed, SMTP refusing then down, and a rolling restart — each check of the run is a test.
// Run by .ci/run (`vitest run --config vitest.faults.config.ts`), not by `npm test`: it needs
// PostgreSQL 15's server binaries and pgbouncer on the machine, and takes a minute or two.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

type Check = { name: string; ok: boolean; detail: string };
type Result = {
  requests: number;
  signed: number;
  faults: { name: string; failed: number; answers: string }[];
  checks: Check[];
};

let result: Result | undefined;
let output = "";

beforeAll(() => {
  const json = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), "handover-faults-ci-")),
    "faults.json",
  );
  const run = spawnSync(path.resolve("node_modules/.bin/tsx"), ["bench/faults.ts"], {
    env: {
      ...process.env,
      FAULTS_SHORT: "1",
      FAULTS_JSON: json,
      FAULTS_SKIP_BUILD: process.env.FAULTS_SKIP_BUILD ?? "1",
    },
    encoding: "utf8",
    timeout: 540_000,
  });
  output = `${run.stdout}\n${run.stderr}`;
  process.stdout.write(
    run.stdout
      .split("\n")
      .filter((l) => !l.startsWith("database unavailable"))
      .join("\n"),
  );
  if (fs.existsSync(json)) result = JSON.parse(fs.readFileSync(json, "utf8"));
});

const check = (name: string) => {
  expect(result, `the fault run produced no result:\n${output.slice(-3000)}`).toBeDefined();
  const found = result!.checks.find((c) => c.name === name);
  expect(found, `check "${name}" missing`).toBeDefined();
  expect(found!.ok, found!.detail).toBe(true);
};

describe("faults with two web nodes and two workers behind PgBouncer", () => {
  it("the crowd was served: signatures were accepted on both sides of every fault", () => {
    expect(result, output.slice(-3000)).toBeDefined();
    expect(result!.signed).toBeGreaterThan(20);
    expect(result!.faults.map((f) => f.name.slice(0, 3))).toEqual([
      "(a)",
      "(b)",
      "(c1",
      "(c2",
      "(d)",
      "(e)",
    ]);
  });
  it("every request answered 'signed' has its row (0 lost)", () => check("0 lost signatures"));
  it("every RSVP answered as taken has its row", () => check("0 lost RSVPs"));
  it("no signature, RSVP or email row twice", () => check("no row twice"));
  it("every email in the outbox reached the SMTP server exactly once (per Message-ID)", () =>
    check("every email received exactly once (per Message-ID)"));
  it("a worker killed mid packet build: the job finishes after its lease", () =>
    check("the killed packet job finished after its lease ran out"));
  it("a worker killed mid mail batch: its messages still go out", () =>
    check("the killed mail batch went out"));
  it("no job is left running", () => check("no job left running"));
  it("the count shown on both nodes equals the verified rows", () =>
    check("count shown = verified rows"));
  it("requests failing during an outage get 503 + Retry-After, never a 500", () =>
    check("failures are 503 + Retry-After, never 500"));
  it("the health check says not ready while the database is away", () =>
    check("/healthz said not ready while the database was away"));
  it("a rolling restart (SIGTERM) of both web nodes under load fails no request", () =>
    check("rolling restart lost nothing"));
});

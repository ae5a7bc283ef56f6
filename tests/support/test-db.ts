// Test databases: one migrated template per run, one fresh copy per test file.
// PGlite by default; a real Postgres server when TEST_DATABASE_URL is set
// (e.g. postgres://postgres@127.0.0.1:5432/postgres — databases are created and dropped on it).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

export const usingPostgres = () => !!process.env.TEST_DATABASE_URL;

export function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export function adminClient() {
  return postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {}, idle_timeout: 2 });
}

export const templateName = (runId: string) => `handover_tpl_${runId}`;
export const pgliteTemplateDir = (runId: string) => path.join(os.tmpdir(), `handover-tpl-${runId}`);

/** Creates a fresh database for one test file from the run's template; returns env to use and a cleanup. */
export async function freshDatabase(runId: string) {
  const suffix = crypto.randomBytes(4).toString("hex");
  if (usingPostgres()) {
    const name = `handover_t_${runId}_${suffix}`;
    const admin = adminClient();
    await admin.unsafe(`create database "${name}" template "${templateName(runId)}"`);
    await admin.end();
    return {
      env: { DATABASE_URL: withDatabase(process.env.TEST_DATABASE_URL!, name), PGLITE_DIR: "" },
      cleanup: async () => {
        const a = adminClient();
        await a.unsafe(`drop database if exists "${name}" with (force)`);
        await a.end();
      },
    };
  }
  const dir = path.join(os.tmpdir(), `handover-t-${runId}-${suffix}`);
  fs.cpSync(pgliteTemplateDir(runId), dir, { recursive: true });
  return {
    env: { DATABASE_URL: "", PGLITE_DIR: dir },
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

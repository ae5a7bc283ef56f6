// Once per vitest run: build a migrated template database (Postgres or PGlite).
import fs from "node:fs";
import crypto from "node:crypto";
import type { TestProject } from "vitest/node";
import { createDb } from "../../db/client";
import {
  adminClient,
  pgliteTemplateDir,
  templateName,
  usingPostgres,
  withDatabase,
} from "./test-db";

export default async function setup(project: TestProject) {
  const runId = crypto.randomBytes(3).toString("hex");
  project.provide("dbRunId", runId);
  if (usingPostgres()) {
    const admin = adminClient();
    await admin.unsafe(`create database "${templateName(runId)}"`);
    await admin.end();
    const handle = createDb({
      databaseUrl: withDatabase(process.env.TEST_DATABASE_URL!, templateName(runId)),
      poolSize: 1,
    });
    await handle.ready;
    await handle.close();
    return async () => {
      const a = adminClient();
      await a.unsafe(`drop database if exists "${templateName(runId)}" with (force)`);
      await a.end();
    };
  }
  const dir = pgliteTemplateDir(runId);
  const handle = createDb({ pgliteDir: dir });
  await handle.ready;
  await handle.close();
  return async () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    dbRunId: string;
  }
}

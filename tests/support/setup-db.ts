// Before each test file: point the app's database at a fresh copy of the run's template.
import { afterAll, inject } from "vitest";
import { closeDb, dbReady } from "../../db/client";
import { freshDatabase } from "./test-db";

const fresh = await freshDatabase(inject("dbRunId"));
Object.assign(process.env, fresh.env, {
  SESSION_SECRET: "test-secret-test-secret-test-secret-0123",
  APP_URL: "http://localhost:3999",
  NODE_ENV: "test",
});
if (!fresh.env.DATABASE_URL) delete process.env.DATABASE_URL;
await closeDb();
await dbReady();

afterAll(async () => {
  await closeDb();
  await fresh.cleanup();
});

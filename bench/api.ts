// npx tsx bench/api.ts — the OSDI API's cost, beside floors measured in the same run and process:
// a bare Express "ok" route (the HTTP floor) and `select 1` (the database round-trip floor).
// Prints figures; asserts nothing. Postgres at BENCH_DATABASE_URL (a throwaway database is made and
// dropped). Env: BENCH_SECONDS (5 per target), BENCH_CONNECTIONS (16), BENCH_SIGNATURES (20000).
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";
import express from "express";
import postgres from "postgres";

const adminUrl = process.env.BENCH_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const seconds = Number(process.env.BENCH_SECONDS || 5);
const connections = Number(process.env.BENCH_CONNECTIONS || 16);
const n = Number(process.env.BENCH_SIGNATURES || 20_000);
const name = `handover_bench_api_${process.pid}`;
const log = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  Object.assign(process.env, {
    DATABASE_URL: u.toString(),
    PGLITE_DIR: "",
    SESSION_SECRET: "bench-secret-bench-secret-bench-secret-00",
    APP_URL: "http://localhost:3641",
    API_RATE_LIMIT: "100000000",
  });
  const { db, dbReady, closeDb, rows } = await import("../db/client");
  const { sql } = await import("drizzle-orm");
  try {
    await dbReady();
    const schema = await import("../db/schema");
    const { registerApiRoutes } = await import("../app/api/osdi-router.server");
    const { createApiToken } = await import("../app/domain/team/api-token.server");
    const { emitWebhookEvent } = await import("../app/domain/integrations/webhook-events.server");

    const [user] = await db
      .insert(schema.users)
      .values({ email: "bench@example.org", name: "Bench", passwordHash: "x" })
      .returning();
    const [campaign] = await db
      .insert(schema.campaigns)
      .values({ slug: "bench", name: "Bench" })
      .returning();
    await db
      .insert(schema.campaignMembers)
      .values({ campaignId: campaign!.id, userId: user!.id, role: "owner" });
    const [petition] = await db
      .insert(schema.petitions)
      .values({ campaignId: campaign!.id, slug: "bench-petition", status: "published" })
      .returning();
    await db
      .insert(schema.petitionTexts)
      .values({ petitionId: petition!.id, locale: "en", title: "Bench" });
    await rows(
      db,
      sql`insert into signatures (petition_id, status, first_name, last_name, email, email_canonical, city, postal_code, verified_at)
          select ${petition!.id}::int, 'verified', 'F' || g, 'L' || g, 's' || g || '@example.org', 's' || g || '@example.org', 'Houston', '77002', now()
          from generate_series(1, ${n}::int) g`,
    );
    const actor = { userId: user!.id };
    const read = (
      await createApiToken({ actor, campaignId: campaign!.id, name: "r", scope: "read" })
    ).token;
    const contact = (
      await createApiToken({ actor, campaignId: campaign!.id, name: "c", scope: "read_contact" })
    ).token;

    const app = express();
    app.get("/floor", (_req, res) => res.type("text/plain").send("ok"));
    registerApiRoutes(app);
    const server = app.listen(3641, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const run = async (label: string, path: string, token?: string) => {
      const result = (await autocannon({
        url: `${base}${path}`,
        connections,
        duration: seconds,
        headers: token ? { "OSDI-API-Token": token } : {},
      })) as {
        non2xx: number;
        errors: number;
        requests: { average: number };
        latency: { p50: number; p99: number };
      };
      const bad = result.non2xx + result.errors;
      log(
        `${label.padEnd(46)} ${String(Math.round(result.requests.average)).padStart(6)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms${bad ? `  (${bad} non-2xx/errors)` : ""}`,
      );
      return result.requests.average;
    };
    log(
      `OSDI API, ${n} signatures, ${connections} connections, ${seconds} s each, one process, Postgres`,
    );
    const floor = await run("floor: bare Express GET /floor", "/floor");
    const entry = await run("GET /api/v1 (token check + rate limit)", "/api/v1", read);
    const sigs = await run(
      "GET signatures?per_page=100 (read)",
      `/api/v1/petitions/${petition!.id}/signatures?per_page=100&page=50`,
      read,
    );
    const filtered = await run(
      "GET signatures, filter modified_date gt (read)",
      `/api/v1/petitions/${petition!.id}/signatures?per_page=100&filter=${encodeURIComponent(`modified_date gt '${new Date(Date.now() - 60_000).toISOString()}'`)}`,
      read,
    );
    const people = await run(
      "GET people?per_page=100 (contact, audited)",
      "/api/v1/people?per_page=100&page=20",
      contact,
    );
    log(
      `ratios to the floor: entry ${(floor / entry).toFixed(1)}×, signatures ${(floor / sigs).toFixed(1)}×, filtered ${(floor / filtered).toFixed(1)}×, people ${(floor / people).toFixed(1)}×`,
    );
    server.close();

    // What a domain action pays for the webhook hook when no endpoint listens, beside a round trip.
    const times = 2000;
    let t0 = performance.now();
    for (let i = 0; i < times; i++) await rows(db, sql`select 1`);
    const floorMs = (performance.now() - t0) / times;
    t0 = performance.now();
    for (let i = 0; i < times; i++)
      await emitWebhookEvent({
        type: "signature.verified",
        key: i,
        subject: { signatureId: i, petitionId: petition!.id },
      });
    const emitMs = (performance.now() - t0) / times;
    log(
      `emitWebhookEvent, no endpoint: ${(emitMs * 1000).toFixed(0)} µs/call; floor select 1: ${(floorMs * 1000).toFixed(0)} µs (${(emitMs / floorMs).toFixed(1)}×)`,
    );
  } finally {
    await closeDb();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

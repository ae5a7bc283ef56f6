import { sql } from "drizzle-orm";
import { db, dbReady } from "#db/client";

// Readiness: answers once the database is open and migrated (Playwright waits on it).
export async function loader() {
  await dbReady();
  await db.execute(sql`select 1`);
  return new Response("ok", {
    headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" },
  });
}

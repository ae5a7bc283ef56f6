import { sql } from "drizzle-orm";
import { db, dbReady } from "#db/client";
import { isDraining } from "~/http/boot.server";

// Readiness, for load balancers and Playwright: "ok" once the database is open and migrated and
// answers; 503 with Retry-After while it is away or while this process is shutting down, so traffic
// goes to the other nodes meanwhile. The process itself stays up and recovers by itself.
export async function loader() {
  const notReady = (reason: string) =>
    new Response(`not ready: ${reason}`, {
      status: 503,
      headers: { "Content-Type": "text/plain", "Cache-Control": "no-store", "Retry-After": "2" },
    });
  if (isDraining()) return notReady("shutting down");
  try {
    await dbReady();
    await db.execute(sql`select 1`);
  } catch {
    return notReady("database unavailable");
  }
  return new Response("ok", {
    headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" },
  });
}

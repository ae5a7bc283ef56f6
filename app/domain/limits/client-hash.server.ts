// A client's address as a rate-limit key part, kept no longer than the limit needs it.
// The address is hashed with the day's random key (client_keys): the key is deleted the day after,
// so an old hash can no longer be tested against the 4 billion IPv4 addresses — unlike an HMAC
// under a secret that lives beside the database for ever (see ADR 021).
import { lt, sql } from "drizzle-orm";
import crypto from "node:crypto";
import { db, rows, type DbOrTx } from "#db/client";
import { clientKeys } from "#db/schema";

const utcDay = (d = new Date()) => d.toISOString().slice(0, 10);
let cached: { day: string; key: string } | null = null;

/** Today's key, created by whichever process asks first (every process reads the same row). */
async function todaysKey(tx: DbOrTx = db) {
  const day = utcDay();
  if (cached?.day === day) return cached.key;
  await tx
    .insert(clientKeys)
    .values({ day, key: crypto.randomBytes(32).toString("base64url") })
    .onConflictDoNothing();
  const [row] = await rows<{ key: string }>(
    tx,
    sql`select key from client_keys where day = ${day}::date`,
  );
  cached = { day, key: row!.key };
  await forgetOldClientKeys(tx);
  return cached.key;
}

/** The client's address (or any value to keep unlinkable) as an HMAC under today's key. */
export async function clientHash(value: string, tx: DbOrTx = db) {
  const key = await todaysKey(tx);
  return crypto.createHmac("sha256", key).update(value).digest("base64url").slice(0, 32);
}

/** Deletes keys older than yesterday: yesterday's stays so a window spanning midnight still finds its rows. */
export async function forgetOldClientKeys(tx: DbOrTx = db) {
  await tx.delete(clientKeys).where(lt(clientKeys.day, utcDay(new Date(Date.now() - 86400_000))));
}

// Verified-signature counts, kept in sharded counter rows (docs/decisions/003-counting.md).
import { type SQL, and, eq, inArray, sql } from "drizzle-orm";
import { db, rows, type DbOrTx } from "#db/client";
import { petitionCounts, signatures } from "#db/schema";

export const COUNT_SHARDS = 16;
// Advisory-lock namespace for counter rewrites (the second key is the petition id).
const COUNT_LOCK_CLASS = 3003;

/** Adds `by` (may be negative) to one random shard of the petition's counter. */
export async function addVerifiedCount({
  petitionId,
  by,
  tx,
}: {
  petitionId: number;
  by: number;
  tx?: DbOrTx;
}) {
  if (by === 0) return;
  const shard = Math.floor(Math.random() * COUNT_SHARDS);
  // Shared with every other confirmation, exclusive with reconcileCount: a rewrite of the shards
  // never overlaps a confirmation's increment (held to the end of the caller's transaction).
  await rows(
    tx ?? db,
    sql`select pg_advisory_xact_lock_shared(${COUNT_LOCK_CLASS}::int, ${petitionId}::int)`,
  );
  await (tx ?? db)
    .insert(petitionCounts)
    .values({ petitionId, shard, verified: by })
    .onConflictDoUpdate({
      target: [petitionCounts.petitionId, petitionCounts.shard],
      set: { verified: sql`${petitionCounts.verified} + ${by}`, updatedAt: new Date() },
    });
}

/**
 * The same +1 as addVerifiedCount, as common table expressions over `confirmed` (a relation with
 * a petition_id column, one row per newly verified signature), for statements that confirm and
 * count in one round trip. The shared advisory lock is taken per row before its increment.
 */
export function verifiedCountCtes(confirmed: SQL) {
  const shard = Math.floor(Math.random() * COUNT_SHARDS);
  return sql`count_locked as (
      select c.petition_id, pg_advisory_xact_lock_shared(${COUNT_LOCK_CLASS}::int, c.petition_id) as locked
      from ${confirmed} c
    ),
    count_added as (
      insert into petition_counts as pc (petition_id, shard, verified, updated_at)
      select petition_id, ${shard}, count(*)::int, now() from count_locked group by petition_id
      on conflict (petition_id, shard) do update
        set verified = pc.verified + excluded.verified, updated_at = now()
      returning petition_id
    )`;
}

/** Sum of the shards, per petition; petitions with no row read as 0. */
export async function getVerifiedCounts(
  petitionIds: number[],
  tx: DbOrTx = db,
): Promise<Map<number, number>> {
  const result = new Map<number, number>(petitionIds.map((id) => [id, 0]));
  if (petitionIds.length === 0) return result;
  const sums = await tx
    .select({
      petitionId: petitionCounts.petitionId,
      total: sql<number>`sum(${petitionCounts.verified})::int`,
    })
    .from(petitionCounts)
    .where(inArray(petitionCounts.petitionId, petitionIds))
    .groupBy(petitionCounts.petitionId);
  for (const s of sums) result.set(s.petitionId, Number(s.total));
  return result;
}

export async function getVerifiedCount(petitionId: number, tx: DbOrTx = db) {
  return (await getVerifiedCounts([petitionId], tx)).get(petitionId) ?? 0;
}

/**
 * Rewrites a petition's shards from count(*) of verified rows. Run periodically and after bulk
 * changes; the exclusive advisory lock waits for confirmations in flight and holds new ones back
 * until the rewrite commits, so none is lost or counted twice.
 */
export async function reconcileCount({ petitionId }: { petitionId: number }) {
  return db.transaction(async (tx) => {
    await rows(tx, sql`select pg_advisory_xact_lock(${COUNT_LOCK_CLASS}::int, ${petitionId}::int)`);
    const [{ n }] = await rows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from signatures where petition_id = ${petitionId} and status = 'verified'`,
    );
    await tx.delete(petitionCounts).where(eq(petitionCounts.petitionId, petitionId));
    await tx.insert(petitionCounts).values({ petitionId, shard: 0, verified: Number(n) });
    return Number(n);
  });
}

export async function countVerifiedRows(petitionId: number) {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(signatures)
    .where(and(eq(signatures.petitionId, petitionId), eq(signatures.status, "verified")));
  return Number(r!.n);
}

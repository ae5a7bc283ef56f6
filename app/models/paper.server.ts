import { inArray, sql } from "drizzle-orm";
import { db } from "#db/client";
import { paperSignatureBatches } from "#db/schema";

/** Signatures gathered on paper, per petition (shown beside the verified online count). */
export async function getPaperCounts(petitionIds: number[]): Promise<Map<number, number>> {
  const result = new Map<number, number>(petitionIds.map((id) => [id, 0]));
  if (petitionIds.length === 0) return result;
  const sums = await db
    .select({ petitionId: paperSignatureBatches.petitionId, total: sql<number>`sum(${paperSignatureBatches.count})::int` })
    .from(paperSignatureBatches)
    .where(inArray(paperSignatureBatches.petitionId, petitionIds))
    .groupBy(paperSignatureBatches.petitionId);
  for (const s of sums) result.set(s.petitionId, Number(s.total));
  return result;
}

import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { db } from "#db/client";
import { paperSignatureBatches } from "#db/schema";
import { recordAudit } from "~/domain/team/audit.server";
import { assertPetitionPermission, type Actor } from "~/domain/team/authorization.server";
import { paperNameLines, type PaperBatchInput } from "~/domain/packets/packet";

/** Signatures gathered on paper, per petition (shown beside the verified online count). */
export async function getPaperCounts(petitionIds: number[]): Promise<Map<number, number>> {
  const result = new Map<number, number>(petitionIds.map((id) => [id, 0]));
  if (petitionIds.length === 0) return result;
  const sums = await db
    .select({
      petitionId: paperSignatureBatches.petitionId,
      total: sql<number>`sum(${paperSignatureBatches.count})::int`,
    })
    .from(paperSignatureBatches)
    .where(inArray(paperSignatureBatches.petitionId, petitionIds))
    .groupBy(paperSignatureBatches.petitionId);
  for (const s of sums) result.set(s.petitionId, Number(s.total));
  return result;
}

// ——— Recording paper signatures ———
/** Records a batch of paper signatures: a count for a city, optionally with the names as written. */
export async function recordPaperSignatures({
  actor,
  petitionId,
  input,
}: {
  actor: Actor;
  petitionId: number;
  input: PaperBatchInput;
}) {
  const petition = await assertPetitionPermission({
    actor,
    petitionId,
    permission: "paper.record",
  });
  const names = paperNameLines(input.names);
  return db.transaction(async (tx) => {
    const [batch] = await tx
      .insert(paperSignatureBatches)
      .values({
        petitionId,
        city: input.city.trim(),
        region: (input.region ?? "").trim().toUpperCase(),
        postalCode: (input.postalCode ?? "").trim(),
        count: input.count,
        names: names.join("\n"),
        note: (input.note ?? "").trim(),
        recordedBy: actor!.userId,
      })
      .returning();
    await recordAudit({
      campaignId: petition.campaignId,
      actorId: actor!.userId,
      action: "paper.recorded",
      subjectType: "petition",
      subjectId: petitionId,
      details: { batchId: batch!.id, city: batch!.city, count: batch!.count, names: names.length },
      tx,
    });
    return batch!;
  });
}

export async function deletePaperBatch({
  actor,
  petitionId,
  batchId,
}: {
  actor: Actor;
  petitionId: number;
  batchId: number;
}) {
  const petition = await assertPetitionPermission({
    actor,
    petitionId,
    permission: "paper.record",
  });
  const [gone] = await db
    .delete(paperSignatureBatches)
    .where(
      and(eq(paperSignatureBatches.id, batchId), eq(paperSignatureBatches.petitionId, petitionId)),
    )
    .returning();
  if (gone)
    await recordAudit({
      campaignId: petition.campaignId,
      actorId: actor!.userId,
      action: "paper.deleted",
      subjectType: "petition",
      subjectId: petitionId,
      details: { batchId, city: gone.city, count: gone.count },
    });
  return !!gone;
}

/** Paper batches of a petition, newest first, for anyone who may see the petition's signatures. */
export async function listPaperBatches({
  actor,
  petitionId,
}: {
  actor: Actor;
  petitionId: number;
}) {
  const { campaignId, role } = await assertPetitionPermission({
    actor,
    petitionId,
    permission: "signatures.view",
  });
  const batches = await db
    .select()
    .from(paperSignatureBatches)
    .where(eq(paperSignatureBatches.petitionId, petitionId))
    .orderBy(desc(paperSignatureBatches.createdAt), desc(paperSignatureBatches.id));
  return { role, campaignId, batches };
}

// Moderating signatures. Every change is audited; a verified signature leaving "verified" lowers
// the petition's count.
import { sql } from "drizzle-orm";
import { db, rows } from "#db/client";
import type { SignatureState } from "#db/schema/states";
import { recordAudit } from "~/domain/team/audit.server";
import { assertPetitionPermission, ForbiddenError, type Actor } from "~/domain/team/authorization.server";
import { addVerifiedCount } from "./petition-count.server";
import { signatureWhereSql, type SignatureFilter } from "./signature-filter.server";

export async function setCommentHidden({
  actor,
  petitionId,
  signatureId,
  hidden,
}: {
  actor: Actor;
  petitionId: number;
  signatureId: number;
  hidden: boolean;
}) {
  const { campaignId } = await assertPetitionPermission({
    actor,
    petitionId,
    permission: "signatures.moderate",
  });
  await db.transaction(async (tx) => {
    const changed = await rows<{ id: number }>(
      tx,
      sql`update signatures set comment_hidden_at = ${hidden ? sql`now()` : sql`null`}
          where id = ${signatureId} and petition_id = ${petitionId} returning id`,
    );
    if (!changed.length)
      throw new ForbiddenError("signatures.moderate", "No such signature on this petition");
    await recordAudit({
      campaignId,
      actorId: actor!.userId,
      action: hidden ? "signature.comment_hide" : "signature.comment_show",
      subjectType: "signature",
      subjectId: signatureId,
      details: { petitionId },
      tx,
    });
  });
}

export async function invalidateSignature({
  actor,
  petitionId,
  signatureId,
  reason,
}: {
  actor: Actor;
  petitionId: number;
  signatureId: number;
  reason: string;
}) {
  const { campaignId } = await assertPetitionPermission({
    actor,
    petitionId,
    permission: "signatures.moderate",
  });
  return db.transaction(async (tx) => {
    const [before] = await rows<{ status: SignatureState }>(
      tx,
      sql`select status from signatures where id = ${signatureId} and petition_id = ${petitionId} for update`,
    );
    if (!before)
      throw new ForbiddenError("signatures.moderate", "No such signature on this petition");
    if (before.status === "invalidated") return false;
    await rows(
      tx,
      sql`update signatures set status = 'invalidated', invalidated_at = now(), invalidated_reason = ${reason}, invalidated_by = ${actor!.userId}
          where id = ${signatureId}`,
    );
    if (before.status === "verified") await addVerifiedCount({ petitionId, by: -1, tx });
    await recordAudit({
      campaignId,
      actorId: actor!.userId,
      action: "signature.invalidate",
      subjectType: "signature",
      subjectId: signatureId,
      details: { petitionId, reason, previousStatus: before.status },
      tx,
    });
    return true;
  });
}

/** Invalidates every not-yet-invalidated signature matching the filter, in one statement. */
export async function bulkInvalidateSignatures({
  actor,
  petitionId,
  filter,
  reason,
  timeZone = "America/Chicago",
}: {
  actor: Actor;
  petitionId: number;
  filter: SignatureFilter;
  reason: string;
  timeZone?: string;
}) {
  const { campaignId } = await assertPetitionPermission({
    actor,
    petitionId,
    permission: "signatures.moderate",
  });
  return db.transaction(async (tx) => {
    const [r] = await rows<{ total: number; verified: number }>(
      tx,
      sql`with target as (
            select id, status from signatures
            where ${signatureWhereSql(petitionId, filter, timeZone)} and status <> 'invalidated'
            for update),
          changed as (
            update signatures s set status = 'invalidated', invalidated_at = now(),
              invalidated_reason = ${reason}, invalidated_by = ${actor!.userId}
            from target where s.id = target.id
            returning target.status as previous)
          select count(*)::int as total, (count(*) filter (where previous = 'verified'))::int as verified from changed`,
    );
    const total = Number(r?.total ?? 0);
    const verified = Number(r?.verified ?? 0);
    if (verified) await addVerifiedCount({ petitionId, by: -verified, tx });
    await recordAudit({
      campaignId,
      actorId: actor!.userId,
      action: "signature.bulk_invalidate",
      subjectType: "petition",
      subjectId: petitionId,
      details: { reason, filter, invalidated: total, verifiedRemoved: verified },
      tx,
    });
    return { invalidated: total, verifiedRemoved: verified };
  });
}

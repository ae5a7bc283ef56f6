// The signers who hear from a petition after signing: verified, asked to be kept updated, and not
// unsubscribed since. Updates, decision makers' responses and delivery news all go to them alone.
import { and, asc, eq, gt, isNull, lte, type SQL } from "drizzle-orm";
import { db } from "#db/client";
import { signatures } from "#db/schema";

export const optedInSigners = (petitionId: number) =>
  and(
    eq(signatures.petitionId, petitionId),
    eq(signatures.status, "verified"),
    eq(signatures.keepUpdated, true),
    isNull(signatures.unsubscribedAt),
  ) as SQL;

/** One batch of them, by id after `afterId`; `verifiedBy` leaves out those who signed later. */
export async function optedInSignerBatch({
  petitionId,
  afterId,
  batchSize,
  verifiedBy,
}: {
  petitionId: number;
  afterId: number;
  batchSize: number;
  verifiedBy?: Date;
}) {
  return db
    .select({
      id: signatures.id,
      firstName: signatures.firstName,
      email: signatures.email,
      locale: signatures.locale,
    })
    .from(signatures)
    .where(
      and(
        optedInSigners(petitionId),
        gt(signatures.id, afterId),
        verifiedBy ? lte(signatures.verifiedAt, verifiedBy) : undefined,
      ),
    )
    .orderBy(asc(signatures.id))
    .limit(batchSize);
}

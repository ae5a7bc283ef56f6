// Periodic work the sign path asks for as it goes (there is no cron): expiring unconfirmed
// signatures, recounting petitions, and dropping rate-limit rows whose window has passed.
import { and, eq, lt } from "drizzle-orm";
import { db } from "#db/client";
import { signatures } from "#db/schema";
import { enqueueJob, type EnqueueJobInput } from "~/jobs/queue.server";
import { pruneRateLimitsWhenDue } from "~/domain/limits/rate-limit.server";
import { errorKind } from "~/lib/log.server";

const scheduled = new Set<string>();

type HousekeepingJob = EnqueueJobInput<"signature.expire-pending" | "petition.reconcile-count"> & {
  dedupeKey: string;
};

/**
 * Periodic jobs, enqueued idempotently by time bucket from the write path (there is no cron).
 * Remembered per process so the hot path asks the database about once per bucket, not per batch.
 */
export function scheduleHousekeeping(petitionIds: number[]) {
  const hour = Math.floor(Date.now() / 3_600_000);
  const tenMinutes = Math.floor(Date.now() / 600_000);
  const due: HousekeepingJob[] = [
    {
      dedupeKey: `expire-pending:${hour}`,
      kind: "signature.expire-pending" as const,
      payload: {},
      runAt: new Date((hour + 1) * 3_600_000),
    },
    ...petitionIds.map((petitionId) => ({
      dedupeKey: `reconcile-count:${petitionId}:${tenMinutes}`,
      kind: "petition.reconcile-count" as const,
      payload: { petitionId },
      runAt: new Date((tenMinutes + 1) * 600_000),
    })),
  ];
  const wanted = due.filter((job) => !scheduled.has(job.dedupeKey));
  if (scheduled.size > 10_000) scheduled.clear();
  for (const job of wanted) {
    scheduled.add(job.dedupeKey);
    enqueueJob(job).catch(() => scheduled.delete(job.dedupeKey));
  }
  // The batch counts its clients in rate_limits itself, so it also sees that old rows go.
  pruneRateLimitsWhenDue().catch((error) =>
    console.error(`sign: rate-limit pruning failed (${errorKind(error)})`),
  );
}

/** Pending signatures whose link has run out become `expired` (they were never counted). */
export async function expirePendingSignatures({ now = new Date() }: { now?: Date } = {}) {
  const expired = await db
    .update(signatures)
    .set({ status: "expired" })
    .where(and(eq(signatures.status, "pending"), lt(signatures.confirmExpiresAt, now)))
    .returning({ id: signatures.id });
  return expired.length;
}

import { db, type DbOrTx } from "#db/client";
import { auditLogs } from "#db/schema";

/** Records who did what in a campaign (shown to owners). */
export async function recordAudit({
  campaignId,
  actorId,
  action,
  subjectType,
  subjectId,
  details = {},
  tx,
}: {
  campaignId: number | null;
  actorId: number | null;
  action: string;
  subjectType?: string;
  subjectId?: string | number;
  details?: Record<string, unknown>;
  tx?: DbOrTx;
}) {
  await (tx ?? db).insert(auditLogs).values({
    campaignId,
    actorId,
    action,
    subjectType,
    subjectId: subjectId === undefined ? undefined : String(subjectId),
    details,
  });
}

// The per-signer daily cap for update emails this feature sends (decision makers' responses):
// an address that already got a signer update in the last 24 hours waits for the next round
// instead of getting a second email the same day. A query of its own over the outbox, so it holds
// whatever the delivery-day notifications do.
import { and, gt, inArray } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { outgoingEmails } from "#db/schema";

/** Templates that count as "a signer update" for the cap. */
export const SIGNER_UPDATE_TEMPLATES = [
  "signer-delivery-update",
  "signer-decision-response",
  "signer-petition-update",
] as const;
export const SIGNER_DAILY_CAP_HOURS = 24;

/** The addresses among `addresses` that already got a signer update within the window. */
export async function addressesAtDailyCap({
  addresses,
  now = new Date(),
  tx = db,
}: {
  addresses: string[];
  now?: Date;
  tx?: DbOrTx;
}): Promise<Set<string>> {
  if (addresses.length === 0) return new Set();
  const since = new Date(now.getTime() - SIGNER_DAILY_CAP_HOURS * 3_600_000);
  const rows = await tx
    .selectDistinct({ to: outgoingEmails.toAddress })
    .from(outgoingEmails)
    .where(
      and(
        inArray(outgoingEmails.toAddress, addresses),
        gt(outgoingEmails.createdAt, since),
        inArray(outgoingEmails.template, [...SIGNER_UPDATE_TEMPLATES]),
      ),
    );
  return new Set(rows.map((r) => r.to));
}

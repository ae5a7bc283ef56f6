// How many rows a CSV export will write, so the organizer's page can show a percentage while a
// long export downloads. Asked only by the page's progress download (not by a plain link).
import { sql } from "drizzle-orm";
import { db, rows } from "#db/client";
import {
  assertPetitionPermission,
  roleAllows,
  type Actor,
} from "~/domain/team/authorization.server";
import { countSignatures } from "./signature-list.server";
import { type SignatureFilter } from "./signature-filter.server";

export type ExportVariantName = "full" | "delivery";

/**
 * The number of data rows the export of `filter` will write, or null when it cannot be known
 * cheaply (the page then shows rows received without a percentage). The table's count answers up
 * to its cap (100,000); past it, an export of the whole petition (or of one status) by someone who
 * sees every signer is answered from the status rollup, which is exact at every commit.
 */
export async function exportRowCount({
  actor,
  petitionId,
  filter,
  variant,
  timeZone,
}: {
  actor: Actor;
  petitionId: number;
  filter: SignatureFilter;
  variant: ExportVariantName;
  timeZone?: string;
}): Promise<number | null> {
  const permission = variant === "full" ? "signatures.export" : "signatures.exportDelivery";
  const { role } = await assertPetitionPermission({ actor, petitionId, permission });
  const effective: SignatureFilter =
    variant === "delivery" ? { ...filter, status: "verified" } : filter;
  // The table's count, with the viewer's own scope (a coordinator's offices) and filters.
  const counted = await countSignatures({ actor, petitionId, filter: effective, timeZone });
  if (!counted.capped) return counted.count;
  const narrowed = Object.entries(effective).some(
    ([key, value]) => key !== "status" && value !== undefined && value !== "",
  );
  // Only a role that sees every signer exports every row; others' exports are narrower.
  if (narrowed || !roleAllows(role, "signatures.viewContact")) return null;
  const [r] = await rows<{ n: number | null }>(
    db,
    sql`select sum(n)::bigint as n from signature_status_counts
        where petition_id = ${petitionId}
        ${effective.status ? sql`and status = ${effective.status}` : sql``}`,
  );
  return r?.n == null ? null : Number(r.n);
}

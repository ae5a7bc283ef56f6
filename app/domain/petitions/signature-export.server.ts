// CSV export of a petition's signatures, streamed in keyset batches so a million rows never sit in
// memory.
import { sql, type SQL } from "drizzle-orm";
import { db, rows } from "#db/client";
import { recordAudit } from "~/domain/team/audit.server";
import type { Actor, Permission } from "~/domain/team/authorization.server";
import { printableNameSql, type SignerScope } from "~/domain/privacy/signer-scope.server";
import { authorizeSignatures } from "./signature-access.server";
import { signatureWhereSql, type SignatureFilter } from "./signature-filter.server";
import { iso, type RawRow } from "./signature-rows.server";
import type { Cursor } from "./signature-list.server";

export type ExportVariant = "full" | "delivery";

// A cell starting with = + - @ would run as a formula in a spreadsheet: prefix it with '.
function csvCell(value: unknown) {
  let text = value == null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
const csvLine = (cells: unknown[]) => `${cells.map(csvCell).join(",")}\r\n`;

const FULL_HEADER = [
  "first_name",
  "last_name",
  "email",
  "postal_code",
  "city",
  "region",
  "status",
  "signed_at",
  "verified_at",
  "comment",
  "comment_hidden",
  "keep_updated",
  "invalidated_reason",
];
// For the delivery: what a packet prints — verified signatures only, the name only when the signer
// agreed to have it printed ("Anonymous" otherwise), city and state. Never contact data or postal code.
const DELIVERY_HEADER = ["name", "city", "region", "verified_at"];

/**
 * Checks permission and records the export in the audit log, then returns an async iterator of CSV
 * chunks. "full" needs signatures.export; "delivery" needs signatures.exportDelivery.
 */
export async function exportSignaturesCsv({
  actor,
  petitionId,
  filter,
  variant,
  timeZone = "America/Chicago",
  batchSize = 2000,
  anonymous = "Anonymous",
}: {
  actor: Actor;
  petitionId: number;
  filter: SignatureFilter;
  variant: ExportVariant;
  timeZone?: string;
  batchSize?: number;
  /** How an unnamed signer is written in the delivery variant, in the reader's language. */
  anonymous?: string;
}): Promise<AsyncGenerator<string>> {
  const permission: Permission =
    variant === "full" ? "signatures.export" : "signatures.exportDelivery";
  const authorized = await authorizeSignatures({ actor, petitionId, permission });
  const { campaignId } = authorized;
  // The delivery variant is a packet view for everyone; a coordinator's covers their own offices.
  const scope: SignerScope =
    variant === "full"
      ? authorized.scope
      : {
          full: false,
          where: authorized.scope.full
            ? sql`status = 'verified' and invalidated_at is null`
            : authorized.scope.where,
        };
  const effective: SignatureFilter =
    variant === "delivery" ? { ...filter, status: "verified" } : filter;
  await recordAudit({
    campaignId,
    actorId: actor!.userId,
    action: variant === "full" ? "signatures.export" : "signatures.export_delivery",
    subjectType: "petition",
    subjectId: petitionId,
    details: { filter: effective },
  });
  const where = signatureWhereSql(petitionId, effective, timeZone, scope);
  const columns =
    variant === "full"
      ? sql`id, first_name, last_name, email, postal_code, city, region, status, created_at, created_at::text as k, verified_at, comment, comment_hidden_at, keep_updated, invalidated_reason`
      : sql`id, ${printableNameSql} as name, city, region, verified_at, created_at::text as k`;
  async function* generate() {
    yield variant === "full" ? csvLine(FULL_HEADER) : csvLine(DELIVERY_HEADER);
    let cursor: Cursor | null = null;
    for (;;) {
      // The plain `created_at >=` bound is what lets the (petition_id, created_at) index start each
      // batch where the last ended; the row comparison alone made every batch rescan from the top.
      const keyset: SQL = cursor
        ? sql` and created_at >= ${cursor.key}::timestamptz and (created_at, id) > (${cursor.key}::timestamptz, ${cursor.id})`
        : sql``;
      const batch: RawRow[] = await rows<RawRow>(
        db,
        sql`select ${columns} from signatures where ${where}${keyset} order by created_at, id limit ${batchSize}`,
      );
      if (!batch.length) return;
      let chunk = "";
      for (const r of batch) {
        chunk +=
          variant === "full"
            ? csvLine([
                r.first_name,
                r.last_name,
                r.email,
                r.postal_code,
                r.city,
                r.region,
                r.status,
                iso(r.created_at),
                iso(r.verified_at),
                r.comment,
                r.comment_hidden_at ? "yes" : "no",
                r.keep_updated ? "yes" : "no",
                r.invalidated_reason,
              ])
            : csvLine([r.name ?? anonymous, r.city, r.region, iso(r.verified_at)]);
      }
      yield chunk;
      const last: RawRow = batch[batch.length - 1]!;
      cursor = { key: String(last.k), id: Number(last.id) };
      if (batch.length < batchSize) return;
    }
  }
  return generate();
}

// What each role receives of a signature row: the columns selected and their shape on the page.
import { sql } from "drizzle-orm";
import type { SignatureState } from "#db/schema/states";
import { printableNameSql } from "~/domain/privacy/signer-scope.server";
import type { SignatureRow } from "./signature-table";

export function signatureColumns(full: boolean) {
  // The SELECT itself differs: a packet view never receives email, postal code, comment or choices,
  // and receives a name only where the signer agreed to have it printed.
  if (!full)
    return sql`id, ${printableNameSql} as printed_name, city, region, status, created_at, verified_at`;
  return sql`id, first_name, last_name, email, city, region, postal_code, status, created_at, verified_at, comment,
    comment_hidden_at, show_publicly, print_name, keep_updated, invalidated_reason`;
}

export type RawRow = Record<string, unknown>;
export const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());
export function toSignatureRow(r: RawRow): SignatureRow {
  if (r.printed_name !== undefined) {
    const named = r.printed_name != null;
    return {
      id: Number(r.id),
      firstName: named ? String(r.printed_name) : "",
      lastName: "",
      named,
      city: String(r.city ?? ""),
      region: String(r.region ?? ""),
      status: r.status as SignatureState,
      createdAt: iso(r.created_at)!,
      verifiedAt: iso(r.verified_at),
    };
  }
  return {
    named: true,
    id: Number(r.id),
    firstName: String(r.first_name),
    lastName: String(r.last_name),
    ...(r.email !== undefined ? { email: String(r.email) } : {}),
    city: String(r.city ?? ""),
    region: String(r.region ?? ""),
    postalCode: String(r.postal_code ?? ""),
    status: r.status as SignatureState,
    createdAt: iso(r.created_at)!,
    verifiedAt: iso(r.verified_at),
    comment: (r.comment as string | null) ?? null,
    commentHidden: r.comment_hidden_at != null,
    showPublicly: Boolean(r.show_publicly),
    printName: Boolean(r.print_name),
    keepUpdated: Boolean(r.keep_updated),
    invalidatedReason: (r.invalidated_reason as string | null) ?? null,
  };
}

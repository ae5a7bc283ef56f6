// Importing offices from a CSV file: a preview first (every row parsed, every error named by row
// and column), then an all-or-nothing insert — a file with any bad row imports nothing.
import { db } from "#db/client";
import { assertCampaignPermission, type Actor } from "~/domain/team/authorization.server";
import { officeSchema, type OfficeInput } from "./office";
import { createOffice } from "./office.server";

export const MAX_IMPORT_ROWS = 500;

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, a BOM tolerated. */
export function parseCsv(text: string): string[][] {
  const input = text.replace(/^\uFEFF/, "");
  const out: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && input[i + 1] === "\n") i++;
      row.push(field);
      out.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) {
    row.push(field);
    out.push(row);
  }
  return out.filter((r) => r.some((cell) => cell.trim() !== ""));
}

// Header names people write, mapped to the form's fields.
const HEADER_ALIASES: Record<string, keyof OfficeInput> = {
  name: "name",
  office: "name",
  kind: "kind",
  type: "kind",
  decision_maker: "decisionMaker",
  decisionmaker: "decisionMaker",
  contact: "decisionMaker",
  decision_maker_title: "decisionMakerTitle",
  title: "decisionMakerTitle",
  address: "addressLine1",
  address1: "addressLine1",
  address_line_1: "addressLine1",
  address_line1: "addressLine1",
  address2: "addressLine2",
  address_line_2: "addressLine2",
  address_line2: "addressLine2",
  city: "city",
  region: "region",
  state: "region",
  postal_code: "postalCode",
  zip: "postalCode",
  postcode: "postalCode",
  country: "country",
  time_zone: "timeZone",
  timezone: "timeZone",
  tz: "timeZone",
  phone: "phone",
  email: "email",
  notes: "notes",
  local_regions: "localRegions",
  local_postal_prefixes: "localPostalPrefixes",
};
const normalizeHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

export type ImportRow = {
  line: number;
  values: Partial<Record<keyof OfficeInput, string>>;
  office: OfficeInput | null;
  errors: { field: string; message: string }[];
};
export type ImportPreview = { rows: ImportRow[]; fileErrors: string[]; unknownColumns: string[] };

export function previewOfficeCsv(text: string): ImportPreview {
  const table = parseCsv(text);
  if (table.length === 0) return { rows: [], fileErrors: ["empty"], unknownColumns: [] };
  const [header, ...body] = table;
  const columns = header!.map((h) => HEADER_ALIASES[normalizeHeader(h)] ?? null);
  const unknownColumns = header!.filter((_, i) => columns[i] === null);
  const fileErrors: string[] = [];
  if (!columns.includes("name") || !columns.includes("city") || !columns.includes("timeZone"))
    fileErrors.push("missingColumns");
  if (body.length > MAX_IMPORT_ROWS) fileErrors.push("tooManyRows");
  if (body.length === 0) fileErrors.push("noRows");
  const rows = body.slice(0, MAX_IMPORT_ROWS).map((cells, i): ImportRow => {
    const values: ImportRow["values"] = {};
    columns.forEach((field, c) => {
      if (field) values[field] = cells[c] ?? "";
    });
    const result = officeSchema.safeParse(values);
    return {
      line: i + 2,
      values,
      office: result.success ? result.data : null,
      errors: result.success
        ? []
        : result.error.issues.map((issue) => ({
            field: String(issue.path[0] ?? ""),
            message: issue.message,
          })),
    };
  });
  return { rows, fileErrors, unknownColumns };
}

/** Imports every row or none. Returns the preview (with errors) when nothing was imported. */
export async function importOffices({
  actor,
  campaignId,
  csv,
}: {
  actor: Actor;
  campaignId: number;
  csv: string;
}) {
  await assertCampaignPermission({ actor, campaignId, permission: "office.manage" });
  const preview = previewOfficeCsv(csv);
  if (preview.fileErrors.length || preview.rows.some((r) => r.errors.length))
    return { imported: 0, preview };
  const created = await db.transaction(async (tx) => {
    const ids: number[] = [];
    for (const row of preview.rows)
      ids.push((await createOffice({ actor, campaignId, input: row.office!, tx })).id);
    return ids;
  });
  return { imported: created.length, preview };
}

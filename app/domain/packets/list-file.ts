// The packet's list file: one canonical tab-separated line per printed row, in printed order. The
// fingerprint is SHA-256 over these lines; the ADR defines the format so anyone holding the list
// can recompute it. Pure: no database.
import { localDate } from "~/lib/zoned-time";
import { paperNameLines } from "./packet";
import type { ListRow, RouteGroup } from "./packet-routing.server";

/** The list file (what the fingerprint is computed from) is stored as volume 0 beside the PDFs. */
export const LIST_VOLUME = 0;

const clean = (v: string) =>
  v
    .replace(/[\t\r\n]+/g, " ")
    .replace(/\s{2,}/g, " ")
    .trim();

/** The canonical line of one row in the list file. */
export function canonicalLine(row: ListRow, anonymous: string) {
  const name = row.kind === "paper" && row.name === null ? "" : (row.name ?? anonymous);
  return (
    [row.group, row.kind, String(row.count), name, row.city, row.region, row.postalCode, row.date]
      .map(clean)
      .join("\t") + "\n"
  );
}

export function parseListLine(line: string): ListRow {
  const [group, kind, count, name, city, region, postalCode, date] = line.split("\t");
  return {
    group: group as RouteGroup,
    kind: kind as ListRow["kind"],
    count: Number(count),
    name: name || null,
    city: city ?? "",
    region: region ?? "",
    postalCode: postalCode ?? "",
    date: date ?? "",
  };
}

/** Paper batches as printed rows: one per recorded name, plus one for the signatures without names. */
export function paperRows(
  batch: {
    city: string;
    region: string;
    postalCode: string;
    count: number;
    names: string;
    createdAt: Date;
  },
  group: RouteGroup,
  timeZone: string,
): ListRow[] {
  const names = paperNameLines(batch.names);
  const date = localDate(batch.createdAt, timeZone);
  const base = {
    kind: "paper" as const,
    group,
    city: batch.city,
    region: batch.region,
    postalCode: "", // never printed (see ADR 020)
    date,
  };
  const out: ListRow[] = names.map((name) => ({ ...base, count: 1, name }));
  if (batch.count > names.length)
    out.push({ ...base, count: batch.count - names.length, name: null });
  return out;
}

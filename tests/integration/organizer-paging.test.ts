// The signatures table on a large petition: keyset pages are contiguous in both directions, every
// sort and the name search use an index, and a deep page is not slower than the first.
// Timings are printed for the report, never asserted.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, dbKind, rows } from "#db/client";
import {
  countSignatures,
  decodeCursor,
  filterChoices,
  listSignatures,
  signaturePageSql,
} from "~/domain/petitions/signature-list.server";
import { exportSignaturesCsv } from "~/domain/petitions/signature-export.server";
import { type SortKey } from "~/domain/petitions/signature-table";
import { insertSignatures, makeCampaign, makeTeam, type Team } from "../support/organizer-fixtures";

const N = 50_000;
let team: Team;
let petitionId: number;

beforeAll(async () => {
  team = await makeTeam();
  const other = await makeCampaign(team, { n: 0 });
  // Another petition's rows in the same table, so the petition_id part of each index matters.
  await insertSignatures(other.petition.id, 5_000);
  ({
    petition: { id: petitionId },
  } = await makeCampaign(team, { n: 0 }));
  const started = performance.now();
  await insertSignatures(petitionId, N);
  console.log(
    `[figures] ${dbKind()}: inserted ${N} signatures in one INSERT … SELECT: ${Math.round(performance.now() - started)} ms`,
  );
  await rows(db, sql`analyze signatures`);
}, 300_000);

const owner = () => ({ userId: team.owner.id });

async function timed<T>(label: string, fn: () => Promise<T>) {
  const started = performance.now();
  const result = await fn();
  console.log(`[figures] ${dbKind()} ${label}: ${(performance.now() - started).toFixed(1)} ms`);
  return result;
}

async function plan(query: ReturnType<typeof signaturePageSql>) {
  const lines = await rows<Record<string, string>>(db, sql`explain ${query}`);
  return lines.map((l) => Object.values(l)[0]).join("\n");
}

describe(`signatures table over ${N.toLocaleString("en-US")} rows`, () => {
  it("pages forward and back without gaps or overlaps (newest first)", async () => {
    const seen: number[] = [];
    let after: string | null = null;
    const pages = [];
    for (let i = 0; i < 4; i++) {
      const page = await listSignatures({
        actor: owner(),
        petitionId,
        filter: {},
        pageSize: 100,
        after,
      });
      pages.push(page);
      seen.push(...page.rows.map((r) => r.id));
      after = page.nextCursor;
    }
    expect(new Set(seen).size).toBe(400);
    const times = pages.flatMap((p) => p.rows.map((r) => Date.parse(r.createdAt)));
    expect(times.every((t, i) => i === 0 || times[i - 1]! >= t)).toBe(true);
    // The fixture's newest row is g = 1, then 2, 3 … (created now() - g minutes).
    expect(pages[0]!.rows[0]!.lastName).toBe("Last0000001");
    expect(pages[3]!.rows[99]!.lastName).toBe("Last0000400");
    const back = await listSignatures({
      actor: owner(),
      petitionId,
      filter: {},
      pageSize: 100,
      before: pages[3]!.prevCursor,
    });
    expect(back.rows.map((r) => r.id)).toEqual(pages[2]!.rows.map((r) => r.id));
    expect(pages[0]!.prevCursor).toBeNull();
  });

  it("sorts by last name and city with keyset paging", async () => {
    const first = await listSignatures({
      actor: owner(),
      petitionId,
      filter: {},
      sort: "lastName",
      dir: "asc",
      pageSize: 50,
    });
    const second = await listSignatures({
      actor: owner(),
      petitionId,
      filter: {},
      sort: "lastName",
      dir: "asc",
      pageSize: 50,
      after: first.nextCursor,
    });
    const names = [...first.rows, ...second.rows].map((r) => r.lastName);
    expect(names).toEqual([...names].sort());
    expect(names[0]).toBe("Last0000001");
    expect(names[99]).toBe("Last0000100");
    const cities = await listSignatures({
      actor: owner(),
      petitionId,
      filter: {},
      sort: "city",
      dir: "desc",
      pageSize: 25,
    });
    expect(cities.rows.every((r) => r.city === "Miami")).toBe(true);
  });

  it("filters and searches by name", async () => {
    const exact = await listSignatures({
      actor: owner(),
      petitionId,
      filter: { q: "last0012345" },
    });
    expect(exact.rows.map((r) => r.firstName)).toEqual(["First12345"]);
    const both = await listSignatures({
      actor: owner(),
      petitionId,
      filter: { q: "first1234 last00012" },
    });
    expect(both.rows.map((r) => r.lastName)).toEqual(["Last0001234"]);
    const wildcard = await listSignatures({ actor: owner(), petitionId, filter: { q: "%" } });
    expect(wildcard.rows).toHaveLength(0);
    const houston = await countSignatures({
      actor: owner(),
      petitionId,
      filter: { city: "Houston", status: "verified", hasComment: true },
    });
    // Houston: g % 3 = 0 (all of these have a comment), verified: g % 5 <> 0 → multiples of 3 not of 15.
    expect(houston).toEqual({ count: Math.floor(N / 3) - Math.floor(N / 15), capped: false });
  });

  it("uses an index for every sort and for the name search", async () => {
    const base = {
      petitionId,
      filter: {},
      dir: "desc" as const,
      backwards: false,
      limit: 51,
      role: "owner" as const,
      timeZone: "America/Chicago",
    };
    for (const sort of ["created", "lastName", "city"] as SortKey[]) {
      const first = await plan(signaturePageSql({ ...base, sort, cursor: null }));
      expect(first, `${sort}: ${first}`).toMatch(/Index/);
      expect(first, `${sort}: ${first}`).not.toMatch(/Seq Scan on signatures/);
    }
    const deep = await plan(
      signaturePageSql({
        ...base,
        sort: "created",
        cursor: { key: new Date(Date.now() - 40_000 * 60_000).toISOString(), id: 1 },
      }),
    );
    expect(deep).toMatch(/Index Scan.*signatures_petition_created_idx/);
    const search = await plan(
      signaturePageSql({ ...base, sort: "created", cursor: null, filter: { q: "last00123" } }),
    );
    expect(search).toMatch(/signatures_petition_(last|first)_name_fold_idx/);
  });

  it("a deep page costs about what the first does (figures)", async () => {
    await timed("first page (50, newest first)", () =>
      listSignatures({ actor: owner(), petitionId, filter: {} }),
    );
    await timed("first page again (warm)", () =>
      listSignatures({ actor: owner(), petitionId, filter: {} }),
    );
    // A cursor pointing 45,000 rows deep.
    const [deep] = await rows<{ k: string; id: number }>(
      db,
      sql`select created_at::text as k, id from signatures where petition_id = ${petitionId} order by created_at desc, id desc offset 45000 limit 1`,
    );
    const after = Buffer.from(JSON.stringify([deep!.k, Number(deep!.id)])).toString("base64url");
    expect(decodeCursor(after)).toEqual({ key: deep!.k, id: Number(deep!.id) });
    const page = await timed("page 45,000 rows deep (keyset)", () =>
      listSignatures({ actor: owner(), petitionId, filter: {}, after }),
    );
    expect(page.rows).toHaveLength(50);
    await timed("name search 'last0049'", () =>
      listSignatures({ actor: owner(), petitionId, filter: { q: "last0049" } }),
    );
    await timed("filter city + status + comment", () =>
      listSignatures({
        actor: owner(),
        petitionId,
        filter: { city: "Houston", status: "verified", hasComment: true },
      }),
    );
    const choices = await timed("filter choices (distinct cities and regions)", () =>
      filterChoices({ actor: owner(), petitionId }),
    );
    expect(choices).toEqual({
      cities: ["Chicago", "Houston", "Miami"],
      regions: ["FL", "IL", "TX"],
    });
    await timed("bounded count, no filter", () =>
      countSignatures({ actor: owner(), petitionId, filter: {} }),
    );
    await timed("bounded count, city filter", () =>
      countSignatures({ actor: owner(), petitionId, filter: { city: "Miami" } }),
    );
  });

  it("streams the whole petition as CSV in batches (figures)", async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = heapBefore;
    let lines = 0;
    let bytes = 0;
    const started = performance.now();
    for await (const chunk of await exportSignaturesCsv({
      actor: owner(),
      petitionId,
      filter: {},
      variant: "full",
    })) {
      lines += chunk.split("\r\n").length - 1;
      bytes += chunk.length;
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    console.log(
      `[figures] ${dbKind()} CSV export of ${N} rows: ${Math.round(performance.now() - started)} ms, ${(bytes / 1e6).toFixed(1)} MB, ` +
        `heap growth at peak ${((peak - heapBefore) / 1e6).toFixed(1)} MB`,
    );
    expect(lines).toBe(N + 1);
  });
});

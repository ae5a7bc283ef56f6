// Which signatures go into an office's packet, and in what order. Only these queries read signatures
// for packets, and they select only what may be printed: never email, phone, street or IP, and the
// name only where the signer agreed to have it printed.
import { and, eq, sql, type SQL } from "drizzle-orm";
import { db, rows, type DbOrTx } from "#db/client";
import {
  paperSignatureBatches,
  signatures,
  type Office,
  type PaperSignatureBatch,
} from "#db/schema";

export type RoutingOffice = Pick<Office, "localRegions" | "localPostalPrefixes">;
export type RouteGroup = "local" | "other";

/** One printed row. `count` is 1 except for a paper batch's signatures without recorded names. */
export type ListRow = {
  kind: "online" | "paper";
  group: RouteGroup;
  count: number;
  /** Printed name; null = the signer asked not to be named, or a paper count without names. */
  name: string | null;
  city: string;
  region: string;
  postalCode: string;
  /** YYYY-MM-DD in the office's time zone. */
  date: string;
};

const norm = (values: readonly string[]) => [
  ...new Set(values.map((v) => v.trim().toUpperCase()).filter(Boolean)),
];

/** SQL: is this signature (or paper batch) local to the office? False when the office defines no area. */
export function localCondition(
  office: RoutingOffice,
  columns: { region: SQL | unknown; postalCode: SQL | unknown },
): SQL {
  const regions = norm(office.localRegions);
  const prefixes = norm(office.localPostalPrefixes);
  const parts: SQL[] = [];
  if (regions.length) {
    parts.push(
      sql`upper(trim(${columns.region})) in (${sql.join(
        regions.map((r) => sql`${r}`),
        sql`, `,
      )})`,
    );
  }
  // LIKE 'P%' (not starts_with) so the partial text_pattern_ops index on the postal code answers it.
  for (const prefix of prefixes)
    parts.push(
      sql`upper(trim(${columns.postalCode})) like ${`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`,
    );
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** The same test in JavaScript (paper batches are few and already in memory). */
export function isLocal(office: RoutingOffice, place: { region: string; postalCode: string }) {
  const region = place.region.trim().toUpperCase();
  const postal = place.postalCode.trim().toUpperCase();
  return (
    norm(office.localRegions).includes(region) ||
    norm(office.localPostalPrefixes).some((p) => postal.startsWith(p))
  );
}

/**
 * Verified, never invalidated, confirmed no later than the snapshot — written with literals (not
 * parameters) for status and invalidation so the partial index signatures_petition_verified_id_idx
 * (petition_id, id) matches even in a prepared statement's generic plan.
 */
function listCondition(petitionId: number, snapshotAt: Date) {
  return sql`${signatures.petitionId} = ${petitionId} and ${signatures.status} = 'verified'
    and ${signatures.invalidatedAt} is null
    and ${signatures.verifiedAt} <= ${snapshotAt.toISOString()}::timestamptz`;
}

/** Verified, never invalidated, confirmed no later than the snapshot. */
function snapshotCondition(petitionId: number, snapshotAt: Date) {
  return and(
    eq(signatures.petitionId, petitionId),
    eq(signatures.status, "verified"),
    sql`${signatures.invalidatedAt} is null`,
    sql`${signatures.verifiedAt} <= ${snapshotAt.toISOString()}::timestamptz`,
  )!;
}

/** SQL: the signature is local to the office. */
const signatureIsLocal = (office: RoutingOffice) =>
  localCondition(office, { region: signatures.region, postalCode: signatures.postalCode });

/** SQL: the signature belongs to the group (local, or everything else). */
const inGroup = (office: RoutingOffice, group: RouteGroup) =>
  group === "local" ? signatureIsLocal(office) : sql`not ${signatureIsLocal(office)}`;

/** SQL: the name as it may be printed — only when the signer agreed, else null. */
const printableName = sql`case when ${signatures.printName} then trim(${signatures.firstName}) || ' ' || trim(${signatures.lastName}) end`;

/**
 * Reads a query in id order, `chunkSize` rows at a time (keyset on signatures.id), so memory stays
 * flat however long the list. `query(afterId)` must filter `id > afterId`, order by id and limit;
 * with listCondition() each chunk is a range read of the (petition_id, id) partial index that
 * starts where the previous chunk ended, so the whole list reads each row once (linear time).
 */
async function* keysetChunks<R extends { id: number | string }>(
  tx: DbOrTx,
  chunkSize: number,
  query: (afterId: number) => SQL,
): AsyncGenerator<R[]> {
  let lastId = 0;
  for (;;) {
    const chunk = await rows<R>(tx, query(lastId));
    if (chunk.length === 0) return;
    lastId = Number(chunk[chunk.length - 1]!.id);
    yield chunk;
    if (chunk.length < chunkSize) return;
  }
}

/** Which signatures a packet query reads: one petition's, routed to one office, as of the snapshot. */
type SnapshotQuery = {
  petitionId: number;
  office: RoutingOffice;
  snapshotAt: Date;
  tx?: DbOrTx;
};

export async function countRouted({ petitionId, office, snapshotAt, tx = db }: SnapshotQuery) {
  // Two counts, each answered by an index: the total from (petition, status, verified_at), the local
  // ones from the partial region / postal-prefix indexes (a bitmap OR), instead of testing every
  // verified row's region and postal code.
  const [[all], [local]] = await Promise.all([
    tx
      .select({ n: sql<number>`count(*)::int` })
      .from(signatures)
      .where(snapshotCondition(petitionId, snapshotAt)),
    tx
      .select({ n: sql<number>`count(*)::int` })
      .from(signatures)
      .where(and(snapshotCondition(petitionId, snapshotAt), signatureIsLocal(office))),
  ]);
  const total = Number(all?.n ?? 0);
  const localCount = Number(local?.n ?? 0);
  return { total, local: localCount, other: total - localCount };
}

/**
 * Streams the routed online signatures of one group in chunks (keyset on id, so memory stays flat
 * however long the list). Order: by id, i.e. the order people signed.
 */
export async function* streamOnlineRows({
  petitionId,
  office,
  group,
  snapshotAt,
  timeZone,
  chunkSize = 5000,
  tx = db,
}: SnapshotQuery & {
  group: RouteGroup;
  timeZone: string;
  chunkSize?: number;
}): AsyncGenerator<ListRow[]> {
  // Only printable columns: the name is assembled in SQL, and only when the signer agreed.
  const chunks = keysetChunks<{
    id: number | string;
    name: string | null;
    city: string;
    region: string;
    day: string;
  }>(
    tx,
    chunkSize,
    (afterId) =>
      sql`select ${signatures.id} as id, ${printableName} as name,
                 ${signatures.city} as city, ${signatures.region} as region,
                 to_char(${signatures.createdAt} at time zone ${timeZone}, 'YYYY-MM-DD') as day
          from ${signatures}
          where ${listCondition(petitionId, snapshotAt)} and ${signatures.id} > ${afterId}
            and ${inGroup(office, group)}
          order by ${signatures.petitionId}, ${signatures.id}
          limit ${chunkSize}`,
  );
  for await (const chunk of chunks) {
    yield chunk.map((r) => ({
      kind: "online" as const,
      group,
      count: 1,
      name: r.name,
      city: r.city,
      region: r.region,
      // Never printed or stored in the list: the sign form promises the postal code stays private.
      postalCode: "",
      date: r.day,
    }));
  }
}

/** Paper batches recorded before the snapshot, split by group. */
export async function routedPaperBatches({
  petitionId,
  office,
  snapshotAt,
  tx = db,
}: SnapshotQuery): Promise<Record<RouteGroup, PaperSignatureBatch[]>> {
  const batches = await tx
    .select()
    .from(paperSignatureBatches)
    .where(
      and(
        eq(paperSignatureBatches.petitionId, petitionId),
        sql`${paperSignatureBatches.createdAt} <= ${snapshotAt.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(paperSignatureBatches.id);
  const out: Record<RouteGroup, PaperSignatureBatch[]> = { local: [], other: [] };
  for (const b of batches) out[isLocal(office, b) ? "local" : "other"].push(b);
  return out;
}

export type PublicComment = {
  group: RouteGroup;
  name: string | null;
  city: string;
  comment: string;
};

/**
 * Comments of routed signers that may be shown: present, not hidden by moderators, and from a signer
 * who allowed public display. Local first.
 */
export async function* streamPublicComments({
  petitionId,
  office,
  includeOthers,
  snapshotAt,
  chunkSize = 2000,
  tx = db,
}: SnapshotQuery & {
  includeOthers: boolean;
  chunkSize?: number;
}): AsyncGenerator<PublicComment[]> {
  for (const group of includeOthers ? (["local", "other"] as const) : (["local"] as const)) {
    const chunks = keysetChunks<{
      id: number | string;
      name: string | null;
      city: string;
      comment: string;
    }>(
      tx,
      chunkSize,
      (afterId) =>
        sql`select ${signatures.id} as id, ${printableName} as name,
                   ${signatures.city} as city, ${signatures.comment} as comment
            from ${signatures}
            where ${listCondition(petitionId, snapshotAt)}
              and ${inGroup(office, group)}
              and ${signatures.showPublicly} and ${signatures.commentHiddenAt} is null
              and ${signatures.comment} is not null and length(trim(${signatures.comment})) > 0
              and ${signatures.id} > ${afterId}
            order by ${signatures.petitionId}, ${signatures.id}
            limit ${chunkSize}`,
    );
    for await (const chunk of chunks) {
      yield chunk.map((c) => ({ group, name: c.name, city: c.city, comment: c.comment }));
    }
  }
}

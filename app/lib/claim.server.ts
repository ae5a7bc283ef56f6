// The claim statement shared by the job queue and the mail outbox: take up to `limit` due rows
// with FOR UPDATE SKIP LOCKED (workers in several processes never take the same row), stamp them
// with a lease, and take back rows whose holder stopped renewing its lease (leaseExpired, with its
// restart grace). Both tables share the shape: id, status, priority, attempts, locked_at, locked_by
// and a due-time column.
import { sql, type SQL } from "drizzle-orm";
import { leaseExpired } from "./lease.server";

// Table, column and state names come from the code, never from input; checked all the same.
const plain = (value: string) => {
  if (!/^[a-z_]+$/.test(value)) throw new Error(`not a plain SQL name: ${value}`);
  return value;
};
const name = (value: string) => sql.raw(plain(value));
const state = (value: string) => sql.raw(`'${plain(value)}'`);

export type ClaimTable = {
  table: "jobs" | "outgoing_emails";
  /** The column saying when a waiting row is due. */
  dueAt: "run_at" | "next_attempt_at";
  /** The status of a row waiting its turn, and of one being worked on. */
  waiting: string;
  working: string;
};

/**
 * The UPDATE … RETURNING id that claims due rows of `table` for `lockedBy`. `only` narrows the
 * rows (e.g. one job kind).
 */
export function claimDueRows({
  table,
  dueAt,
  waiting,
  working,
  lockedBy,
  limit,
  leaseSeconds,
  restartGraceSeconds,
  only,
}: ClaimTable & {
  lockedBy: string;
  limit: number;
  leaseSeconds: number;
  restartGraceSeconds: number;
  only?: SQL;
}): SQL {
  const t = name(table);
  const due = name(dueAt);
  return sql`update ${t} set status = ${state(working)}, locked_at = now(), locked_by = ${lockedBy},
          attempts = attempts + 1
        where id in (
          select id from ${t}
          where ((status = ${state(waiting)} and ${due} <= now())
             or (status = ${state(working)} and ${leaseExpired(sql`locked_at`, leaseSeconds, restartGraceSeconds)}))
            ${only ? sql`and ${only}` : sql``}
          order by priority, ${due}, id
          limit ${limit}
          for update skip locked)
        returning id`;
}

/** The heartbeat's UPDATE … RETURNING id: extends the lease of the rows `lockedBy` still holds. */
export function renewClaimedRows({
  table,
  working,
  ids,
  lockedBy,
}: Pick<ClaimTable, "table" | "working"> & { ids: number[]; lockedBy: string }): SQL {
  return sql`update ${name(table)} set locked_at = now()
        where id in ${ids} and status = ${state(working)} and locked_by = ${lockedBy}
        returning id`;
}

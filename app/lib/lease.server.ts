// Leases for work claimed from the database (jobs, outbox rows). A claim stamps locked_at and
// locked_by; the holder renews locked_at while it works (a heartbeat). If the holder dies — a
// SIGKILL, a lost machine — the heartbeat stops and the row is claimable again once its lease has
// run out, so nothing stays "running" forever and nothing waits the old fixed ten minutes.
// See docs/decisions/017-faults.md.
import os from "node:os";
import { sql, type SQL } from "drizzle-orm";

const seconds = (name: string, fallback: number) => {
  const n = Number(process.env[name]);
  return process.env[name] && Number.isFinite(n) && n > 0 ? n : fallback;
};

/** How long a job's claim lasts without a heartbeat (JOB_LEASE_SECONDS, default 30). */
export const jobLeaseSeconds = () => seconds("JOB_LEASE_SECONDS", 30);
/** How long an outbox claim lasts without a heartbeat (MAIL_LEASE_SECONDS, default 60). */
export const mailLeaseSeconds = () => seconds("MAIL_LEASE_SECONDS", 60);

/** Who holds a claim: host and process, as an operator would look for it. */
export const workerId = () => `${os.hostname()}:${process.pid}`;

/**
 * Calls `renew` every third of the lease until the returned stop() is called. A failed renewal
 * (the database away for a moment) is retried at the next beat; the lease is long enough to
 * survive a short outage.
 */
export function heartbeat(renew: () => Promise<unknown>, leaseSeconds: number) {
  const timer = setInterval(
    () => {
      renew().catch(() => {});
    },
    Math.max(200, (leaseSeconds * 1000) / 3),
  );
  timer.unref?.();
  return () => clearInterval(timer);
}

/**
 * The SQL condition "this claim's lease has run out". A claim only counts as abandoned once the
 * database itself has been up for `restartGraceSeconds` (a lease, unless a caller says otherwise):
 * while Postgres was restarting nobody could renew, and the holder — alive, with an email already
 * accepted by SMTP and its "sent" write waiting to be retried — must get its chance to finish
 * before anyone sends that email again.
 */
export function leaseExpired(
  lockedAt: SQL,
  leaseSeconds: number,
  restartGraceSeconds: number = leaseSeconds,
) {
  return sql`(${lockedAt} < now() - make_interval(secs => ${leaseSeconds}::int)
    and pg_postmaster_start_time() < now() - make_interval(secs => ${restartGraceSeconds}::int))`;
}

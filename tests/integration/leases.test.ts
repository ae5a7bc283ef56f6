// Leases: a job or outbox row claimed by a worker that then dies (no heartbeat) is claimed again
// once its lease runs out — not before, and not while a live worker keeps renewing it.
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, isConnectionError, rows } from "#db/client";
import { jobs, outgoingEmails } from "#db/schema";
import signatureConfirmation from "#emails/signature-confirmation";
import { enqueueEmail } from "~/domain/mail/email.server";
import { deliverDueEmails } from "~/domain/mail/outbox-sender.server";
import { claimJobs, finishJob, renewJobLeases } from "~/jobs/queue.server";
import { resetMailerForTests } from "~/lib/mailer.server";
import { enqueueTestJob as enqueueJob } from "../support/jobs";
import { startSmtpServer } from "../support/smtp";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  resetMailerForTests();
  await smtp.close();
});

// The clock is moved by backdating locked_at, not by sleeping, so a slow machine cannot flake it.
const backdate = (table: typeof jobs | typeof outgoingEmails, seconds: number) =>
  db.update(table).set({ lockedAt: sql`now() - make_interval(secs => ${seconds})` });

describe("job leases", () => {
  it("a dead worker's job is claimed again after the lease, a live worker's is not", async () => {
    const dead = await enqueueJob({ kind: "test.lease-dead", dedupeKey: "lease-dead" });
    const live = await enqueueJob({ kind: "test.lease-live", dedupeKey: "lease-live" });
    const first = await claimJobs(10, { lockedBy: "host-a:1", leaseSeconds: 30 });
    expect(first.map((j) => j.id).sort()).toEqual([dead, live].sort());
    // Within the lease nobody else gets them.
    expect(await claimJobs(10, { lockedBy: "host-b:2", leaseSeconds: 30 })).toEqual([]);

    // 40 s later: host-a renewed "live" (its heartbeat) but not "dead" (SIGKILLed while running it).
    await backdate(jobs, 40);
    expect(await renewJobLeases([live!], "host-a:1")).toEqual([live]);
    // (A database that has been up all along: no restart grace.)
    const second = await claimJobs(10, {
      lockedBy: "host-b:2",
      leaseSeconds: 30,
      restartGraceSeconds: 0,
    });
    expect(second.map((j) => j.id)).toEqual([dead]);
    expect(second[0]!.attempts).toBe(2);
    expect(second[0]!.lockedBy).toBe("host-b:2");
    // The first holder has lost it: its heartbeat no longer extends it.
    expect(await renewJobLeases([dead!], "host-a:1")).toEqual([]);

    await finishJob(dead!);
    const [row] = await db.select().from(jobs).where(eq(jobs.id, dead!));
    expect(row!.status).toBe("done");
    expect(row!.lockedBy).toBeNull();
  });
});

describe("leases across a database restart", () => {
  it("a claim left stale by the database's own outage waits a lease after the restart", async () => {
    const id = await enqueueJob({ kind: "test.lease-restart", dedupeKey: "lease-restart" });
    await claimJobs(10, { lockedBy: "host-a:1", leaseSeconds: 30, kind: "test.lease-restart" });
    // Nobody could renew while Postgres was down: the claim looks 40 s old.
    await backdate(jobs, 40);
    const [{ up }] = (await rows<{ up: number }>(
      db,
      sql`select extract(epoch from now() - pg_postmaster_start_time())::float8 as up`,
    )) as [{ up: number }];
    // The database came back `up` seconds ago: within the grace, the live holder keeps its claim…
    const within = { lockedBy: "host-b:2", leaseSeconds: 30, kind: "test.lease-restart" };
    expect(await claimJobs(10, { ...within, restartGraceSeconds: Math.ceil(up) + 60 })).toEqual([]);
    // …and once the database has been up for the grace, the claim is abandoned and taken over.
    const taken = await claimJobs(10, { ...within, restartGraceSeconds: Math.floor(up) - 1 });
    expect(taken.map((j) => j.id)).toEqual([id]);
  });
});

describe("outbox leases", () => {
  it("mail left 'sending' by a dead worker goes out exactly once after the lease", async () => {
    await enqueueEmail({
      template: signatureConfirmation,
      props: signatureConfirmation.sample,
      to: "lease@example.org",
      locale: "en",
      dedupeKey: "lease-mail",
    });
    // A worker claims it and dies before sending.
    await db
      .update(outgoingEmails)
      .set({ status: "sending", lockedAt: new Date(), lockedBy: "host-a:1", attempts: 1 })
      .where(eq(outgoingEmails.dedupeKey, "lease-mail"));
    const before = smtp.received.length;
    const deliver = () =>
      deliverDueEmails({
        smtpUrl: smtp.url,
        lockedBy: "host-b:2",
        leaseSeconds: 60,
        restartGraceSeconds: 0,
      });
    expect(await deliver()).toBe(0);
    await backdate(outgoingEmails, 61);
    expect(await deliver()).toBe(1);
    expect(await deliver()).toBe(0);
    expect(smtp.received.slice(before).flatMap((m) => m.to)).toEqual(["lease@example.org"]);
    const [row] = await db
      .select()
      .from(outgoingEmails)
      .where(eq(outgoingEmails.dedupeKey, "lease-mail"));
    expect(row!.status).toBe("sent");
    expect(row!.attempts).toBe(2);
  });
});

describe("telling 'the database is away' from a bad query", () => {
  it("classifies a refused connection as unavailable and a syntax error as not", async () => {
    const nowhere = postgres("postgres://postgres@127.0.0.1:1/none", {
      connect_timeout: 2,
      onnotice: () => {},
    });
    const refused = await nowhere`select 1`.then(
      () => null,
      (e: unknown) => e,
    );
    await nowhere.end({ timeout: 1 });
    expect(refused).toBeTruthy();
    expect(isConnectionError(refused)).toBe(true);
    const syntax = await db.execute("selec 1" as never).then(
      () => null,
      (e: unknown) => e,
    );
    expect(syntax).toBeTruthy();
    expect(isConnectionError(syntax)).toBe(false);
  });
});

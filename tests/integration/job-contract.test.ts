// The job contract: a claimed job whose stored payload its kind's schema rejects fails at once and
// for good, with an error naming the field, and never reaches the handler; the jobs beside it run.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, rows } from "#db/client";
import { jobs } from "#db/schema";
import { enqueueJob, jobInsertCte } from "~/jobs/queue.server";
import { runJobsUntilIdle } from "~/jobs/runner.server";

const jobRow = async (id: number) => (await db.select().from(jobs).where(eq(jobs.id, id)))[0]!;

describe("job payloads", () => {
  it("a payload its kind rejects fails the job for good, with a clear error", async () => {
    const [bad] = await db
      .insert(jobs)
      .values({ kind: "webhook.deliver", payload: { deliveryId: "seven" } })
      .returning({ id: jobs.id });
    const good = await enqueueJob({ kind: "signature.expire-pending" });
    await runJobsUntilIdle(20);
    const failed = await jobRow(bad!.id);
    expect(failed.status).toBe("failed");
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toContain('invalid payload for job kind "webhook.deliver"');
    expect(failed.lastError).toContain("deliveryId");
    expect((await jobRow(good!)).status).toBe("done");
  });

  it("the confirmation lane fails a malformed batch for good and sends the others", async () => {
    const [bad] = await db
      .insert(jobs)
      .values({ kind: "signature.send-confirmations", payload: { items: "none" } })
      .returning({ id: jobs.id });
    const good = await enqueueJob({ kind: "signature.send-confirmations", payload: { items: [] } });
    await runJobsUntilIdle(20);
    expect((await jobRow(bad!.id)).status).toBe("failed");
    expect((await jobRow(good!)).status).toBe("done");
  });

  it("jobInsertCte queues from inside a statement, deduplicated by key", async () => {
    const insert = () =>
      rows(
        db,
        sql`with queued as (${jobInsertCte({
          kind: "petition.check-goal",
          payloadSql: sql`jsonb_build_object('petitionId', n)`,
          dedupeKeySql: sql`'contract-test:' || n`,
          fromSql: sql`from generate_series(1, 3) as n`,
        })}) select count(*) from queued`,
      );
    await insert();
    await insert();
    const queued = await db
      .select()
      .from(jobs)
      .where(sql`${jobs.dedupeKey} like 'contract-test:%'`);
    expect(
      queued.map((j) => j.payload).sort((a, b) => Number(a.petitionId) - Number(b.petitionId)),
    ).toEqual([{ petitionId: 1 }, { petitionId: 2 }, { petitionId: 3 }]);
    expect(new Set(queued.map((j) => j.kind))).toEqual(new Set(["petition.check-goal"]));
  });
});

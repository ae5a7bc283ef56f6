// Job rows of made-up kinds, for tests of the queue's own mechanics (claims, leases) that must not
// depend on any real kind's handler or payload. The app queues only the kinds of app/jobs/kinds.ts.
import { db } from "#db/client";
import { jobs } from "#db/schema";

export async function enqueueTestJob({
  kind,
  dedupeKey,
}: {
  kind: `test.${string}`;
  dedupeKey: string;
}) {
  const [row] = await db
    .insert(jobs)
    .values({ kind, dedupeKey })
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  return row?.id ?? null;
}

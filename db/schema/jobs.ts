import {
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { identityKey, timestampDefaultNow, tz } from "./columns";
import { jobStatusEnum } from "./enums";

// Background work other than single emails (build-packet, notify-signers, rsvp-reminder,
// reconcile-counts …). Claimed with FOR UPDATE SKIP LOCKED; dedupeKey makes enqueue idempotent.
export const jobs = pgTable(
  "jobs",
  {
    id: identityKey(),
    kind: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    dedupeKey: text(),
    status: jobStatusEnum().notNull().default("queued"),
    // 0 = someone is waiting on it; higher = bulk work (notifying thousands, building packets).
    priority: smallint().notNull().default(0),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(5),
    runAt: timestampDefaultNow(),
    // A lease: the worker holding a running job renews lockedAt while it works (a heartbeat);
    // a job whose lease has run out (its worker died) is claimed again. lockedBy names the holder.
    lockedAt: timestamp(tz),
    lockedBy: text(),
    progress: integer().notNull().default(0),
    lastError: text(),
    createdAt: timestampDefaultNow(),
    finishedAt: timestamp(tz),
  },
  (t) => [
    uniqueIndex("jobs_dedupe_key").on(t.dedupeKey),
    index("jobs_due_idx").on(t.status, t.priority, t.runAt),
  ],
);

export type Job = typeof jobs.$inferSelect;

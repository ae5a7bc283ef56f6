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
import { emailStatusEnum, localeEnum } from "./enums";

const tz = { withTimezone: true } as const;

// The outbox: one row per recipient per message. dedupeKey is unique, so enqueueing the same
// message twice (a rerun job, a double click) stores one row and sends once.
export const outgoingEmails = pgTable(
  "outgoing_emails",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    dedupeKey: text().notNull(),
    template: text().notNull(),
    toAddress: text().notNull(),
    locale: localeEnum().notNull().default("en"),
    subject: text().notNull(),
    html: text().notNull(),
    text: text().notNull(),
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    attachments: jsonb()
      .$type<{ filename: string; contentType: string; content: string }[]>()
      .notNull()
      .default([]),
    status: emailStatusEnum().notNull().default("pending"),
    // 0 = a person is waiting for it (confirmations, resets); higher = bulk (signer updates).
    priority: smallint().notNull().default(0),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp(tz).notNull().defaultNow(),
    // Lease of a "sending" claim, renewed while the batch is sent; lockedBy names the holder.
    lockedAt: timestamp(tz),
    lockedBy: text(),
    lastError: text(),
    messageId: text(),
    createdAt: timestamp(tz).notNull().defaultNow(),
    sentAt: timestamp(tz),
  },
  (t) => [
    uniqueIndex("outgoing_emails_dedupe_key").on(t.dedupeKey),
    index("outgoing_emails_due_idx").on(t.status, t.priority, t.nextAttemptAt),
    // The per-signer daily cap on updates asks "what did this address get today?".
    index("outgoing_emails_to_created_idx").on(t.toAddress, t.createdAt),
  ],
);

// With no SMTP_URL, the transport writes here instead of the network; /dev/mail reads it.
export const capturedEmails = pgTable(
  "captured_emails",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    outgoingEmailId: integer(),
    toAddress: text().notNull(),
    fromAddress: text().notNull(),
    subject: text().notNull(),
    html: text().notNull(),
    text: text().notNull(),
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    attachments: jsonb()
      .$type<{ filename: string; contentType: string; content: string }[]>()
      .notNull()
      .default([]),
    createdAt: timestamp(tz).notNull().defaultNow(),
  },
  (t) => [index("captured_emails_to_idx").on(t.toAddress, t.createdAt)],
);

export type OutgoingEmail = typeof outgoingEmails.$inferSelect;
export type CapturedEmail = typeof capturedEmails.$inferSelect;

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
import { emailStatusEnum, localeEnum } from "./enums";

// A captured email keeps exactly what the outbox row held, so both store headers and attachments alike.
const mailHeaders = () => jsonb().$type<Record<string, string>>().notNull().default({});
const mailAttachments = () =>
  jsonb()
    .$type<{ filename: string; contentType: string; content: string }[]>()
    .notNull()
    .default([]);

// The outbox: one row per recipient per message. dedupeKey is unique, so enqueueing the same
// message twice (a rerun job, a double click) stores one row and sends once.
export const outgoingEmails = pgTable(
  "outgoing_emails",
  {
    id: identityKey(),
    dedupeKey: text().notNull(),
    template: text().notNull(),
    toAddress: text().notNull(),
    locale: localeEnum().notNull().default("en"),
    subject: text().notNull(),
    html: text().notNull(),
    text: text().notNull(),
    headers: mailHeaders(),
    attachments: mailAttachments(),
    status: emailStatusEnum().notNull().default("pending"),
    // 0 = a person is waiting for it (confirmations, resets); higher = bulk (signer updates).
    priority: smallint().notNull().default(0),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestampDefaultNow(),
    // Lease of a "sending" claim, renewed while the batch is sent; lockedBy names the holder.
    lockedAt: timestamp(tz),
    lockedBy: text(),
    lastError: text(),
    messageId: text(),
    createdAt: timestampDefaultNow(),
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
    id: identityKey(),
    outgoingEmailId: integer(),
    toAddress: text().notNull(),
    fromAddress: text().notNull(),
    subject: text().notNull(),
    html: text().notNull(),
    text: text().notNull(),
    headers: mailHeaders(),
    attachments: mailAttachments(),
    createdAt: timestampDefaultNow(),
  },
  (t) => [index("captured_emails_to_idx").on(t.toAddress, t.createdAt)],
);

export type OutgoingEmail = typeof outgoingEmails.$inferSelect;
export type CapturedEmail = typeof capturedEmails.$inferSelect;

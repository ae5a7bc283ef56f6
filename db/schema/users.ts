import { index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { belongsTo, identityKey, timestampDefaultNow, tz } from "./columns";
import { localeEnum } from "./enums";

export const users = pgTable(
  "users",
  {
    id: identityKey(),
    // Stored lower-cased; uniqueness is on this column.
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    locale: localeEnum().notNull().default("en"),
    timeZone: text().notNull().default("America/Chicago"),
    createdAt: timestampDefaultNow(),
    updatedAt: timestampDefaultNow(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);

// A session id is a random token; only its SHA-256 is stored so a database leak cannot log anyone in.
export const sessions = pgTable(
  "sessions",
  {
    idHash: text().primaryKey(),
    userId: belongsTo(() => users.id),
    createdAt: timestampDefaultNow(),
    expiresAt: timestamp(tz).notNull(),
    revokedAt: timestamp(tz),
    userAgent: text(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const passwordResets = pgTable(
  "password_resets",
  {
    tokenHash: text().primaryKey(),
    userId: belongsTo(() => users.id),
    createdAt: timestampDefaultNow(),
    expiresAt: timestamp(tz).notNull(),
    usedAt: timestamp(tz),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

// Fixed-window counters for throttling (login per account / per IP, signing per IP per petition).
// Keys never hold a raw IP address: callers pass a keyed hash.
export const rateLimits = pgTable("rate_limits", {
  key: text().primaryKey(),
  windowStart: timestamp(tz).notNull(),
  hits: integer().notNull().default(0),
});

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Session = typeof sessions.$inferSelect;

// Tables that exist so Handover keeps less about people: short-lived keys for hashing client
// addresses in rate limits.
import { date, pgTable, text } from "drizzle-orm/pg-core";

// The day's random key for hashing client addresses in rate-limit keys. Keys older than a day are
// deleted, so yesterday's hashes can no longer be tested against candidate addresses.
export const clientKeys = pgTable("client_keys", {
  day: date().primaryKey(),
  key: text().notNull(),
});

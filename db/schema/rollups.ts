// Rollups of signatures for the petition dashboard, kept by statement-level triggers on
// `signatures` (migration "scale-rollups"): every insert, update and delete adds its net change in
// the same transaction, so the figures are exact and current without scanning a million rows per
// view. Rows are sharded (by the writing connection) so concurrent confirmations rarely wait on the
// same row; readers sum over shards. See docs/decisions/026-rollups-and-search.md.
import { integer, pgTable, primaryKey, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { belongsTo, tz } from "./columns";
import { signatureStatusEnum } from "./enums";
import { petitions } from "./petitions";

/** Verified signatures per UTC hour of verification. */
export const signatureHourly = pgTable(
  "signature_hourly",
  {
    petitionId: belongsTo(() => petitions.id),
    hour: timestamp(tz).notNull(),
    shard: smallint().notNull(),
    n: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.petitionId, t.hour, t.shard] })],
);

/** Verified signatures per city and region. */
export const signaturePlaces = pgTable(
  "signature_places",
  {
    petitionId: belongsTo(() => petitions.id),
    city: text().notNull(),
    region: text().notNull(),
    shard: smallint().notNull(),
    n: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.petitionId, t.city, t.region, t.shard] })],
);

/** Signatures per status. */
export const signatureStatusCounts = pgTable(
  "signature_status_counts",
  {
    petitionId: belongsTo(() => petitions.id),
    status: signatureStatusEnum().notNull(),
    shard: smallint().notNull(),
    n: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.petitionId, t.status, t.shard] })],
);

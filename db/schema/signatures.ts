import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { belongsTo, identityKey, timestampDefaultNow, tz } from "./columns";
import { localeEnum, signatureStatusEnum } from "./enums";
import { petitions } from "./petitions";
import { users } from "./users";

export const signatures = pgTable(
  "signatures",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    petitionId: belongsTo(() => petitions.id),
    status: signatureStatusEnum().notNull().default("pending"),
    firstName: text().notNull(),
    lastName: text().notNull(),
    // Contact data: only ever selected by queries for roles allowed to see it.
    email: text().notNull(),
    emailCanonical: text().notNull(),
    postalCode: text().notNull().default(""),
    city: text().notNull().default(""),
    region: text().notNull().default(""),
    country: text().notNull().default("US"),
    comment: text(),
    commentHiddenAt: timestamp(tz),
    // Signer's choices: show first name + initial on the page; print the name in delivery packets;
    // receive updates (delivery news). All default off.
    showPublicly: boolean().notNull().default(false),
    // Signer's choice for the recent-signers list when the name is not shown: "Someone in <city>"
    // (true) or not listed at all (false).
    showInRecent: boolean().notNull().default(true),
    printName: boolean().notNull().default(false),
    keepUpdated: boolean().notNull().default(false),
    locale: localeEnum().notNull().default("en"),
    confirmTokenHash: text(),
    confirmExpiresAt: timestamp(tz),
    createdAt: timestampDefaultNow(),
    verifiedAt: timestamp(tz),
    invalidatedAt: timestamp(tz),
    invalidatedReason: text(),
    invalidatedBy: integer().references(() => users.id, { onDelete: "set null" }),
    unsubscribedAt: timestamp(tz),
    // Where the signer came from: the share link's or embed's `?source=` code (e.g. whatsapp-houston).
    source: text(),
    // Folded names for search (accents and case dropped by handover_fold(), app/lib/fold.ts),
    // computed by the database on write so a search never folds a million names per query.
    searchFirst: text().generatedAlwaysAs(sql`handover_fold(first_name)`),
    searchLast: text().generatedAlwaysAs(sql`handover_fold(last_name)`),
  },
  (t) => [
    uniqueIndex("signatures_petition_email_key").on(t.petitionId, t.emailCanonical),
    uniqueIndex("signatures_confirm_token_key").on(t.confirmTokenHash),
    index("signatures_petition_status_verified_idx").on(t.petitionId, t.status, t.verifiedAt),
    index("signatures_petition_created_idx").on(t.petitionId, t.createdAt),
    index("signatures_petition_city_idx").on(t.petitionId, t.city),
    index("signatures_petition_source_idx").on(t.petitionId, t.source, t.createdAt),
    index("signatures_petition_region_postal_idx").on(t.petitionId, t.region, t.postalCode),
    index("signatures_petition_last_name_idx").on(t.petitionId, sql`lower(${t.lastName})`),
    // Name search in the organizers' table is a prefix match on the folded name ("garc" finds
    // "García"): handover_fold() (SQL, immutable; see app/lib/fold.ts) drops accents and case.
    // Pattern ops let LIKE 'garc%' use the index whatever the database collation.
    // Last name then first name: "maria garc" reads the "garc" range and tests "maria%" inside
    // the index, so only real matches reach the table.
    index("signatures_petition_last_name_fold_idx").on(
      t.petitionId,
      sql`${t.searchLast} text_pattern_ops`,
      sql`${t.searchFirst} text_pattern_ops`,
    ),
    index("signatures_petition_first_name_fold_idx").on(
      t.petitionId,
      sql`${t.searchFirst} text_pattern_ops`,
    ),
    // "Has a comment" is a filter and a count on the organizers' table.
    index("signatures_petition_commented_idx")
      .on(t.petitionId, t.createdAt)
      .where(sql`coalesce(${t.comment}, '') <> ''`),
    // Packet routing counts an office's local signers: region or postal-code prefix, verified only.
    index("signatures_petition_local_region_idx")
      .on(t.petitionId, sql`upper(trim(${t.region}))`, t.verifiedAt)
      .where(sql`${t.status} = 'verified' and ${t.invalidatedAt} is null`),
    // A packet's list streams an office's verified signers in the order they signed, a chunk at a
    // time: each chunk starts in this index where the last one ended (keyset on id), so a list of
    // 850,000 rows reads each row once instead of re-sorting the petition per chunk.
    index("signatures_petition_verified_id_idx")
      .on(t.petitionId, t.id)
      .where(sql`${t.status} = 'verified' and ${t.invalidatedAt} is null`),
    index("signatures_petition_local_postal_idx")
      .on(t.petitionId, sql`upper(trim(${t.postalCode})) text_pattern_ops`, t.verifiedAt)
      .where(sql`${t.status} = 'verified' and ${t.invalidatedAt} is null`),
  ],
);

// Signatures gathered on paper sheets: a count per city, optionally with the names as written.
export const paperSignatureBatches = pgTable(
  "paper_signature_batches",
  {
    id: identityKey(),
    petitionId: belongsTo(() => petitions.id),
    city: text().notNull(),
    region: text().notNull().default(""),
    postalCode: text().notNull().default(""),
    count: integer().notNull(),
    // One name per line, as printed on the sheets; may be empty (count only).
    names: text().notNull().default(""),
    note: text().notNull().default(""),
    recordedBy: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestampDefaultNow(),
  },
  (t) => [index("paper_signature_batches_petition_idx").on(t.petitionId)],
);

export type Signature = typeof signatures.$inferSelect;
export type NewSignature = typeof signatures.$inferInsert;
export type PaperSignatureBatch = typeof paperSignatureBatches.$inferSelect;

import {
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { belongsTo, identityKey, timestampDefaultNow, tz } from "./columns";
import { campaigns } from "./campaigns";
import { localeEnum, petitionStatusEnum } from "./enums";
import { offices } from "./offices";
import { users } from "./users";

export const petitions = pgTable(
  "petitions",
  {
    id: identityKey(),
    campaignId: belongsTo(() => campaigns.id),
    slug: text().notNull(),
    status: petitionStatusEnum().notNull().default("draft"),
    defaultLocale: localeEnum().notNull().default("en"),
    // ISO 3166-1 alpha-2 the sign form defaults to.
    country: text().notNull().default("US"),
    goal: integer().notNull().default(1000),
    endsAt: timestamp(tz),
    imageUrl: text(),
    createdBy: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestampDefaultNow(),
    updatedAt: timestampDefaultNow(),
    publishedAt: timestamp(tz),
    closedAt: timestamp(tz),
    goalReachedAt: timestamp(tz),
    // When the retention job last erased this petition's signers (docs/decisions/028-retention.md).
    anonymisedAt: timestamp(tz),
  },
  (t) => [
    uniqueIndex("petitions_slug_key").on(t.slug),
    index("petitions_campaign_idx").on(t.campaignId),
    index("petitions_status_idx").on(t.status),
  ],
);

// One row per language a petition is written in.
export const petitionTexts = pgTable(
  "petition_texts",
  {
    petitionId: belongsTo(() => petitions.id),
    locale: localeEnum().notNull(),
    title: text().notNull(),
    summary: text().notNull().default(""),
    // Markdown; rendered with raw HTML disabled.
    body: text().notNull().default(""),
    updatedAt: timestampDefaultNow(),
  },
  (t) => [primaryKey({ columns: [t.petitionId, t.locale] })],
);

// Earlier slugs of a published petition keep working as redirects.
export const petitionSlugs = pgTable(
  "petition_slugs",
  {
    slug: text().primaryKey(),
    petitionId: belongsTo(() => petitions.id),
    createdAt: timestampDefaultNow(),
  },
  (t) => [index("petition_slugs_petition_idx").on(t.petitionId)],
);

export const targets = pgTable(
  "targets",
  {
    id: identityKey(),
    petitionId: belongsTo(() => petitions.id),
    name: text().notNull(),
    title: text().notNull().default(""),
    officeId: integer().references(() => offices.id, { onDelete: "set null" }),
    position: smallint().notNull().default(0),
  },
  (t) => [index("targets_petition_idx").on(t.petitionId)],
);

// Sharded verified-signature counters: confirmations add to a random shard so a popular petition
// never serialises on one row; the page sums the shards; a reconcile job rewrites them from count(*).
// See docs/decisions/003-counting.md.
export const petitionCounts = pgTable(
  "petition_counts",
  {
    petitionId: belongsTo(() => petitions.id),
    shard: smallint().notNull(),
    verified: integer().notNull().default(0),
    updatedAt: timestampDefaultNow(),
  },
  (t) => [primaryKey({ columns: [t.petitionId, t.shard] })],
);

export type Petition = typeof petitions.$inferSelect;
export type NewPetition = typeof petitions.$inferInsert;
export type PetitionText = typeof petitionTexts.$inferSelect;
export type Target = typeof targets.$inferSelect;

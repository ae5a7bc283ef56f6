import { index, pgTable, text } from "drizzle-orm/pg-core";
import { belongsTo, identityKey, timestampDefaultNow } from "./columns";
import { campaigns } from "./campaigns";
import { officeKindEnum } from "./enums";

export const offices = pgTable(
  "offices",
  {
    id: identityKey(),
    campaignId: belongsTo(() => campaigns.id),
    name: text().notNull(),
    kind: officeKindEnum().notNull().default("other"),
    decisionMaker: text().notNull().default(""),
    decisionMakerTitle: text().notNull().default(""),
    addressLine1: text().notNull().default(""),
    addressLine2: text().notNull().default(""),
    city: text().notNull(),
    region: text().notNull().default(""),
    postalCode: text().notNull().default(""),
    country: text().notNull().default("US"),
    // IANA zone, e.g. America/Chicago: every event time at this office is shown in it.
    timeZone: text().notNull(),
    phone: text().notNull().default(""),
    email: text().notNull().default(""),
    notes: text().notNull().default(""),
    // Which signatures are "local" to this office (used to route packets).
    localRegions: text().array().notNull().default([]),
    localPostalPrefixes: text().array().notNull().default([]),
    createdAt: timestampDefaultNow(),
    updatedAt: timestampDefaultNow(),
  },
  (t) => [index("offices_campaign_idx").on(t.campaignId)],
);

export type Office = typeof offices.$inferSelect;
export type NewOffice = typeof offices.$inferInsert;

// The office's side of a delivery and what signers hear between signing and delivery day:
// electronic deliveries with the office's one-time acknowledgement link, decision makers'
// responses shown on the petition page, and organizers' updates to signers.
import { index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { belongsTo, identityKey, timestampDefaultNow, tz } from "./columns";
import { deliveryEvents } from "./deliveries";
import { localeEnum } from "./enums";
import { offices } from "./offices";
import { petitions } from "./petitions";
import type { ResponseSource } from "./states";
import { users } from "./users";

// One email delivery of an event's packet to its office. The acknowledgement link and the packet
// link are two different random tokens (stored as SHA-256 only): each does one thing and expires.
export const officeDeliveries = pgTable(
  "office_deliveries",
  {
    id: identityKey(),
    eventId: belongsTo(() => deliveryEvents.id),
    packetId: text().notNull(),
    toAddress: text().notNull(),
    locale: localeEnum().notNull().default("en"),
    coverNote: text().notNull().default(""),
    sentBy: integer().references(() => users.id, { onDelete: "set null" }),
    sentAt: timestampDefaultNow(),
    ackTokenHash: text().notNull(),
    ackExpiresAt: timestamp(tz).notNull(),
    ackUsedAt: timestamp(tz),
    ackName: text().notNull().default(""),
    ackTitle: text().notNull().default(""),
    packetTokenHash: text().notNull(),
    packetExpiresAt: timestamp(tz).notNull(),
  },
  (t) => [
    uniqueIndex("office_deliveries_event_key").on(t.eventId),
    uniqueIndex("office_deliveries_ack_token_key").on(t.ackTokenHash),
    uniqueIndex("office_deliveries_packet_token_key").on(t.packetTokenHash),
  ],
);

// A decision maker's answer, shown on the petition page: from the office's acknowledgement page
// or typed in by an organizer from a letter.
export const decisionMakerResponses = pgTable(
  "decision_maker_responses",
  {
    id: identityKey(),
    petitionId: belongsTo(() => petitions.id),
    eventId: integer().references(() => deliveryEvents.id, { onDelete: "set null" }),
    officeId: integer().references(() => offices.id, { onDelete: "set null" }),
    source: text().$type<ResponseSource>().notNull(),
    authorName: text().notNull().default(""),
    authorTitle: text().notNull().default(""),
    body: text().notNull(),
    respondedAt: timestamp(tz).notNull(),
    recordedBy: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestampDefaultNow(),
    // When the signers' email was queued (or handed to the acknowledgement email); null = not yet.
    signersNotifiedAt: timestamp(tz),
  },
  (t) => [index("decision_maker_responses_petition_idx").on(t.petitionId, t.respondedAt)],
);

// An organizer's update to signers, in English and Spanish.
export const petitionUpdates = pgTable(
  "petition_updates",
  {
    id: identityKey(),
    petitionId: belongsTo(() => petitions.id),
    titleEn: text().notNull(),
    bodyEn: text().notNull(),
    titleEs: text().notNull(),
    bodyEs: text().notNull(),
    postedBy: integer().references(() => users.id, { onDelete: "set null" }),
    postedAt: timestampDefaultNow(),
  },
  (t) => [index("petition_updates_petition_idx").on(t.petitionId, t.postedAt)],
);

export type OfficeDelivery = typeof officeDeliveries.$inferSelect;
export type DecisionMakerResponse = typeof decisionMakerResponses.$inferSelect;
export type PetitionUpdate = typeof petitionUpdates.$inferSelect;

import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { belongsTo, identityKey, timestampDefaultNow, tz } from "./columns";
import { campaigns } from "./campaigns";
import {
  acknowledgementKindEnum,
  eventStatusEnum,
  localeEnum,
  rsvpRoleEnum,
  rsvpStatusEnum,
} from "./enums";
import { offices } from "./offices";
import type { DeliveryChannel } from "./states";
import { petitions } from "./petitions";
import { users } from "./users";

// One coordinated day: the same petition carried to several offices.
export const deliveryDays = pgTable(
  "delivery_days",
  {
    id: identityKey(),
    campaignId: belongsTo(() => campaigns.id),
    petitionId: belongsTo(() => petitions.id),
    date: date().notNull(),
    title: text().notNull().default(""),
    createdBy: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestampDefaultNow(),
  },
  (t) => [index("delivery_days_campaign_idx").on(t.campaignId)],
);

export const deliveryEvents = pgTable(
  "delivery_events",
  {
    id: identityKey(),
    campaignId: belongsTo(() => campaigns.id),
    petitionId: belongsTo(() => petitions.id),
    officeId: integer()
      .notNull()
      .references(() => offices.id, { onDelete: "restrict" }),
    deliveryDayId: integer().references(() => deliveryDays.id, { onDelete: "set null" }),
    status: eventStatusEnum().notNull().default("planned"),
    startsAt: timestamp(tz).notNull(),
    endsAt: timestamp(tz).notNull(),
    // The office's IANA zone at planning time; times are shown in it.
    timeZone: text().notNull(),
    meetingPoint: text().notNull().default(""),
    meetingPointPrivate: boolean().notNull().default(false),
    capacity: integer(),
    description: text().notNull().default(""),
    descriptionEs: text().notNull().default(""),
    createdBy: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestampDefaultNow(),
    updatedAt: timestampDefaultNow(),
    plannedAt: timestampDefaultNow(),
    confirmedAt: timestamp(tz),
    packetReadyAt: timestamp(tz),
    deliveredAt: timestamp(tz),
    acknowledgedAt: timestamp(tz),
    postponedAt: timestamp(tz),
    cancelledAt: timestamp(tz),
    // How the packet reached the office: "in_person" (a coordinator's report) or "email"; null before.
    deliveryChannel: text().$type<DeliveryChannel>(),
    // True when the office itself confirmed receipt on its acknowledgement page (no account).
    acknowledgedByOffice: boolean().notNull().default(false),
    // Kept by database triggers (migration "scale-rollups"), never written by the app: RSVP counts
    // for the board, and the last time anything the board shows changed (the event, its RSVPs, its
    // packets) so the live view asks "what changed since T" through an index.
    rsvpGoing: integer().notNull().default(0),
    rsvpWaitlisted: integer().notNull().default(0),
    changedAt: timestampDefaultNow(),
  },
  (t) => [
    index("delivery_events_campaign_changed_idx").on(t.campaignId, t.changedAt),
    index("delivery_events_campaign_starts_idx").on(t.campaignId, t.startsAt),
    index("delivery_events_petition_idx").on(t.petitionId),
    index("delivery_events_day_idx").on(t.deliveryDayId),
    index("delivery_events_status_idx").on(t.campaignId, t.status),
  ],
);

export const eventCoordinators = pgTable(
  "event_coordinators",
  {
    eventId: belongsTo(() => deliveryEvents.id),
    userId: belongsTo(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.userId] }),
    index("event_coordinators_user_idx").on(t.userId),
  ],
);

// A history row per status transition: who, when, why.
export const eventStatusChanges = pgTable(
  "event_status_changes",
  {
    id: identityKey(),
    eventId: belongsTo(() => deliveryEvents.id),
    fromStatus: eventStatusEnum(),
    toStatus: eventStatusEnum().notNull(),
    actorId: integer().references(() => users.id, { onDelete: "set null" }),
    // The move was made by the office on its acknowledgement page (actorId is then null).
    byOffice: boolean().notNull().default(false),
    note: text().notNull().default(""),
    createdAt: timestampDefaultNow(),
  },
  (t) => [index("event_status_changes_event_idx").on(t.eventId, t.createdAt)],
);

export const deliveryReports = pgTable("delivery_reports", {
  eventId: integer()
    .primaryKey()
    .references(() => deliveryEvents.id, { onDelete: "cascade" }),
  deliveredAt: timestamp(tz).notNull(),
  receivedByName: text().notNull().default(""),
  receivedByTitle: text().notNull().default(""),
  signaturesHandedOver: integer(),
  attendeesCount: integer(),
  howItWent: text().notNull().default(""),
  officeResponse: text().notNull().default(""),
  links: text().array().notNull().default([]),
  reportedBy: integer().references(() => users.id, { onDelete: "set null" }),
  createdAt: timestampDefaultNow(),
  updatedAt: timestampDefaultNow(),
});

export const acknowledgements = pgTable("acknowledgements", {
  eventId: integer()
    .primaryKey()
    .references(() => deliveryEvents.id, { onDelete: "cascade" }),
  kind: acknowledgementKindEnum().notNull(),
  note: text().notNull().default(""),
  acknowledgedAt: timestamp(tz).notNull(),
  recordedBy: integer().references(() => users.id, { onDelete: "set null" }),
  createdAt: timestampDefaultNow(),
});

export const rsvps = pgTable(
  "rsvps",
  {
    id: identityKey(),
    eventId: belongsTo(() => deliveryEvents.id),
    name: text().notNull(),
    email: text().notNull(),
    emailCanonical: text().notNull(),
    // Kept only when the volunteer agreed that the event's coordinators may see it (shareContact).
    phone: text().notNull().default(""),
    shareContact: boolean().notNull().default(false),
    role: rsvpRoleEnum().notNull().default("attend"),
    status: rsvpStatusEnum().notNull(),
    locale: localeEnum().notNull().default("en"),
    cancelTokenHash: text().notNull(),
    // Hash of the link that confirms the address; null once confirmed.
    confirmTokenHash: text(),
    createdAt: timestampDefaultNow(),
    confirmedAt: timestamp(tz),
    waitlistedAt: timestamp(tz),
    promotedAt: timestamp(tz),
    cancelledAt: timestamp(tz),
    checkedInAt: timestamp(tz),
  },
  (t) => [
    uniqueIndex("rsvps_event_email_key").on(t.eventId, t.emailCanonical),
    uniqueIndex("rsvps_cancel_token_key").on(t.cancelTokenHash),
    uniqueIndex("rsvps_confirm_token_key").on(t.confirmTokenHash),
    index("rsvps_event_status_idx").on(t.eventId, t.status, t.createdAt),
  ],
);

export type DeliveryDay = typeof deliveryDays.$inferSelect;
export type DeliveryEvent = typeof deliveryEvents.$inferSelect;
export type NewDeliveryEvent = typeof deliveryEvents.$inferInsert;
export type EventStatusChange = typeof eventStatusChanges.$inferSelect;
export type DeliveryReport = typeof deliveryReports.$inferSelect;
export type Acknowledgement = typeof acknowledgements.$inferSelect;
export type Rsvp = typeof rsvps.$inferSelect;

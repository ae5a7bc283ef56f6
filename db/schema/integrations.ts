import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { belongsTo, identityKey, timestampDefaultNow, tz } from "./columns";
import { campaigns } from "./campaigns";
import { apiTokenScopeEnum, webhookDeliveryStatusEnum } from "./enums";
import { users } from "./users";

// A campaign's API tokens for the OSDI API. Only the SHA-256 of the token is stored; the token is
// shown once. A token acts with its creator's role, narrowed by its scope: removing the creator
// from the campaign disables it.
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: identityKey(),
    campaignId: belongsTo(() => campaigns.id),
    name: text().notNull(),
    scope: apiTokenScopeEnum().notNull().default("read"),
    // The sender already confirmed consent (e.g. the CRM's own double opt-in): signatures recorded
    // with this token are verified at once instead of waiting for the signer's confirmation click.
    consentVerified: boolean().notNull().default(false),
    tokenHash: text().notNull(),
    // The first characters, to tell tokens apart on the page ("hov_ab12…").
    prefix: text().notNull(),
    createdBy: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestampDefaultNow(),
    expiresAt: timestamp(tz),
    lastUsedAt: timestamp(tz),
    revokedAt: timestamp(tz),
  },
  (t) => [
    uniqueIndex("api_tokens_hash_key").on(t.tokenHash),
    index("api_tokens_campaign_idx").on(t.campaignId),
  ],
);

// Where a campaign's events are POSTed. The signing secret is stored encrypted (AES-GCM with a
// key derived from SESSION_SECRET): it must be readable to sign, unlike a token.
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: identityKey(),
    campaignId: belongsTo(() => campaigns.id),
    url: text().notNull(),
    events: text().array().notNull().default([]),
    includeContact: boolean().notNull().default(false),
    secretEncrypted: text().notNull(),
    createdBy: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestampDefaultNow(),
    updatedAt: timestampDefaultNow(),
    // Failed attempts in a row (any delivery); a 2xx resets it. Reaching the limit pauses the endpoint.
    consecutiveFailures: integer().notNull().default(0),
    pausedAt: timestamp(tz),
    deletedAt: timestamp(tz),
  },
  (t) => [index("webhook_endpoints_campaign_idx").on(t.campaignId)],
);

// One row per event per endpoint (a resend adds a row with the same eventId). The body is built at
// the first attempt and kept, so every retry sends the same bytes.
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: identityKey(),
    endpointId: belongsTo(() => webhookEndpoints.id),
    // Idempotency id: the same for every attempt and resend of one event to one endpoint.
    eventId: text().notNull(),
    eventType: text().notNull(),
    subject: jsonb().$type<Record<string, number | string>>().notNull().default({}),
    body: text(),
    status: webhookDeliveryStatusEnum().notNull().default("pending"),
    attempts: smallint().notNull().default(0),
    lastStatusCode: integer(),
    lastError: text(),
    createdAt: timestampDefaultNow(),
    nextAttemptAt: timestamp(tz),
    lockedAt: timestamp(tz),
    deliveredAt: timestamp(tz),
    failedAt: timestamp(tz),
  },
  (t) => [
    index("webhook_deliveries_endpoint_created_idx").on(t.endpointId, t.createdAt),
    index("webhook_deliveries_event_idx").on(t.eventId),
  ],
);

export type ApiToken = typeof apiTokens.$inferSelect;
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;

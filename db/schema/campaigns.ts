import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { belongsTo, identityKey, timestampDefaultNow, tz } from "./columns";
import { campaignRoleEnum, localeEnum } from "./enums";
import { users } from "./users";

export const campaigns = pgTable(
  "campaigns",
  {
    id: identityKey(),
    slug: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(""),
    defaultLocale: localeEnum().notNull().default("en"),
    // Petition updates to signers: at most one per petition in this many hours.
    updateIntervalHours: integer().notNull().default(72),
    // Months after a petition closes before its signers' names, emails, postal codes and comments
    // are erased (docs/decisions/028-retention.md). 1–36; only the owner changes it.
    retentionMonths: integer().notNull().default(6),
    createdBy: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestampDefaultNow(),
    updatedAt: timestampDefaultNow(),
    deletedAt: timestamp(tz),
  },
  (t) => [uniqueIndex("campaigns_slug_key").on(t.slug)],
);

export const campaignMembers = pgTable(
  "campaign_members",
  {
    id: identityKey(),
    campaignId: belongsTo(() => campaigns.id),
    userId: belongsTo(() => users.id),
    role: campaignRoleEnum().notNull(),
    createdAt: timestampDefaultNow(),
    updatedAt: timestampDefaultNow(),
  },
  (t) => [
    uniqueIndex("campaign_members_campaign_user_key").on(t.campaignId, t.userId),
    index("campaign_members_user_idx").on(t.userId),
  ],
);

export const campaignInvitations = pgTable(
  "campaign_invitations",
  {
    id: identityKey(),
    campaignId: belongsTo(() => campaigns.id),
    email: text().notNull(),
    role: campaignRoleEnum().notNull(),
    tokenHash: text().notNull(),
    invitedBy: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestampDefaultNow(),
    expiresAt: timestamp(tz).notNull(),
    acceptedAt: timestamp(tz),
    acceptedBy: integer().references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp(tz),
  },
  (t) => [
    uniqueIndex("campaign_invitations_token_key").on(t.tokenHash),
    index("campaign_invitations_campaign_idx").on(t.campaignId),
  ],
);

export const auditLogs = pgTable(
  "audit_logs",
  {
    id: identityKey(),
    campaignId: integer().references(() => campaigns.id, { onDelete: "cascade" }),
    actorId: integer().references(() => users.id, { onDelete: "set null" }),
    // e.g. "petition.publish", "signatures.export", "member.role_change"
    action: text().notNull(),
    subjectType: text(),
    subjectId: text(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestampDefaultNow(),
  },
  (t) => [index("audit_logs_campaign_created_idx").on(t.campaignId, t.createdAt)],
);

export type Campaign = typeof campaigns.$inferSelect;
export type CampaignMember = typeof campaignMembers.$inferSelect;
export type CampaignInvitation = typeof campaignInvitations.$inferSelect;
export type AuditLog = typeof auditLogs.$inferSelect;

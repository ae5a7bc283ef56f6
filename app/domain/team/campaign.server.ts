import { and, asc, desc, eq, isNull, lt } from "drizzle-orm";
import { db } from "#db/client";
import { auditLogs, campaignMembers, campaigns, users } from "#db/schema";
import type { Locale } from "#db/schema/states";
import { recordAudit } from "./audit.server";
import {
  assertCampaignPermission,
  ForbiddenError,
  type Actor,
  type Permission,
} from "./authorization.server";

/** Campaigns the user belongs to, with their role in each. */
export async function listMyCampaigns({ userId }: { userId: number }) {
  return db
    .select({
      id: campaigns.id,
      slug: campaigns.slug,
      name: campaigns.name,
      description: campaigns.description,
      role: campaignMembers.role,
    })
    .from(campaignMembers)
    .innerJoin(campaigns, eq(campaigns.id, campaignMembers.campaignId))
    .where(and(eq(campaignMembers.userId, userId), isNull(campaigns.deletedAt)))
    .orderBy(asc(campaigns.name));
}

export async function getCampaignBySlug(slug: string) {
  const [campaign] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.slug, slug), isNull(campaigns.deletedAt)));
  return campaign ?? null;
}

/** The campaign and the actor's role, or ForbiddenError when the actor is not a member. */
export async function getCampaignForMember({
  actor,
  slug,
  permission = "campaign.view",
}: {
  actor: Actor;
  slug: string;
  permission?: Permission;
}) {
  const campaign = await getCampaignBySlug(slug);
  if (!campaign) return null;
  const role = await assertCampaignPermission({ actor, campaignId: campaign.id, permission });
  return { campaign, role };
}

// ---------------------------------------------------------------------------------------------
// Creating, editing and deleting campaigns.

/** URL-safe slug from a name: lower-case ASCII words joined by dashes. */
export function slugify(value: string) {
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
}

async function freeCampaignSlug(base: string) {
  const root = base || "campaign";
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? root : `${root}-${n}`;
    const [taken] = await db
      .select({ id: campaigns.id })
      .from(campaigns)
      .where(eq(campaigns.slug, candidate));
    if (!taken) return candidate;
  }
  return `${root}-${Date.now()}`;
}

/** Any logged-in user may start a campaign; they become its first owner. */
export async function createCampaign({
  actor,
  name,
  description = "",
  defaultLocale = "en",
}: {
  actor: Actor;
  name: string;
  description?: string;
  defaultLocale?: Locale;
}) {
  if (!actor) throw new ForbiddenError("campaign.create", "Log in first");
  const slug = await freeCampaignSlug(slugify(name));
  return db.transaction(async (tx) => {
    const [campaign] = await tx
      .insert(campaigns)
      .values({
        slug,
        name: name.trim(),
        description: description.trim(),
        defaultLocale,
        createdBy: actor.userId,
      })
      .returning();
    await tx
      .insert(campaignMembers)
      .values({ campaignId: campaign!.id, userId: actor.userId, role: "owner" });
    await recordAudit({
      campaignId: campaign!.id,
      actorId: actor.userId,
      action: "campaign.create",
      subjectType: "campaign",
      subjectId: campaign!.id,
      tx,
    });
    return campaign!;
  });
}

export async function updateCampaign({
  actor,
  campaignId,
  name,
  description,
  defaultLocale,
}: {
  actor: Actor;
  campaignId: number;
  name: string;
  description: string;
  defaultLocale: Locale;
}) {
  await assertCampaignPermission({ actor, campaignId, permission: "campaign.update" });
  await db.transaction(async (tx) => {
    await tx
      .update(campaigns)
      .set({
        name: name.trim(),
        description: description.trim(),
        defaultLocale,
        updatedAt: new Date(),
      })
      .where(eq(campaigns.id, campaignId));
    await recordAudit({
      campaignId,
      actorId: actor!.userId,
      action: "campaign.update",
      subjectType: "campaign",
      subjectId: campaignId,
      details: { name },
      tx,
    });
  });
}

/** Soft delete: the campaign disappears from every list; rows stay for the audit trail. */
export async function deleteCampaign({ actor, campaignId }: { actor: Actor; campaignId: number }) {
  await assertCampaignPermission({ actor, campaignId, permission: "campaign.delete" });
  await db.transaction(async (tx) => {
    await tx.update(campaigns).set({ deletedAt: new Date() }).where(eq(campaigns.id, campaignId));
    await recordAudit({
      campaignId,
      actorId: actor!.userId,
      action: "campaign.delete",
      subjectType: "campaign",
      subjectId: campaignId,
      tx,
    });
  });
}

export async function getCampaign({ actor, campaignId }: { actor: Actor; campaignId: number }) {
  await assertCampaignPermission({ actor, campaignId, permission: "campaign.view" });
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  return campaign!;
}

/** The campaign's audit log, newest first, with the actor's name. Owners only. */
export async function listAuditLog({
  actor,
  campaignId,
  before,
  limit = 100,
}: {
  actor: Actor;
  campaignId: number;
  before?: number;
  limit?: number;
}) {
  await assertCampaignPermission({ actor, campaignId, permission: "audit.view" });
  return db
    .select({
      id: auditLogs.id,
      action: auditLogs.action,
      subjectType: auditLogs.subjectType,
      subjectId: auditLogs.subjectId,
      details: auditLogs.details,
      createdAt: auditLogs.createdAt,
      actorName: users.name,
    })
    .from(auditLogs)
    .leftJoin(users, eq(users.id, auditLogs.actorId))
    .where(and(eq(auditLogs.campaignId, campaignId), before ? lt(auditLogs.id, before) : undefined))
    .orderBy(desc(auditLogs.id))
    .limit(limit);
}

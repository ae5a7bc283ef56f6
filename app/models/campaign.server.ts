import { and, asc, eq, isNull } from "drizzle-orm";
import { db } from "#db/client";
import { campaignMembers, campaigns } from "#db/schema";
import { assertCampaignPermission, type Actor } from "./authorization.server";

/** Campaigns the user belongs to, with their role in each. */
export async function listMyCampaigns({ userId }: { userId: number }) {
  return db
    .select({ id: campaigns.id, slug: campaigns.slug, name: campaigns.name, description: campaigns.description, role: campaignMembers.role })
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
export async function getCampaignForMember({ actor, slug }: { actor: Actor; slug: string }) {
  const campaign = await getCampaignBySlug(slug);
  if (!campaign) return null;
  const role = await assertCampaignPermission({ actor, campaignId: campaign.id, permission: "campaign.view" });
  return { campaign, role };
}

// Publishing, closing and reopening a petition. Each transition stamps its *_at column; the
// first publish tells the team.
import { and, eq } from "drizzle-orm";
import { db, type Tx } from "#db/client";
import { campaigns, petitions, petitionTexts, users, type Petition } from "#db/schema";
import type { Locale, PetitionState } from "#db/schema/states";
import publishedEmail from "#emails/petition-published";
import { env } from "~/lib/env.server";
import { recordAudit } from "~/domain/team/audit.server";
import { assertCampaignPermission, type Actor } from "~/domain/team/authorization.server";
import { enqueueEmail } from "~/domain/mail/email.server";
import { PetitionRuleError } from "./petition-admin.server";
import { teamRecipients } from "./team-recipients.server";

const TRANSITIONS: Record<
  "publish" | "close" | "reopen",
  { from: PetitionState; to: PetitionState }
> = {
  publish: { from: "draft", to: "published" },
  close: { from: "published", to: "closed" },
  reopen: { from: "closed", to: "published" },
};

/** publish (draft → published), close (published → closed), reopen (closed → published). */
export async function transitionPetition({
  actor,
  campaignId,
  petitionId,
  transition,
}: {
  actor: Actor;
  campaignId: number;
  petitionId: number;
  transition: keyof typeof TRANSITIONS;
}): Promise<Petition> {
  await assertCampaignPermission({ actor, campaignId, permission: "petition.manage" });
  const { from, to } = TRANSITIONS[transition];
  const now = new Date();
  return db.transaction(async (tx) => {
    const stamp =
      transition === "publish"
        ? { publishedAt: now }
        : transition === "close"
          ? { closedAt: now }
          : { closedAt: null };
    const [updated] = await tx
      .update(petitions)
      .set({ status: to, updatedAt: now, ...stamp })
      .where(
        and(
          eq(petitions.id, petitionId),
          eq(petitions.campaignId, campaignId),
          eq(petitions.status, from),
        ),
      )
      .returning();
    if (!updated) throw new PetitionRuleError("bad_transition");
    if (transition === "publish") {
      const [texts] = await tx
        .select()
        .from(petitionTexts)
        .where(
          and(
            eq(petitionTexts.petitionId, petitionId),
            eq(petitionTexts.locale, updated.defaultLocale),
          ),
        );
      if (!texts) throw new PetitionRuleError("bad_transition");
      await notifyTeamOfPublish(tx, actor!.userId, updated, texts.title);
    }
    await recordAudit({
      campaignId,
      actorId: actor!.userId,
      action: `petition.${transition}`,
      subjectType: "petition",
      subjectId: petitionId,
      tx,
    });
    return updated;
  });
}

async function notifyTeamOfPublish(tx: Tx, publisherId: number, petition: Petition, title: string) {
  const [publisher] = await tx
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, publisherId));
  const [campaign] = await tx
    .select({ slug: campaigns.slug })
    .from(campaigns)
    .where(eq(campaigns.id, petition.campaignId));
  const base = env().APP_URL;
  for (const member of await teamRecipients(tx, petition.campaignId)) {
    await enqueueEmail({
      template: publishedEmail,
      props: {
        publisherName: publisher?.name ?? "",
        petitionTitle: title,
        publicUrl: `${base}/p/${petition.slug}`,
        dashboardUrl: `${base}/dashboard/c/${campaign!.slug}/petitions/${petition.id}`,
      },
      to: member.email,
      locale: member.locale as Locale,
      // Reopen-then-republish is not a second publish: one mail per petition per member.
      dedupeKey: `petition-published:${petition.id}:${member.userId}`,
      tx,
    });
  }
}

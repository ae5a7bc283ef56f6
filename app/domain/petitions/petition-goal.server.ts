// Goal reached: stamped once per petition (the UPDATE … WHERE goal_reached_at IS NULL decides
// between racing jobs), then the team is mailed. Enqueued as "petition.check-goal" after confirmations.
import { and, eq, isNull } from "drizzle-orm";
import { db } from "#db/client";
import { campaigns, petitions, petitionTexts } from "#db/schema";
import type { Locale } from "#db/schema/states";
import goalReachedEmail from "#emails/goal-reached";
import { env } from "~/lib/env.server";
import { enqueueEmail } from "~/domain/mail/email.server";
import { teamRecipients } from "./team-recipients.server";
import { getVerifiedCount } from "./petition-count.server";

/** Returns true when this call marked the goal as reached (and queued the team's mail). */
export async function checkPetitionGoal({ petitionId }: { petitionId: number }) {
  const [petition] = await db.select().from(petitions).where(eq(petitions.id, petitionId));
  if (!petition || petition.goalReachedAt) return false;
  const count = await getVerifiedCount(petitionId);
  if (count < petition.goal) return false;
  return db.transaction(async (tx) => {
    const [marked] = await tx
      .update(petitions)
      .set({ goalReachedAt: new Date() })
      .where(and(eq(petitions.id, petitionId), isNull(petitions.goalReachedAt)))
      .returning({ id: petitions.id });
    if (!marked) return false;
    const texts = await tx
      .select()
      .from(petitionTexts)
      .where(eq(petitionTexts.petitionId, petitionId));
    const [campaign] = await tx
      .select({ slug: campaigns.slug })
      .from(campaigns)
      .where(eq(campaigns.id, petition.campaignId));
    for (const member of await teamRecipients(tx, petition.campaignId)) {
      const text =
        texts.find((t) => t.locale === member.locale) ??
        texts.find((t) => t.locale === petition.defaultLocale) ??
        texts[0];
      await enqueueEmail({
        template: goalReachedEmail,
        props: {
          petitionTitle: text?.title ?? petition.slug,
          goal: petition.goal,
          count,
          dashboardUrl: `${env().APP_URL}/dashboard/c/${campaign!.slug}/petitions/${petitionId}`,
        },
        to: member.email,
        locale: member.locale as Locale,
        dedupeKey: `goal-reached:${petitionId}:${member.userId}`,
        tx,
      });
    }
    return true;
  });
}

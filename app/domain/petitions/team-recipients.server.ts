// Who on a campaign's team receives its petitions' team mail (published, goal reached).
import { and, eq, inArray } from "drizzle-orm";
import type { db, Tx } from "#db/client";
import { campaignMembers, users } from "#db/schema";
import { rolesWith } from "~/domain/team/authorization.server";

/** The members who manage the campaign's petitions (the people who act on team mail). */
export async function teamRecipients(tx: Tx | typeof db, campaignId: number) {
  return tx
    .select({ userId: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(campaignMembers)
    .innerJoin(users, eq(users.id, campaignMembers.userId))
    .where(
      and(
        eq(campaignMembers.campaignId, campaignId),
        inArray(campaignMembers.role, rolesWith("petition.manage")),
      ),
    );
}

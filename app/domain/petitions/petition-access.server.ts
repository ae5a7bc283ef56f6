// Who may act on a petition: the checks every petition feature starts with. A petition that does
// not exist answers like one the actor may not touch.
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { petitions } from "#db/schema";
import {
  assertCampaignPermission,
  ForbiddenError,
  type Actor,
  type Permission,
} from "~/domain/team/authorization.server";
import { signerScope } from "~/domain/privacy/signer-scope.server";

/** The petition's campaign and the actor's role there, after checking they hold `permission`. */
export async function authorizePetition({
  actor,
  petitionId,
  permission,
}: {
  actor: Actor;
  petitionId: number;
  permission: Permission;
}) {
  const [p] = await db
    .select({ campaignId: petitions.campaignId })
    .from(petitions)
    .where(eq(petitions.id, petitionId));
  if (!p) throw new ForbiddenError(permission, "No such petition");
  const campaignId = Number(p.campaignId);
  const role = await assertCampaignPermission({ actor, campaignId, permission });
  return { campaignId, role };
}

/** As authorizePetition, with which of the petition's signatures (and fields) the actor may see. */
export async function authorizeSignatures({
  actor,
  petitionId,
  permission,
}: {
  actor: Actor;
  petitionId: number;
  permission: Permission;
}) {
  const { campaignId, role } = await authorizePetition({ actor, petitionId, permission });
  const scope = await signerScope({ role, userId: actor!.userId, petitionId });
  return { campaignId, role, scope };
}

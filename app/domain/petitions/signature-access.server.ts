// Which of a petition's signatures (and which of their fields) an actor may see: the check every
// signatures feature starts with. The permission itself is assertPetitionPermission's.
import { assertPetitionPermission, type Actor, type Permission } from "~/domain/team/authorization.server";
import { signerScope } from "~/domain/privacy/signer-scope.server";

/** assertPetitionPermission, with the signer scope of the actor's role on this petition. */
export async function authorizeSignatures({
  actor,
  petitionId,
  permission,
}: {
  actor: Actor;
  petitionId: number;
  permission: Permission;
}) {
  const { campaignId, role } = await assertPetitionPermission({ actor, petitionId, permission });
  const scope = await signerScope({ role, userId: actor!.userId, petitionId });
  return { campaignId, role, scope };
}

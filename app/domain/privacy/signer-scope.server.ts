// Which signers a campaign member may see, and how much of each. Owners and organizers see the full
// record. Everyone else sees exactly what a delivery packet would print — verified signatures, the
// name only where the signer agreed to have it printed, city and state — and a coordinator only the
// signers local to the offices of the events they coordinate (the signers their packets are for).
import { and, eq } from "drizzle-orm";
import { sql, type SQL } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { deliveryEvents, eventCoordinators, offices } from "#db/schema";
import type { CampaignRole } from "#db/schema/states";
import { localCondition } from "~/domain/packets/packet-routing.server";
import { roleAllows } from "~/domain/team/authorization.server";

export type SignerScope = {
  /** Full record (email, postal code, comment, choices) — owners and organizers. */
  full: boolean;
  /** Extra SQL condition on `signatures` (unqualified columns) limiting the rows. */
  where: SQL;
};

/** SQL: the printable name, null when the signer asked not to be named. */
export const printableNameSql = sql`case when print_name then trim(first_name) || ' ' || trim(last_name) end`;

const PACKET_ROWS = sql`status = 'verified' and invalidated_at is null`;

export async function signerScope({
  role,
  userId,
  petitionId,
  tx = db,
}: {
  role: CampaignRole;
  userId: number;
  petitionId: number;
  tx?: DbOrTx;
}): Promise<SignerScope> {
  if (roleAllows(role, "signatures.viewContact")) return { full: true, where: sql`true` };
  if (role !== "coordinator") return { full: false, where: PACKET_ROWS };
  const areas = await tx
    .select({
      localRegions: offices.localRegions,
      localPostalPrefixes: offices.localPostalPrefixes,
    })
    .from(eventCoordinators)
    .innerJoin(deliveryEvents, eq(deliveryEvents.id, eventCoordinators.eventId))
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .where(and(eq(eventCoordinators.userId, userId), eq(deliveryEvents.petitionId, petitionId)));
  const local = areas.map((office) =>
    localCondition(office, { region: sql`region`, postalCode: sql`postal_code` }),
  );
  return {
    full: false,
    where: local.length ? sql`${PACKET_ROWS} and (${sql.join(local, sql` or `)})` : sql`false`,
  };
}

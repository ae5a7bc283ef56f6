// A campaign's directory of offices.
import { and, asc, eq } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { offices, type Office } from "#db/schema";
import { assertCampaignPermission, type Actor } from "~/domain/team/authorization.server";
import { recordAudit } from "~/domain/team/audit.server";
import type { OfficeInput } from "./office";

export async function listOffices({ actor, campaignId }: { actor: Actor; campaignId: number }) {
  await assertCampaignPermission({ actor, campaignId, permission: "office.view" });
  return db
    .select()
    .from(offices)
    .where(eq(offices.campaignId, campaignId))
    .orderBy(asc(offices.city), asc(offices.name));
}

export async function getOffice({
  actor,
  campaignId,
  officeId,
}: {
  actor: Actor;
  campaignId: number;
  officeId: number;
}) {
  await assertCampaignPermission({ actor, campaignId, permission: "office.view" });
  const [office] = await db
    .select()
    .from(offices)
    .where(and(eq(offices.id, officeId), eq(offices.campaignId, campaignId)));
  return office ?? null;
}

export async function createOffice({
  actor,
  campaignId,
  input,
  tx,
}: {
  actor: Actor;
  campaignId: number;
  input: OfficeInput;
  tx?: DbOrTx;
}): Promise<Office> {
  const run = async (t: DbOrTx) => {
    await assertCampaignPermission({ actor, campaignId, permission: "office.manage", tx: t });
    const [office] = await t
      .insert(offices)
      .values({ ...input, campaignId })
      .returning();
    await recordAudit({
      campaignId,
      actorId: actor!.userId,
      action: "office.create",
      subjectType: "office",
      subjectId: String(office!.id),
      details: { name: office!.name },
      tx: t,
    });
    return office!;
  };
  return tx ? run(tx) : db.transaction(run);
}

export async function updateOffice({
  actor,
  campaignId,
  officeId,
  input,
}: {
  actor: Actor;
  campaignId: number;
  officeId: number;
  input: OfficeInput;
}) {
  return db.transaction(async (tx) => {
    await assertCampaignPermission({ actor, campaignId, permission: "office.manage", tx });
    const [office] = await tx
      .update(offices)
      .set({ ...input, updatedAt: new Date() })
      .where(and(eq(offices.id, officeId), eq(offices.campaignId, campaignId)))
      .returning();
    if (!office) return null;
    await recordAudit({
      campaignId,
      actorId: actor!.userId,
      action: "office.update",
      subjectType: "office",
      subjectId: String(officeId),
      details: { name: office.name },
      tx,
    });
    return office;
  });
}

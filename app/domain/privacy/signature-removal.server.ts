// "Remove my signature": the link in every email to a signer (the same signed token as the
// unsubscribe link, so only the address's owner holds it). The POST erases the row itself — not a
// flag — adjusts the count, and audits the removal without any personal data. Whatever the token,
// the answer is the same, so the page tells no one whether an address had signed.
import { eq, sql } from "drizzle-orm";
import { db, rows } from "#db/client";
import { signatures } from "#db/schema";
import { recordAudit } from "~/domain/team/audit.server";
import { addVerifiedCount } from "~/domain/petitions/petition-count.server";
import { readUnsubscribeToken } from "~/domain/signing/signer-links.server";

export async function removeSignature({ token }: { token: string }): Promise<{ done: true }> {
  const id = readUnsubscribeToken(token);
  if (!id) return { done: true };
  await db.transaction(async (tx) => {
    const [row] = await rows<{ petition_id: number; status: string; campaign_id: number }>(
      tx,
      sql`select s.petition_id, s.status, p.campaign_id from signatures s
          join petitions p on p.id = s.petition_id where s.id = ${id} for update of s`,
    );
    if (!row) return;
    await tx.delete(signatures).where(eq(signatures.id, id));
    if (row.status === "verified")
      await addVerifiedCount({ petitionId: Number(row.petition_id), by: -1, tx });
    await recordAudit({
      campaignId: Number(row.campaign_id),
      actorId: null,
      action: "signature.removed_by_signer",
      subjectType: "petition",
      subjectId: Number(row.petition_id),
      details: {},
      tx,
    });
  });
  return { done: true };
}

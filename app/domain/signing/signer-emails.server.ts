// The jobs that email signers: the confirmation links of a sign batch, and the thank-you once a
// signature is confirmed.
import { eq, inArray } from "drizzle-orm";
import { db } from "#db/client";
import { signatures } from "#db/schema";
import confirmationEmail, { type SignatureConfirmationProps } from "#emails/signature-confirmation";
import thankYouEmail from "#emails/signature-thank-you";
import { enqueueEmail, enqueueEmails, type EnqueueEmailInput } from "~/domain/mail/email.server";
import { getVerifiedCount } from "~/domain/petitions/petition-count.server";
import { sha256 } from "~/lib/crypto.server";
import { petitionTitle } from "./petition-title.server";
import { confirmHours } from "./sign-settings.server";
import { confirmUrl, petitionUrl, unsubscribeUrl } from "./signer-links.server";

/** Job: renders and queues the confirmation emails of one sign batch. */
export async function sendConfirmationEmails({
  items,
}: {
  items: { id: number; token: string }[];
}) {
  if (items.length === 0) return;
  const list = await db
    .select({
      id: signatures.id,
      petitionId: signatures.petitionId,
      firstName: signatures.firstName,
      email: signatures.email,
      locale: signatures.locale,
      status: signatures.status,
      confirmTokenHash: signatures.confirmTokenHash,
    })
    .from(signatures)
    .where(
      inArray(
        signatures.id,
        items.map((i) => i.id),
      ),
    );
  const byId = new Map(list.map((r) => [r.id, r]));
  const titles = new Map<string, string>();
  const due: EnqueueEmailInput<SignatureConfirmationProps>[] = [];
  for (const item of items) {
    const s = byId.get(item.id);
    // A newer token (resend) or a confirmation already made: this link would not work, skip it.
    if (!s || s.status !== "pending" || s.confirmTokenHash !== sha256(item.token)) continue;
    const key = `${s.petitionId}:${s.locale}`;
    if (!titles.has(key))
      titles.set(key, (await petitionTitle({ petitionId: s.petitionId, locale: s.locale })).title);
    due.push({
      template: confirmationEmail,
      to: s.email,
      locale: s.locale,
      dedupeKey: `signature-confirmation:${s.id}:${s.confirmTokenHash!.slice(0, 16)}`,
      unsubscribeUrl: unsubscribeUrl(s.id),
      props: {
        firstName: s.firstName,
        petitionTitle: titles.get(key)!,
        confirmUrl: confirmUrl(item.token),
        expiresHours: confirmHours(),
        unsubscribeUrl: unsubscribeUrl(s.id),
      },
    });
  }
  // One insert per few hundred signers: a crowd's confirmations reach the outbox in seconds.
  for (let i = 0; i < due.length; i += 500) await enqueueEmails(due.slice(i, i + 500));
}

/** Job: the thank-you email, with the count as it stands when it is sent. */
export async function sendThankYouEmail({ signatureId }: { signatureId: number }) {
  const [s] = await db.select().from(signatures).where(eq(signatures.id, signatureId));
  if (!s || s.status !== "verified" || s.unsubscribedAt) return;
  const { title, slug } = await petitionTitle({ petitionId: s.petitionId, locale: s.locale });
  await enqueueEmail({
    template: thankYouEmail,
    to: s.email,
    locale: s.locale,
    dedupeKey: `signature-thank-you:${s.id}`,
    unsubscribeUrl: unsubscribeUrl(s.id),
    props: {
      firstName: s.firstName,
      petitionTitle: title,
      petitionUrl: petitionUrl(slug, s.locale),
      verifiedCount: await getVerifiedCount(s.petitionId),
      unsubscribeUrl: unsubscribeUrl(s.id),
    },
  });
}

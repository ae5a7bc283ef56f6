// "Send it again" from the thank-you page, which holds only a signed reference to the signature.
import { and, eq, inArray } from "drizzle-orm";
import { db } from "#db/client";
import { signatures } from "#db/schema";
import alreadySignedEmail from "#emails/signature-already-signed";
import confirmationEmail from "#emails/signature-confirmation";
import { rateLimit, takeLimit } from "~/domain/limits/rate-limit.server";
import { enqueueEmail } from "~/domain/mail/email.server";
import { randomToken, sha256 } from "~/lib/crypto.server";
import { petitionTitle } from "./petition-title.server";
import { confirmHours } from "./sign-settings.server";
import { confirmUrl, petitionUrl, readSignatureRef, unsubscribeUrl } from "./signer-links.server";

const RESEND_LIMIT = rateLimit({ name: "resend", max: 3, windowSeconds: 3600 });

/**
 * "Send it again" from the thank-you page: a new link for a pending (or expired) signature, or a
 * reminder that a confirmed one already counts. At most 3 per signature per hour.
 */
export async function resendConfirmation({
  ref,
}: {
  ref: string;
}): Promise<{ status: "sent" | "limited" | "invalid" }> {
  const id = readSignatureRef(ref);
  if (!id) return { status: "invalid" };
  const [s] = await db.select().from(signatures).where(eq(signatures.id, id));
  if (!s || s.status === "invalidated" || s.unsubscribedAt) return { status: "invalid" };
  if (!(await takeLimit({ limit: RESEND_LIMIT, subject: id })).allowed)
    return { status: "limited" };
  const { title, slug } = await petitionTitle({ petitionId: s.petitionId, locale: s.locale });
  if (s.status === "verified") {
    await enqueueEmail({
      template: alreadySignedEmail,
      to: s.email,
      locale: s.locale,
      dedupeKey: `signature-already-signed:${id}:${Date.now()}`,
      unsubscribeUrl: unsubscribeUrl(id),
      props: {
        firstName: s.firstName,
        petitionTitle: title,
        petitionUrl: petitionUrl(slug, s.locale),
        unsubscribeUrl: unsubscribeUrl(id),
      },
    });
    return { status: "sent" };
  }
  const token = randomToken(24);
  const hash = sha256(token);
  await db.transaction(async (tx) => {
    await tx
      .update(signatures)
      .set({
        status: "pending",
        confirmTokenHash: hash,
        confirmExpiresAt: new Date(Date.now() + confirmHours() * 3_600_000),
      })
      .where(and(eq(signatures.id, id), inArray(signatures.status, ["pending", "expired"])));
    await enqueueEmail({
      tx,
      template: confirmationEmail,
      to: s.email,
      locale: s.locale,
      dedupeKey: `signature-confirmation:${id}:${hash.slice(0, 16)}`,
      unsubscribeUrl: unsubscribeUrl(id),
      props: {
        firstName: s.firstName,
        petitionTitle: title,
        confirmUrl: confirmUrl(token),
        expiresHours: confirmHours(),
        unsubscribeUrl: unsubscribeUrl(id),
      },
    });
  });
  return { status: "sent" };
}

/** Which petition and state a thank-you reference points to (for the thank-you page). */
export async function describeSignatureRef({ ref }: { ref: string | null }) {
  const id = readSignatureRef(ref);
  if (!id) return null;
  const [s] = await db
    .select({ id: signatures.id, status: signatures.status, petitionId: signatures.petitionId })
    .from(signatures)
    .where(eq(signatures.id, id));
  return s ?? null;
}

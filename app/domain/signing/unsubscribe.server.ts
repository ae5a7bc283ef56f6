// A signer's unsubscribe link: what it stands for, and the one-click stop (RFC 8058).
import { eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { signatures } from "#db/schema";
import type { Locale } from "#db/schema/states";
import { petitionTitle } from "./petition-title.server";
import { readUnsubscribeToken } from "./signer-links.server";

/** What the unsubscribe page shows for a link, in the page's language; null for a link not ours. */
export async function describeUnsubscribe({ token, locale }: { token: string; locale: Locale }) {
  const id = readUnsubscribeToken(token);
  if (!id) return null;
  const [s] = await db
    .select({
      petitionId: signatures.petitionId,
      unsubscribedAt: signatures.unsubscribedAt,
      locale: signatures.locale,
    })
    .from(signatures)
    .where(eq(signatures.id, id));
  if (!s) return null;
  const { title, slug } = await petitionTitle({ petitionId: s.petitionId, locale });
  return { title, slug, unsubscribed: !!s.unsubscribedAt, signatureLocale: s.locale };
}

/** Stops every email to this signer about this petition (one-click, RFC 8058). Idempotent. */
export async function unsubscribeSignature({ token }: { token: string }) {
  const id = readUnsubscribeToken(token);
  if (!id) return false;
  await db
    .update(signatures)
    .set({ unsubscribedAt: sql`coalesce(${signatures.unsubscribedAt}, now())`, keepUpdated: false })
    .where(eq(signatures.id, id));
  return true;
}

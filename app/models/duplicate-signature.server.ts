// What a second signature reveals, and to whom (docs/decisions/011-duplicate-signatures.md).
// "You've already signed" on the page tells whoever typed an address that its owner signed —
// for our signers a real danger. So the page says it only to the browser that signed (a cookie
// holding the signature's ref); anyone else sees the ordinary "check your email" page while the
// mailbox's owner gets the answer by email: a fresh confirmation link, or "you've already signed".
import { resendConfirmation } from "./signature.server";

const cookieName = (slug: string) => `hov_signed_${slug.replace(/[^a-z0-9-]/gi, "")}`;

/** Set-Cookie value remembering, in this browser only, which signature it made on this petition. */
export function signedHereCookie(slug: string, ref: string) {
  return `${cookieName(slug)}=${encodeURIComponent(ref)}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax`;
}

export function signedHere(cookieHeader: string | null | undefined, slug: string, ref: string) {
  const name = cookieName(slug);
  for (const part of (cookieHeader ?? "").split(/;\s*/)) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq) === name && decodeURIComponent(part.slice(eq + 1)) === ref)
      return true;
  }
  return false;
}

/**
 * Decides how to answer a duplicate. `reveal` = this browser made the first signature, so the page
 * may say "already signed"; otherwise the signer is answered by email only.
 */
export async function answerDuplicate({
  slug,
  ref,
  cookieHeader,
}: {
  slug: string;
  ref: string;
  cookieHeader: string | null | undefined;
}) {
  if (signedHere(cookieHeader, slug, ref)) return { reveal: true as const };
  await resendConfirmation({ ref });
  return { reveal: false as const };
}

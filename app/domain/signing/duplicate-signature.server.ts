// What a second signature reveals, and to whom (docs/decisions/011-duplicate-signatures.md).
// "You've already signed" on the page tells whoever typed an address that its owner signed —
// for our signers a real danger. So every sign answer — fresh or duplicate — is the same redirect,
// the same JSON body and a Set-Cookie of the same shape: an encrypted receipt (fixed length) saying
// which signature this browser submitted and whether it made it. Only a browser holding the
// receipt of the *first* signature is told "already signed"; anyone else sees the ordinary
// "check your email" page while the mailbox's owner gets the answer by email.
import crypto from "node:crypto";
import type { Locale } from "#db/schema/states";
import { env } from "~/lib/env.server";
import { resendConfirmation } from "./resend-confirmation.server";
import { signatureRef } from "./signer-links.server";
import { type SignResult } from "./sign-petition.server";
import { errorKind } from "~/lib/log.server";

const cookieName = (slug: string) => `hov_signed_${slug.replace(/[^a-z0-9-]/gi, "")}`;

let cachedKey: { secret: string; key: Buffer } | null = null;
function receiptKey() {
  const secret = env().SESSION_SECRET;
  if (cachedKey?.secret !== secret)
    cachedKey = {
      secret,
      key: crypto.createHash("sha256").update(`signature-receipt:${secret}`).digest(),
    };
  return cachedKey.key;
}

export type Receipt = { signatureId: number; owner: boolean };

/** AES-256-GCM over a fixed 9-byte payload: every receipt has the same length and looks random. */
export function sealReceipt({ signatureId, owner }: Receipt) {
  const payload = Buffer.alloc(9);
  payload.writeBigUInt64BE(BigInt(Math.max(0, Math.trunc(signatureId))));
  payload[8] = owner ? 1 : 0;
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", receiptKey(), iv);
  const body = Buffer.concat([cipher.update(payload), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
}

export function openReceipt(value: string | null | undefined): Receipt | null {
  if (!value || !/^[A-Za-z0-9_-]{40,60}$/.test(value)) return null;
  const raw = Buffer.from(value, "base64url");
  if (raw.length !== 12 + 9 + 16) return null;
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", receiptKey(), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(21));
    const payload = Buffer.concat([decipher.update(raw.subarray(12, 21)), decipher.final()]);
    return { signatureId: Number(payload.readBigUInt64BE(0)), owner: payload[8] === 1 };
  } catch {
    return null;
  }
}

/** Set-Cookie value holding this browser's receipt for a petition (HttpOnly: scripts never see it). */
export function receiptCookie(slug: string, receipt: Receipt) {
  return `${cookieName(slug)}=${sealReceipt(receipt)}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax`;
}

/** The receipt this browser holds for a petition, if any. */
export function readReceipt(cookieHeader: string | null | undefined, slug: string) {
  const name = cookieName(slug);
  for (const part of (cookieHeader ?? "").split(/;\s*/)) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq) === name) return openReceipt(part.slice(eq + 1));
  }
  return null;
}

/** Whether this browser made the signature (so the page may say "already signed"). */
export function signedHere(cookieHeader: string | null | undefined, slug: string, id: number) {
  const receipt = readReceipt(cookieHeader, slug);
  return !!receipt && receipt.owner && receipt.signatureId === id;
}

/**
 * The one answer to a signature that went through, shared by the page's form and /api/sign so
 * neither door tells a fresh signature from a duplicate: same thanks URL (no id in it), same
 * Set-Cookie shape. Only the browser holding the first signature's own receipt gets `already`.
 */
export function answerSignature({
  slug,
  locale,
  result,
  cookieHeader,
}: {
  slug: string;
  locale: Locale;
  result: Extract<SignResult, { status: "signed" | "duplicate" }>;
  cookieHeader: string | null | undefined;
}): { thanksUrl: string; setCookie: string; already: boolean } {
  const thanks = `/p/${slug}/thanks?lang=${locale}`;
  if (result.status === "signed")
    return {
      thanksUrl: thanks,
      setCookie: receiptCookie(slug, { signatureId: result.signatureId, owner: true }),
      already: false,
    };
  if (signedHere(cookieHeader, slug, result.signatureId))
    return {
      thanksUrl: `${thanks}&already=1`,
      setCookie: receiptCookie(slug, { signatureId: result.signatureId, owner: true }),
      already: true,
    };
  // Answer now, mail in the background: awaiting it would make a duplicate measurably slower.
  resendConfirmation({ ref: signatureRef(result.signatureId) }).catch((error) =>
    console.error(`sign: duplicate notice failed (${errorKind(error)})`),
  );
  return {
    thanksUrl: thanks,
    setCookie: receiptCookie(slug, { signatureId: result.signatureId, owner: false }),
    already: false,
  };
}

/** "Send it again" from the thanks page: works from the receipt alone (no reference in the URL). */
export async function resendFromReceipt({
  slug,
  cookieHeader,
}: {
  slug: string;
  cookieHeader: string | null | undefined;
}) {
  const receipt = readReceipt(cookieHeader, slug);
  if (!receipt) return { status: "invalid" as const };
  // A non-owner receipt resends to the mailbox's owner under the same hourly limit, so the answer
  // (sent, then limited) is the same as for a fresh signature.
  return resendConfirmation({ ref: signatureRef(receipt.signatureId) });
}

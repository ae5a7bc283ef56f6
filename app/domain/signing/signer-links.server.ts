// The links a signer is given: the thank-you page's reference, the unsubscribe token, and the
// absolute URLs in their emails. References are signed (HMAC), so an id cannot be guessed into one.
import type { Locale } from "#db/schema/states";
import { keyedHash } from "~/lib/crypto.server";
import { env } from "~/lib/env.server";

const mac = (purpose: string, id: number, length = 22) =>
  keyedHash(`${purpose}:${id}`).slice(0, length);

/** The thank-you page's reference to a signature: lets its holder ask for a resend, nothing else. */
export const signatureRef = (id: number) => `${id}.${mac("signature-ref", id, 16)}`;
export const unsubscribeToken = (id: number) => `s${id}.${mac("unsubscribe-signature", id)}`;

function readSigned(
  value: string | null | undefined,
  purpose: string,
  length: number,
  prefix = "",
) {
  const m = new RegExp(`^${prefix}(\\d{1,15})\\.([A-Za-z0-9_-]+)$`).exec(value ?? "");
  if (!m) return null;
  const id = Number(m[1]);
  return m[2] === mac(purpose, id, length) ? id : null;
}
export const readSignatureRef = (ref: string | null | undefined) =>
  readSigned(ref, "signature-ref", 16);
export const readUnsubscribeToken = (token: string | null | undefined) =>
  readSigned(token, "unsubscribe-signature", 22, "s");

const appUrl = () => env().APP_URL;
export const petitionUrl = (slug: string, locale?: Locale) =>
  `${appUrl()}/p/${slug}${locale ? `?lang=${locale}` : ""}`;
export const confirmUrl = (token: string) => `${appUrl()}/confirm/${token}`;
export const unsubscribeUrl = (id: number) => `${appUrl()}/unsubscribe/${unsubscribeToken(id)}`;

// Signing a petition: the checks a request must pass (open petition, honeypot, form time, ZIP),
// then one pending signature through the sign batch. Confirmation follows by email.
import type { Locale } from "#db/schema/states";
import { lookupUsZip } from "~/data/us-zip";
import { limitKey } from "~/domain/limits/rate-limit.server";
import { isOpenForSigning } from "~/domain/petitions/open-for-signing";
import { randomToken, sha256 } from "~/lib/crypto.server";
import { normalizeSource } from "~/lib/source-code";
import { canonicalEmail } from "./canonical-email";
import { checkFormStart } from "./form-start.server";
import type { SignInput } from "./signature";
import { submitSignature } from "./sign-batch.server";
import { confirmHours, SIGN_LIMIT } from "./sign-settings.server";
import { signablePetition } from "./signable-petition.server";
import { signatureRef } from "./signer-links.server";

export type SignResult =
  | { status: "signed"; signatureId: number; ref: string }
  | { status: "duplicate"; signatureId: number; ref: string }
  | { status: "ignored" }
  | { status: "too_fast" }
  | { status: "expired_form" }
  | { status: "rate_limited" }
  | { status: "closed" }
  | { status: "not_found" }
  | { status: "invalid"; fieldErrors: Record<string, string[]> };

/**
 * Records a pending signature (or recognises a second one). `input` is already parsed with the
 * shared schema; `zipUnknownMessage` localises the server-only ZIP check.
 */
export async function signPetition({
  slug,
  input,
  ip,
  locale,
  zipUnknownMessage,
  now = Date.now(),
}: {
  slug: string;
  input: SignInput;
  ip: string;
  locale: Locale;
  zipUnknownMessage: string;
  now?: number;
}): Promise<SignResult> {
  const petition = await signablePetition(slug);
  if (!petition) return { status: "not_found" };
  if (!isOpenForSigning(petition, new Date(now))) return { status: "closed" };
  // Bots fill every field; people never see this one. Pretend success so the bot learns nothing.
  if (input.website) return { status: "ignored" };
  const start = checkFormStart(input.startedAt, now);
  if (start === "expired") return { status: "expired_form" };
  if (start !== "ok") return { status: "too_fast" };

  let city = input.city ?? "";
  let region = "";
  let postalCode = input.postalCode ?? "";
  if (input.country === "US") {
    const place = lookupUsZip(postalCode);
    if (!place || (!place.city && !city))
      return { status: "invalid", fieldErrors: { postalCode: [zipUnknownMessage] } };
    postalCode = postalCode.slice(0, 5);
    region = place.region;
    city = city || place.city!;
  }

  const token = randomToken(24);
  const display = input.display;
  // The client's address only reaches the limit's key, as today's hash: nothing IP-derived is
  // stored on the signature.
  const outcome = await submitSignature({
    token,
    rateKey: await limitKey({ limit: SIGN_LIMIT, subject: petition.id, client: ip }),
    row: {
      petitionId: petition.id,
      status: "pending",
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      emailCanonical: canonicalEmail(input.email),
      postalCode,
      city,
      region,
      country: input.country === "OTHER" ? "" : input.country,
      comment: input.comment || null,
      showPublicly: display === "name",
      showInRecent: display !== "none",
      printName: input.printName,
      keepUpdated: input.keepUpdated,
      locale,
      source: normalizeSource(input.source),
      confirmTokenHash: sha256(token),
      confirmExpiresAt: new Date(now + confirmHours() * 3_600_000),
    },
  });
  if (outcome.kind === "rate_limited") return { status: "rate_limited" };
  return {
    status: outcome.kind === "inserted" ? "signed" : "duplicate",
    signatureId: outcome.id,
    ref: signatureRef(outcome.id),
  };
}

// OSDI's record_signature_helper and record_attendance_helper. They translate the OSDI person into
// the page's own form input and call the page's own domain functions (signPetition, createRsvp), so
// an API signature gets the same validation, duplicate handling and double opt-in as one made on the
// petition page. Only a token marked "consent verified" skips the confirmation click (the CRM
// vouches for it): the signature is then confirmed through confirmSignature, as a click would.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "#db/client";
import { signatures } from "#db/schema";
import type { Locale } from "#db/schema/states";
import signer from "~/locales/signer";
import { randomToken, sha256 } from "~/lib/crypto.server";
import { isStorableText } from "~/lib/text";
import {
  assertCampaignPermission,
  assertEventPermission,
} from "~/domain/team/authorization.server";
import { assertScope, type ApiActor } from "~/domain/team/api-token.server";
import { rsvpSchema } from "~/domain/deliveries/delivery-forms";
import { attendanceWithPerson } from "./osdi-attendances.server";
import { campaignPetition } from "./osdi-petitions.server";
import { ApiInputError, ApiNotFoundError } from "./osdi-resource.server";
import { getSignature } from "./osdi-signatures.server";
import { createRsvp, RsvpClosedError } from "~/domain/deliveries/rsvp.server";
import { coerceSignFields, createSignSchema, SIGN_COUNTRIES } from "~/domain/signing/signature";
import { confirmSignature } from "~/domain/signing/confirm-signature.server";
import { formStartToken } from "~/domain/signing/form-start.server";
import { minFillMs } from "~/domain/signing/sign-settings.server";
import { signPetition } from "~/domain/signing/sign-petition.server";

/** The first problem in the body, as a path into the OSDI document and a message. */
export class ApiValidationError extends ApiInputError {
  constructor(public errors: { field: string; message: string }[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join("; "));
  }
}

const text = z
  .string()
  .max(1000)
  .refine(isStorableText, "contains characters that cannot be stored (NUL or broken surrogates)");
const personSchema = z.object({
  given_name: text.optional(),
  family_name: text.optional(),
  email_addresses: z
    .array(z.object({ address: text.optional(), primary: z.boolean().optional() }))
    .max(10)
    .optional(),
  postal_addresses: z
    .array(
      z.object({
        postal_code: text.optional(),
        locality: text.optional(),
        region: text.optional(),
        country: text.optional(),
        primary: z.boolean().optional(),
      }),
    )
    .max(10)
    .optional(),
  phone_numbers: z
    .array(
      z.object({ number: z.union([text, z.number()]).optional(), primary: z.boolean().optional() }),
    )
    .max(10)
    .optional(),
  languages_spoken: z.array(text).max(10).optional(),
});

const signatureHelperSchema = z.object({
  person: personSchema,
  comments: text.optional(),
  "handover:display": z.enum(["name", "city", "none"]).optional(),
  "handover:keep_updated": z.boolean().optional(),
  "handover:print_name": z.boolean().optional(),
});

const attendanceHelperSchema = z.object({
  person: personSchema,
  "handover:role": z.enum(["attend", "speak", "photos", "bring_packet"]).optional(),
});

/** A validation error naming each issue's field as the OSDI document has it. */
function issuesError(
  issues: z.core.$ZodIssue[],
  field: (path: PropertyKey[]) => string,
  message: (text: string) => string = (text) => text,
) {
  return new ApiValidationError(
    issues.map((i) => ({ field: field(i.path), message: message(i.message) })),
  );
}

/** A form field's OSDI path: `paths` maps the form's field names; others keep their name. */
const fieldPath = (paths: Record<string, string>) => (path: PropertyKey[]) =>
  paths[String(path[0])] ?? String(path[0]);

function parseOrThrow<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw issuesError(parsed.error.issues, (path) => path.join(".") || "body");
  return parsed.data;
}

const primary = <T extends { primary?: boolean }>(list: T[] | undefined) =>
  list?.find((x) => x.primary) ?? list?.[0];
const languageOf = (person: z.infer<typeof personSchema>): Locale =>
  person.languages_spoken?.some((l) => l.toLowerCase().startsWith("es")) ? "es" : "en";

// The sign form's field names, as OSDI paths for error messages.
const FIELD_PATHS: Record<string, string> = {
  firstName: "person.given_name",
  lastName: "person.family_name",
  email: "person.email_addresses[0].address",
  postalCode: "person.postal_addresses[0].postal_code",
  city: "person.postal_addresses[0].locality",
  country: "person.postal_addresses[0].country",
  comment: "comments",
};

export type HelperResult = { status: 200 | 201; body: Record<string, unknown> };

export async function recordSignatureHelper({
  actor,
  petitionId,
  body,
}: {
  actor: ApiActor;
  petitionId: number;
  body: unknown;
}): Promise<HelperResult> {
  assertScope(actor, "write");
  await assertCampaignPermission({
    actor: { userId: actor.userId },
    campaignId: actor.campaignId,
    permission: "petition.manage",
  });
  const petition = await campaignPetition(actor, petitionId);
  const input = parseOrThrow(signatureHelperSchema, body);
  const person = input.person;
  const address = primary(person.postal_addresses);
  const country = (address?.country ?? "US").toUpperCase();
  const locale = languageOf(person);
  const fields = coerceSignFields({
    firstName: person.given_name,
    lastName: person.family_name,
    email: primary(person.email_addresses)?.address,
    country: (SIGN_COUNTRIES as readonly string[]).includes(country) ? country : "OTHER",
    postalCode: address?.postal_code,
    city: address?.locality,
    comment: input.comments,
    display: input["handover:display"] ?? "city",
    keepUpdated: input["handover:keep_updated"] ?? false,
    printName: input["handover:print_name"] ?? false,
    // A server-to-server call has no form to fill in: it is stamped as started long enough ago.
    startedAt: formStartToken(Date.now() - minFillMs() - 1_000),
  });
  const parsed = createSignSchema(locale).safeParse(fields);
  if (!parsed.success) throw issuesError(parsed.error.issues, fieldPath(FIELD_PATHS));
  const result = await signPetition({
    slug: petition.slug,
    input: parsed.data,
    // The per-address limit is for anonymous visitors; API calls are limited per token instead,
    // so each signature gets its own key here.
    ip: `api-token:${actor.tokenId}:${parsed.data.email.toLowerCase()}`,
    locale,
    zipUnknownMessage: signer[locale].errors.zipUnknown,
  });
  switch (result.status) {
    case "invalid":
      throw new ApiValidationError(
        Object.entries(result.fieldErrors).map(([k, m]) => ({
          field: FIELD_PATHS[k] ?? k,
          message: m.join(" "),
        })),
      );
    case "closed":
      throw Object.assign(new ApiInputError("This petition is not taking signatures."), {
        status: 409,
      });
    case "not_found":
      throw new ApiNotFoundError(`No petition ${petitionId}.`);
    case "rate_limited":
      throw Object.assign(new ApiInputError("Too many signatures; try again later."), {
        status: 429,
      });
    case "signed":
    case "duplicate":
      break;
    default:
      throw new ApiInputError("The signature was not recorded.");
  }
  if (result.status === "signed" && actor.consentVerified) await confirmFromApi(result.signatureId);
  return {
    status: result.status === "signed" ? 201 : 200,
    body: await getSignature({ actor, petitionId, signatureId: result.signatureId }),
  };
}

/** Confirms a just-recorded signature the way the signer's link would (counts it, thanks them, emits the webhook). */
async function confirmFromApi(signatureId: number) {
  const token = randomToken(24);
  const [row] = await db
    .update(signatures)
    .set({ confirmTokenHash: sha256(token) })
    .where(and(eq(signatures.id, signatureId), eq(signatures.status, "pending")))
    .returning({ id: signatures.id });
  if (row) await confirmSignature({ token });
}

export async function recordAttendanceHelper({
  actor,
  eventId,
  body,
}: {
  actor: ApiActor;
  eventId: number;
  body: unknown;
}): Promise<HelperResult> {
  assertScope(actor, "write");
  const event = await assertEventPermission({
    actor: { userId: actor.userId },
    eventId,
    permission: "event.manage",
  }).catch((error) => {
    throw error.message === "No such event"
      ? new ApiNotFoundError(`No event ${eventId} in this campaign.`)
      : error;
  });
  if (event.campaignId !== actor.campaignId)
    throw new ApiNotFoundError(`No event ${eventId} in this campaign.`);
  const input = parseOrThrow(attendanceHelperSchema, body);
  const person = input.person;
  const phone = primary(person.phone_numbers)?.number;
  const parsed = rsvpSchema.safeParse({
    name: [person.given_name, person.family_name].filter(Boolean).join(" "),
    email: primary(person.email_addresses)?.address,
    phone: phone === undefined ? undefined : String(phone),
    role: input["handover:role"],
  });
  if (!parsed.success) {
    const paths: Record<string, string> = {
      name: "person.given_name",
      email: "person.email_addresses[0].address",
      phone: "person.phone_numbers[0].number",
      role: "handover:role",
    };
    const messages: Record<string, string> = {
      "name.required": "a name is required",
      "name.long": "the name is too long",
      "email.required": "an email address is required",
      "email.invalid": "this is not an email address",
      "phone.invalid": "this is not a phone number",
      "role.invalid": "unknown role",
    };
    throw issuesError(parsed.error.issues, fieldPath(paths), (m) => messages[m] ?? m);
  }
  try {
    const { rsvp, already } = await createRsvp({
      eventId,
      input: parsed.data,
      locale: languageOf(person),
    });
    const body = await attendanceWithPerson(rsvp.id, false);
    return { status: already ? 200 : 201, body: body! };
  } catch (error) {
    if (error instanceof RsvpClosedError)
      throw Object.assign(new ApiInputError("This delivery is not taking RSVPs."), { status: 409 });
    throw error;
  }
}

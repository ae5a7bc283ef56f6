// The sign form's schema, shared by the browser (conform's client validation) and the server
// (the Remix action and the lean /api/sign handler). Messages are in the page's language.
// Written with zod/mini, whose functions tree-shake: the full zod would be the biggest part of the
// petition page's JavaScript, on signers' phones.
import * as z from "zod/mini";
import type { Locale } from "../../../db/schema/states";
import signer from "~/locales/signer";
import { isStorableText } from "~/lib/text";

export const SIGN_LIMITS = {
  firstName: 60,
  lastName: 60,
  email: 254,
  postalCode: 12,
  city: 80,
  comment: 500,
} as const;

// Countries the form offers; anything else is "other" and asks for the city.
export const SIGN_COUNTRIES = [
  "US",
  "MX",
  "CA",
  "GT",
  "SV",
  "HN",
  "NI",
  "CO",
  "VE",
  "CU",
  "DO",
  "PR",
  "OTHER",
] as const;
export type SignCountry = (typeof SIGN_COUNTRIES)[number];

export const DISPLAY_CHOICES = ["name", "city", "none"] as const;
export type DisplayChoice = (typeof DISPLAY_CHOICES)[number];

const US_ZIP = /^\d{5}(?:-?\d{4})?$/;

const schemas = new Map<Locale, ReturnType<typeof buildSignSchema>>();

/** The schema in a language. Built once per language: zod compiles schemas, which is not cheap. */
export function createSignSchema(locale: Locale) {
  let schema = schemas.get(locale);
  if (!schema) schemas.set(locale, (schema = buildSignSchema(locale)));
  return schema;
}

function buildSignSchema(locale: Locale) {
  const m = signer[locale].errors;
  // Every stored free-text field refuses what Postgres cannot store (NUL, lone surrogates) here,
  // with a message next to the field, so such a value never reaches a sign batch.
  const storable = () => z.refine<string>(isStorableText, m.unstorable);
  const text = (max: number, required: string, tooLong: string) =>
    z
      .string({ error: required })
      .check(z.trim(), z.minLength(1, required), z.maxLength(max, tooLong), storable());
  const optionalText = (max: number) =>
    z.optional(z.string().check(z.trim(), z.maxLength(max, m.tooLong(max)), storable()));
  return z
    .object({
      firstName: text(SIGN_LIMITS.firstName, m.firstNameRequired, m.tooLong(SIGN_LIMITS.firstName)),
      lastName: text(SIGN_LIMITS.lastName, m.lastNameRequired, m.tooLong(SIGN_LIMITS.lastName)),
      email: z.pipe(
        z
          .string({ error: m.emailRequired })
          .check(
            z.trim(),
            z.maxLength(SIGN_LIMITS.email, m.tooLong(SIGN_LIMITS.email)),
            storable(),
          ),
        z.email({ error: m.emailInvalid }),
      ),
      country: z._default(z.enum(SIGN_COUNTRIES, { error: m.countryInvalid }), "US"),
      postalCode: optionalText(SIGN_LIMITS.postalCode),
      city: optionalText(SIGN_LIMITS.city),
      comment: optionalText(SIGN_LIMITS.comment),
      display: z._default(z.enum(DISPLAY_CHOICES), "city"),
      keepUpdated: z._default(z.boolean(), false),
      printName: z._default(z.boolean(), false),
      // Anti-abuse fields, checked by the server (see sign-petition.server.ts).
      startedAt: z.optional(z.string().check(z.maxLength(200))),
      website: z.optional(z.string().check(z.maxLength(200))),
      // Share-link / embed source code; normalised (or dropped) by the server.
      source: z.optional(z.string().check(z.maxLength(200))),
    })
    .check(
      z.superRefine(
        (value, ctx) => {
          // Also runs when other fields failed, so every error shows at once; values may be raw here.
          const v = value as { country?: unknown; postalCode?: unknown; city?: unknown };
          const country = v.country ?? "US";
          const postalCode = typeof v.postalCode === "string" ? v.postalCode.trim() : "";
          if (country === "US") {
            if (!postalCode)
              ctx.addIssue({ code: "custom", path: ["postalCode"], message: m.zipRequired });
            else if (!US_ZIP.test(postalCode))
              ctx.addIssue({ code: "custom", path: ["postalCode"], message: m.zipInvalid });
          } else if (
            typeof country === "string" &&
            !(typeof v.city === "string" && v.city.trim())
          ) {
            ctx.addIssue({ code: "custom", path: ["city"], message: m.cityRequired });
          }
        },
        { when: () => true },
      ),
    );
}

export type SignInput = z.infer<ReturnType<typeof createSignSchema>>;

/**
 * Form-like coercion for callers that don't go through conform (JSON or urlencoded bodies):
 * empty strings are absent, checkbox values "on"/"true" are true.
 */
export function coerceSignFields(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === "" || value === null || value === undefined) continue;
    if (key === "keepUpdated" || key === "printName")
      out[key] = value === true || value === "on" || value === "true";
    // Arrays and objects stay as they are, so the schema rejects them with the field's message
    // (String() on a hostile object can throw).
    else out[key] = typeof value === "number" || typeof value === "boolean" ? String(value) : value;
  }
  return out;
}

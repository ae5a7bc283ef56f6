// Sign-up, login and password forms' schemas, shared by browser and server (conform + zod 4), and
// where a login may send the browser afterwards.
import * as z from "zod";
import organizerMessages from "~/locales/organizer";
import { isStorableText } from "~/lib/text";

type M = (typeof organizerMessages)["en"]["v"];

/** A form field's text, refused when it holds what Postgres cannot store (NUL, lone surrogates). */
const storable = (m: M) => z.string({ error: m.required }).refine(isStorableText, m.unstorable);

export function signupFormSchema(m: M) {
  return z.object({
    name: storable(m).trim().min(1, m.required).max(120, m.tooLong(120)),
    email: storable(m).trim().max(254, m.tooLong(254)).email(m.email),
    password: storable(m).min(10, m.passwordShort).max(200, m.tooLong(200)),
    redirectTo: z.string().optional(),
  });
}

export function loginFormSchema(m: M) {
  return z.object({
    email: storable(m).trim().max(254, m.tooLong(254)).email(m.email),
    password: storable(m).min(1, m.required).max(200, m.tooLong(200)),
    redirectTo: z.string().optional(),
  });
}

export function forgotFormSchema(m: M) {
  return z.object({ email: storable(m).trim().max(254, m.tooLong(254)).email(m.email) });
}

export function resetFormSchema(m: M) {
  return z
    .object({
      password: storable(m).min(10, m.passwordShort).max(200, m.tooLong(200)),
      confirm: z.string({ error: m.required }),
    })
    .refine((v) => v.password === v.confirm, { path: ["confirm"], message: m.passwordsDiffer });
}

/**
 * Only same-site paths: never redirect to another host after logging in. Browsers drop tabs and
 * newlines from URLs ("/\t/evil.example" becomes "//evil.example") and read "\" as "/", so any
 * control character, whitespace or backslash sends the user to the fallback; so does anything
 * that, resolved against our origin, lands on another one.
 */
export function safeRedirect(
  to: FormDataEntryValue | string | null | undefined,
  fallback = "/dashboard",
) {
  if (typeof to !== "string" || to.length > 2000 || !to.startsWith("/")) return fallback;
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(to) || to.startsWith("//")) return fallback;
  try {
    const base = "http://handover.invalid";
    const url = new URL(to, base);
    if (url.origin !== base) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}

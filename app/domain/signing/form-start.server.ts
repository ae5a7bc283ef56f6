// The form-start token (a signed "this form was opened at" time) belongs to one signer, so it is
// never part of the shared, cached petition page (docs/decisions/012-cached-petition-page.md).
// It reaches the browser as a cookie from /p/<slug>/start — fetched by the form's script, or
// loaded as a tiny image inside <noscript> — and the sign doors read the form field or the cookie.
import { keyedHash } from "~/lib/crypto.server";
import { formMaxAgeMs, minFillMs } from "./sign-settings.server";

export const FORM_START_COOKIE = "hov_start";

/** A form's start time, signed so a bot can't claim it waited. */
export const formStartToken = (now = Date.now()) =>
  `${now}.${keyedHash(`form-start:${now}`).slice(0, 16)}`;
/** The signed start time of a form-start token, or null if it is not one of ours. */
export function formStartedAt(token: string | undefined) {
  const m = /^(\d{10,16})\.([A-Za-z0-9_-]{16})$/.exec(token ?? "");
  if (!m || keyedHash(`form-start:${m[1]}`).slice(0, 16) !== m[2]) return null;
  return Number(m[1]);
}
/** Whether a form-start token is usable now: "ok", "too_fast", "expired" or "invalid". */
export function checkFormStart(token: string | undefined, now = Date.now()) {
  const started = formStartedAt(token);
  if (started === null || started > now + 60_000) return "invalid" as const;
  if (now - started > formMaxAgeMs()) return "expired" as const;
  if (now - started < minFillMs()) return "too_fast" as const;
  return "ok" as const;
}

export function readFormStartCookie(cookieHeader: string | null | undefined) {
  for (const part of (cookieHeader ?? "").split(/;\s*/)) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq) === FORM_START_COOKIE) return part.slice(eq + 1);
  }
  return undefined;
}

/**
 * The token to keep for this browser: its current one while it is less than half-way to expiry
 * (a reload must not restart the minimum fill time), else a new one.
 */
export function issueFormStart(cookieHeader: string | null | undefined, now = Date.now()) {
  const current = readFormStartCookie(cookieHeader);
  const started = formStartedAt(current);
  const keep =
    current !== undefined &&
    started !== null &&
    started <= now &&
    now - started < formMaxAgeMs() / 2;
  const token = keep ? current : formStartToken(now);
  return {
    token,
    setCookie: `${FORM_START_COOKIE}=${token}; Path=/; Max-Age=${Math.ceil(formMaxAgeMs() / 1000)}; HttpOnly; SameSite=Lax`,
  };
}

/** The start token a sign request carries: the form's field if usable, else the cookie's. */
export function formStartFrom(field: unknown, cookieHeader: string | null | undefined) {
  const fromField = typeof field === "string" && field ? field : undefined;
  const fromCookie = readFormStartCookie(cookieHeader);
  if (fromField && checkFormStart(fromField) === "ok") return fromField;
  if (fromCookie && checkFormStart(fromCookie) === "ok") return fromCookie;
  return fromField ?? fromCookie;
}

/**
 * A new token cookie for "your form expired, press Sign again": dated back by the minimum fill
 * time, because the signer has already filled the form in (a bot would first need an expired token).
 */
export const freshFormStartCookie = () => issueFormStart(null, Date.now() - minFillMs()).setCookie;

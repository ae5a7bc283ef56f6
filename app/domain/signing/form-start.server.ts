// The form-start token (a signed "this form was opened at" time) belongs to one signer, so it is
// never part of the shared, cached petition page (docs/decisions/012-cached-petition-page.md).
// It reaches the browser as a cookie from /p/<slug>/start — fetched by the form's script, or
// loaded as a tiny image inside <noscript> — and the sign doors read the form field or the cookie.
import {
  checkFormStart,
  formMaxAgeMs,
  formStartedAt,
  formStartToken,
  minFillMs,
} from "./signature.server";

export const FORM_START_COOKIE = "hov_start";

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

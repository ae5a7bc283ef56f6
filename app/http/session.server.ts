// The session cookie: it carries the token of a database session (domain/team/sessions.server),
// HttpOnly and SameSite=Lax, Secure when the app is served over https.
import type { User } from "#db/schema";
import {
  findSessionUser,
  openSession,
  revokeSession,
  SESSION_DAYS,
} from "~/domain/team/sessions.server";
import { sha256 } from "~/lib/crypto.server";
import { env } from "~/lib/env.server";

export const SESSION_COOKIE = "handover_session";

function secureCookies() {
  return env().APP_URL.startsWith("https:");
}

function readCookie(request: Request, name: string) {
  const header = request.headers.get("Cookie") ?? "";
  for (const part of header.split(/;\s*/)) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq) === name) return decodeURIComponent(part.slice(eq + 1));
  }
  return null;
}

export function sessionCookie(token: string, maxAgeSeconds: number) {
  return [
    `${SESSION_COOKIE}=${encodeURIComponent(token)}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAgeSeconds}`,
    secureCookies() ? "Secure" : "",
  ]
    .filter(Boolean)
    .join("; ");
}

/** Opens a session and returns the Set-Cookie header value that hands its token to the browser. */
export async function createSession({
  userId,
  userAgent,
}: {
  userId: number;
  userAgent?: string | null;
}) {
  const token = await openSession({ userId, userAgent });
  return sessionCookie(token, SESSION_DAYS * 86400);
}

/** The SHA-256 of the session token in a Cookie header (what the sessions table stores), or null. */
export function sessionTokenHash(cookieHeader: string | null | undefined): string | null {
  for (const part of (cookieHeader ?? "").split(/;\s*/)) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq) === SESSION_COOKIE) {
      try {
        return sha256(decodeURIComponent(part.slice(eq + 1)));
      } catch {
        return null;
      }
    }
  }
  return null;
}

export async function getSessionUser(request: Request): Promise<User | null> {
  const token = readCookie(request, SESSION_COOKIE);
  return token ? findSessionUser({ token }) : null;
}

/** Revokes the request's session; returns the Set-Cookie header that clears the cookie. */
export async function destroySession(request: Request) {
  const token = readCookie(request, SESSION_COOKIE);
  if (token) await revokeSession({ token });
  return sessionCookie("", 0);
}

// Database-backed sessions: the cookie holds a random token, the table its SHA-256.
// Revoking a row logs that browser out.
import { and, eq, gt, isNull } from "drizzle-orm";
import { db } from "#db/client";
import { sessions, users, type User } from "#db/schema";
import { randomToken, sha256 } from "~/lib/crypto.server";
import { env } from "~/lib/env.server";

export const SESSION_COOKIE = "handover_session";
const SESSION_DAYS = 30;

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

/** Creates a session row and returns the Set-Cookie header value. */
export async function createSession({
  userId,
  userAgent,
}: {
  userId: number;
  userAgent?: string | null;
}) {
  const token = randomToken();
  await db.insert(sessions).values({
    idHash: sha256(token),
    userId,
    userAgent: userAgent?.slice(0, 300) ?? null,
    expiresAt: new Date(Date.now() + SESSION_DAYS * 86400_000),
  });
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
  if (!token) return null;
  const [row] = await db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.idHash, sha256(token)),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, new Date()),
      ),
    );
  return row?.user ?? null;
}

/** Revokes the request's session; returns the Set-Cookie header that clears the cookie. */
export async function destroySession(request: Request) {
  const token = readCookie(request, SESSION_COOKIE);
  if (token) {
    await db
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(eq(sessions.idHash, sha256(token)));
  }
  return sessionCookie("", 0);
}

export async function revokeAllSessions(userId: number) {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

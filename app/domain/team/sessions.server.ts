// Database-backed sessions: a browser holds a random token, the sessions table its SHA-256, so a
// stolen table opens no session. Revoking a row logs that browser out. The cookie that carries the
// token is the request glue's business (app/http/session.server.ts).
import { and, eq, gt, isNull } from "drizzle-orm";
import { db } from "#db/client";
import { sessions, users, type User } from "#db/schema";
import { randomToken, sha256 } from "~/lib/crypto.server";

export const SESSION_DAYS = 30;

/** Opens a session for the user; returns the token for the browser to keep (stored only hashed). */
export async function openSession({
  userId,
  userAgent,
}: {
  userId: number;
  userAgent?: string | null;
}): Promise<string> {
  const token = randomToken();
  await db.insert(sessions).values({
    idHash: sha256(token),
    userId,
    userAgent: userAgent?.slice(0, 300) ?? null,
    expiresAt: new Date(Date.now() + SESSION_DAYS * 86400_000),
  });
  return token;
}

/** The user of an open (unrevoked, unexpired) session, or null. */
export async function findSessionUser({ token }: { token: string }): Promise<User | null> {
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

export async function revokeSession({ token }: { token: string }) {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(eq(sessions.idHash, sha256(token)));
}

/** Logs the user out everywhere (after a password change, for instance). */
export async function revokeAllSessions({ userId }: { userId: number }) {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

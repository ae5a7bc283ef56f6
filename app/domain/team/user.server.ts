import { hash, verify } from "@node-rs/argon2";
import { and, eq, gt, isNull } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { passwordResets, users, type User } from "#db/schema";
import type { Locale } from "#db/schema/states";
import passwordResetEmail from "#emails/password-reset";
import { randomToken, sha256 } from "~/lib/crypto.server";
import { env } from "~/lib/env.server";
import { revokeAllSessions } from "./sessions.server";
import { enqueueEmail } from "~/domain/mail/email.server";
import {
  forgetLimit,
  forgetLimitForEveryClient,
  rateLimit,
  takeLimit,
  type LimitTarget,
} from "~/domain/limits/rate-limit.server";

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export const hashPassword = (password: string) => hash(password);

export async function createUser({
  email,
  name,
  password,
  passwordHash,
  locale = "en",
  tx,
}: {
  email: string;
  name: string;
  password?: string;
  passwordHash?: string;
  locale?: Locale;
  tx?: DbOrTx;
}): Promise<User> {
  const [user] = await (tx ?? db)
    .insert(users)
    .values({
      email: normalizeEmail(email),
      name: name.trim(),
      passwordHash: passwordHash ?? (await hashPassword(password!)),
      locale,
    })
    .returning();
  return user!;
}

export async function getUserByEmail(email: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)));
  return user ?? null;
}

/** Returns the user when the password matches, else null. */
export async function verifyLogin({ email, password }: { email: string; password: string }) {
  const user = await getUserByEmail(email);
  if (!user) {
    // Same work either way so timing does not reveal which emails have accounts.
    await verify(
      "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$V3lM2aPq0s1l9yH5iE8oSxX8wq0x8r0pX0yB9b3oVdI",
      password,
    ).catch(() => false);
    return null;
  }
  const ok = await verify(user.passwordHash, password).catch(() => false);
  return ok ? user : null;
}

// ---------------------------------------------------------------------------------------------
// Sign-up, login throttling and password reset (organizer accounts).

export class EmailTakenError extends Error {
  name = "EmailTakenError";
}

/** Creates an account; throws EmailTakenError when the address already has one. */
export async function signUp({
  email,
  name,
  password,
  locale = "en",
}: {
  email: string;
  name: string;
  password: string;
  locale?: Locale;
}) {
  if (await getUserByEmail(email)) throw new EmailTakenError(email);
  try {
    return await createUser({ email, name, password, locale });
  } catch (error) {
    // Two sign-ups racing for one address: the unique index decides.
    if (/users_email_key|duplicate key/i.test(String((error as Error)?.message ?? error)))
      throw new EmailTakenError(email);
    throw error;
  }
}

// Fixed windows. Wrong passwords are counted per account *and client* (so someone failing on
// purpose from elsewhere cannot lock the owner out), per client address (offices share one IP),
// and per account overall at a much higher bar (a guessing attack spread over many addresses).
// The counter is taken before the password is checked, atomically in the database, so parallel
// attempts cannot all slip under the limit. A password reset clears the account's counters.
export const LOGIN_WINDOW_MINUTES = 15;
export const LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;
export const LOGIN_MAX_FAILURES_PER_IP = 30;
export const LOGIN_MAX_FAILURES_PER_ACCOUNT_ANYWHERE = 100;

const LOGIN_WINDOW_SECONDS = LOGIN_WINDOW_MINUTES * 60;
const LOGIN_PER_ACCOUNT_AND_CLIENT = rateLimit({
  name: "login-account",
  max: LOGIN_MAX_FAILURES_PER_ACCOUNT,
  windowSeconds: LOGIN_WINDOW_SECONDS,
});
const LOGIN_PER_ACCOUNT_ANYWHERE = rateLimit({
  name: "login-account-anywhere",
  max: LOGIN_MAX_FAILURES_PER_ACCOUNT_ANYWHERE,
  windowSeconds: LOGIN_WINDOW_SECONDS,
});
const LOGIN_PER_CLIENT = rateLimit({
  name: "login",
  max: LOGIN_MAX_FAILURES_PER_IP,
  windowSeconds: LOGIN_WINDOW_SECONDS,
});

const account = (email: string) => sha256(normalizeEmail(email));
/** This account from this client ("unknown" when the server cannot tell who is calling). */
const accountFromClient = (email: string, ip: string | null): LimitTarget => ({
  limit: LOGIN_PER_ACCOUNT_AND_CLIENT,
  subject: account(email),
  client: ip ?? "unknown",
});

export type LoginResult =
  | { ok: true; user: User }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMinutes: number };

/**
 * Checks the password unless the account (from this client), the client, or the account overall
 * has too many recent attempts. `ip` is null when the server cannot tell who is calling.
 */
export async function attemptLogin({
  email,
  password,
  ip,
}: {
  email: string;
  password: string;
  ip: string | null;
}): Promise<LoginResult> {
  const limits: LimitTarget[] = [
    accountFromClient(email, ip),
    { limit: LOGIN_PER_ACCOUNT_ANYWHERE, subject: account(email) },
    ...(ip ? [{ limit: LOGIN_PER_CLIENT, client: ip }] : []),
  ];
  // Take the counters first: the attempt counts whatever the password turns out to be.
  const taken = await Promise.all(limits.map((target) => takeLimit(target)));
  if (taken.some((t) => !t.allowed))
    return { ok: false, reason: "throttled", retryAfterMinutes: LOGIN_WINDOW_MINUTES };
  const user = await verifyLogin({ email, password });
  if (!user) return { ok: false, reason: "invalid" };
  // A success forgives this client's failures on the account (not the address's, nor the account's overall).
  await forgetLimit(accountFromClient(email, ip));
  return { ok: true, user };
}

/** Forgets an account's login counters (after its owner proved the address by a reset link). */
async function clearLoginCounters(email: string) {
  await forgetLimitForEveryClient({ limit: LOGIN_PER_ACCOUNT_AND_CLIENT, subject: account(email) });
  await forgetLimitForEveryClient({ limit: LOGIN_PER_ACCOUNT_ANYWHERE, subject: account(email) });
}

// Reset mails and sign-ups: a few per address and per client per hour, whatever the answer.
export const RESET_MAX_PER_EMAIL = 3;
export const RESET_MAX_PER_IP = 10;
export const SIGNUP_MAX_PER_IP = 10;
const HOUR = 3600;
const SIGNUP_PER_CLIENT = rateLimit({
  name: "signup",
  max: SIGNUP_MAX_PER_IP,
  windowSeconds: HOUR,
});
const RESET_PER_EMAIL = rateLimit({
  name: "reset-email",
  max: RESET_MAX_PER_EMAIL,
  windowSeconds: HOUR,
});
const RESET_PER_CLIENT = rateLimit({ name: "reset", max: RESET_MAX_PER_IP, windowSeconds: HOUR });

/** Counts a sign-up attempt from this client; true when over the hourly limit. */
export async function signUpThrottled(ip: string | null) {
  if (!ip) return false;
  return !(await takeLimit({ limit: SIGNUP_PER_CLIENT, client: ip })).allowed;
}

const RESET_HOURS = 2;

/**
 * Mails a reset link when the address has an account; says nothing either way (no account
 * probing). At most RESET_MAX_PER_EMAIL mails per address and RESET_MAX_PER_IP requests per
 * client an hour, counted whether or not the address has an account.
 */
export async function requestPasswordReset({
  email,
  locale,
  ip = null,
}: {
  email: string;
  locale?: Locale;
  ip?: string | null;
}) {
  const perEmail = await takeLimit({ limit: RESET_PER_EMAIL, subject: account(email) });
  const perClient = ip ? await takeLimit({ limit: RESET_PER_CLIENT, client: ip }) : null;
  if (!perEmail.allowed || perClient?.allowed === false) return;
  const user = await getUserByEmail(email);
  if (!user) return;
  const token = randomToken();
  await db.insert(passwordResets).values({
    tokenHash: sha256(token),
    userId: user.id,
    expiresAt: new Date(Date.now() + RESET_HOURS * 3600_000),
  });
  await enqueueEmail({
    template: passwordResetEmail,
    props: {
      name: user.name,
      resetUrl: `${env().APP_URL}/reset-password/${token}`,
      hours: RESET_HOURS,
    },
    to: user.email,
    locale: locale ?? user.locale,
    dedupeKey: `password-reset:${sha256(token)}`,
  });
  return token;
}

/** The user a still-valid reset token belongs to, or null. */
export async function findPasswordReset(token: string) {
  const [row] = await db
    .select({ userId: passwordResets.userId })
    .from(passwordResets)
    .where(
      and(
        eq(passwordResets.tokenHash, sha256(token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, new Date()),
      ),
    );
  return row ?? null;
}

/** Sets a new password with a reset token (single use) and logs every browser out. False when the token is not valid. */
export async function resetPassword({ token, password }: { token: string; password: string }) {
  const passwordHash = await hashPassword(password);
  const userId = await db.transaction(async (tx) => {
    const [used] = await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(passwordResets.tokenHash, sha256(token)),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, new Date()),
        ),
      )
      .returning({ userId: passwordResets.userId });
    if (!used) return null;
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: new Date() })
      .where(eq(users.id, used.userId));
    return used.userId;
  });
  if (userId === null) return false;
  await revokeAllSessions({ userId });
  const [owner] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (owner) await clearLoginCounters(owner.email);
  return true;
}

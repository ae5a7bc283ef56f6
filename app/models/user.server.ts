import { hash, verify } from "@node-rs/argon2";
import { eq } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { users, type User } from "#db/schema";
import type { Locale } from "#db/schema/states";

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
  const [user] = await db.select().from(users).where(eq(users.email, normalizeEmail(email)));
  return user ?? null;
}

/** Returns the user when the password matches, else null. */
export async function verifyLogin({ email, password }: { email: string; password: string }) {
  const user = await getUserByEmail(email);
  if (!user) {
    // Same work either way so timing does not reveal which emails have accounts.
    await verify("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$V3lM2aPq0s1l9yH5iE8oSxX8wq0x8r0pX0yB9b3oVdI", password).catch(() => false);
    return null;
  }
  const ok = await verify(user.passwordHash, password).catch(() => false);
  return ok ? user : null;
}

// Environment, checked once at boot. A bad value stops start-up with one line naming the variable.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

const urlWithProtocols = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine(
      (value) => {
        try {
          return protocols.includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}`,
    );

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce
    .number({ error: "must be a port number between 1 and 65535" })
    .int("must be a whole number")
    .min(1, "must be a port number between 1 and 65535")
    .max(65535, "must be a port number between 1 and 65535")
    .default(3000),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    urlWithProtocols(["postgres:", "postgresql:"]).optional(),
  ),
  PGLITE_DIR: z.preprocess(emptyToUndefined, z.string().optional()),
  SMTP_URL: z.preprocess(emptyToUndefined, urlWithProtocols(["smtp:", "smtps:"]).optional()),
  MAIL_FROM: z.string().default("Handover <no-reply@handover.localhost>"),
  SESSION_SECRET: z.preprocess(
    emptyToUndefined,
    z.string().min(32, "must be at least 32 characters").optional(),
  ),
  APP_URL: z.preprocess(emptyToUndefined, urlWithProtocols(["http:", "https:"]).optional()),
  SEED_ON_START: z.preprocess(emptyToUndefined, z.enum(["true", "false"]).default("true")),
  JOBS_INLINE: z.preprocess(emptyToUndefined, z.enum(["true", "false"]).default("true")),
  SIGNATURE_CONFIRM_HOURS: z.coerce
    .number({ error: "must be a number of hours" })
    .int()
    .min(1, "must be at least 1 hour")
    .max(24 * 90, "must be at most 2160 hours (90 days)")
    .default(72),
  HANDOVER_E2E: z.preprocess(emptyToUndefined, z.enum(["1", "0"]).default("0")),
});

export type Env = z.infer<typeof EnvSchema> & { SESSION_SECRET: string; APP_URL: string };

export class BootError extends Error {
  name = "BootError";
}

let cached: Env | undefined;

/** Parses process.env; throws BootError("NAME: problem") on the first bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    throw new BootError(`${name}: ${issue.message} (got ${JSON.stringify(source[name] ?? "")})`);
  }
  const env = parsed.data;
  return {
    ...env,
    SESSION_SECRET: env.SESSION_SECRET ?? localSessionSecret(env.PGLITE_DIR),
    APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
  };
}

// Without SESSION_SECRET (a laptop running `npm start`), keep a random secret beside the
// embedded database so sessions survive restarts; deployments set their own.
function localSessionSecret(pgliteDir?: string) {
  const dir = path.dirname(
    path.resolve(pgliteDir && !pgliteDir.startsWith("memory://") ? pgliteDir : "data/pglite"),
  );
  const file = path.join(dir, "session-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = crypto.randomBytes(32).toString("hex");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

export function env(): Env {
  if (!cached) cached = loadEnv();
  return cached;
}

/** Mail is captured to the database (and readable at /dev/mail) when no SMTP server is configured. */
export const mailIsCaptured = () => !env().SMTP_URL;

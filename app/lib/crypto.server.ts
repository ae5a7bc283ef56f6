import crypto from "node:crypto";
import { env } from "./env.server";

export const randomToken = (bytes = 32) => crypto.randomBytes(bytes).toString("base64url");
export const sha256 = (value: string) => crypto.createHash("sha256").update(value).digest("hex");
/**
 * Keyed hash (HMAC-SHA256 with the session secret) for signed links and tokens. Not for client
 * addresses: the secret outlives them (see app/domain/limits/client-hash.server.ts).
 */
export const keyedHash = (value: string) =>
  crypto.createHmac("sha256", env().SESSION_SECRET).update(value).digest("base64url");

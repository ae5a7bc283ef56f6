// An endpoint's signing secret, encrypted at rest with a key derived from SESSION_SECRET: the
// owner sees it once, at creation; the sender opens it for each signature.
import crypto from "node:crypto";
import { env } from "~/lib/env.server";

const secretKey = () =>
  crypto.createHash("sha256").update(`webhook-secret:${env().SESSION_SECRET}`).digest();

export function sealSecret(secret: string) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", secretKey(), iv);
  const data = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString("base64url")).join(".");
}

export function openSecret(sealed: string) {
  const [iv, tag, data] = sealed.split(".").map((p) => Buffer.from(p, "base64url"));
  const decipher = crypto.createDecipheriv("aes-256-gcm", secretKey(), iv!);
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(data!), decipher.final()]).toString("utf8");
}

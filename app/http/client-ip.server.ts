// The client's address as Express resolved it (server.mjs passes it in the load context;
// TRUST_PROXY=1 makes Express read X-Forwarded-For). Only ever stored as a keyed hash.
import type { AppLoadContext } from "@remix-run/node";

export function clientIp(context: AppLoadContext | undefined) {
  const ip = (context as { clientIp?: unknown } | undefined)?.clientIp;
  return typeof ip === "string" && ip ? ip : "unknown";
}

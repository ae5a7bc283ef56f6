// Outbound webhook requests (docs/decisions/023-webhooks.md). Nothing goes to loopback, private,
// link-local or otherwise internal addresses unless WEBHOOK_ALLOW_PRIVATE=true: the check runs on
// the address actually connected to (a DNS lookup hook), so a name that resolves inward, or changes
// its answer between the check and the request, is refused too. Redirects are never followed.
import crypto from "node:crypto";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";

export const allowPrivateTargets = () => process.env.WEBHOOK_ALLOW_PRIVATE === "true";

function v4ToInt(ip: string) {
  return ip.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}
const V4_BLOCKED: [string, number][] = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];

/** True for addresses a webhook must not reach: loopback, private, link-local, CGNAT, multicast, reserved. */
export function isPrivateAddress(ip: string): boolean {
  if (net.isIPv4(ip)) {
    const n = v4ToInt(ip);
    return V4_BLOCKED.some(([base, bits]) => {
      const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
      return (n & mask) >>> 0 === (v4ToInt(base) & mask) >>> 0;
    });
  }
  if (net.isIPv6(ip)) {
    const lower = ip.toLowerCase();
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    if (mapped) return isPrivateAddress(mapped[1]!);
    if (lower === "::" || lower === "::1") return true;
    const first = parseInt(lower.split(":")[0] || "0", 16);
    // fc00::/7 unique-local, fe80::/10 link-local, ff00::/8 multicast, 64:ff9b::/96 NAT64 (may reach v4 internals).
    return (
      (first & 0xfe00) === 0xfc00 ||
      (first & 0xffc0) === 0xfe80 ||
      (first & 0xff00) === 0xff00 ||
      lower.startsWith("64:ff9b:")
    );
  }
  return true;
}

export type UrlProblem = "invalid" | "protocol" | "credentials" | "private" | "unresolvable";

/** Checks a webhook URL when an owner saves it, for a clear message (the send path checks again). */
export async function checkWebhookUrl(value: string): Promise<UrlProblem | null> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "invalid";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "protocol";
  if (url.username || url.password) return "credentials";
  if (allowPrivateTargets()) return null;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host)) return isPrivateAddress(host) ? "private" : null;
  if (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host.endsWith(".internal") ||
    host.endsWith(".local")
  )
    return "private";
  try {
    const addresses = await dns.promises.lookup(host, { all: true });
    return addresses.some((a) => isPrivateAddress(a.address)) ? "private" : null;
  } catch {
    return "unresolvable";
  }
}

type LookupCallback = (
  err: Error | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/** A dns.lookup that refuses private answers (used by http.request for the actual connection). */
function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback) {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "");
    const list = addresses as dns.LookupAddress[];
    if (!allowPrivateTargets() && list.some((a) => isPrivateAddress(a.address)))
      return callback(new Error("refused: the address is on a private network"), "");
    if (options.all) return callback(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
}

export type PostResult = { statusCode: number } | { error: string };

/** POSTs the body once. Never follows a redirect; gives up after `timeoutMs`. */
export function postWebhook({
  url,
  body,
  headers,
  timeoutMs = 10_000,
}: {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs?: number;
}): Promise<PostResult> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve({ error: "invalid URL" });
    }
    const host = target.hostname.replace(/^\[|\]$/g, "");
    if (net.isIP(host) && !allowPrivateTargets() && isPrivateAddress(host))
      return resolve({ error: "refused: the address is on a private network" });
    const client = target.protocol === "https:" ? https : target.protocol === "http:" ? http : null;
    if (!client) return resolve({ error: "unsupported protocol" });
    const req = client.request(
      target,
      {
        method: "POST",
        headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
        lookup: guardedLookup as unknown as typeof dns.lookup,
        timeout: timeoutMs,
      },
      (res) => {
        // Read (and drop) up to 64 KB so the socket is freed; the status is all that counts.
        let seen = 0;
        res.on("data", (chunk: Buffer) => {
          seen += chunk.length;
          if (seen > 65_536) res.destroy();
        });
        res.on("end", () => resolve({ statusCode: res.statusCode ?? 0 }));
        res.on("close", () => resolve({ statusCode: res.statusCode ?? 0 }));
        res.on("error", () => resolve({ statusCode: res.statusCode ?? 0 }));
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", (error) => resolve({ error: error.message.slice(0, 300) }));
    req.end(body);
  });
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: the receiver recomputes it with the endpoint's secret. */
export function signatureHeader(secret: string, body: string, timestamp: number) {
  const mac = crypto.createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${mac}`;
}

/** The receiver's side, for tests and the guide: constant-time compare, and a freshness window. */
export function verifySignatureHeader({
  secret,
  body,
  header,
  toleranceSeconds = 300,
  now = Date.now(),
}: {
  secret: string;
  body: string;
  header: string | undefined;
  toleranceSeconds?: number;
  now?: number;
}) {
  const m = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header ?? "");
  if (!m) return false;
  const t = Number(m[1]);
  if (Math.abs(now / 1000 - t) > toleranceSeconds) return false;
  const expected = crypto.createHmac("sha256", secret).update(`${t}.${body}`).digest();
  return crypto.timingSafeEqual(expected, Buffer.from(m[2]!, "hex"));
}

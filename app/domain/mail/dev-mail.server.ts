// Reads the locally captured mail (no SMTP_URL). Captured mail holds signers' addresses and
// confirmation links, so it is readable only on the machine running Handover: a loopback client
// asking for a localhost address. Never reachable when real SMTP is configured. Only what the
// socket itself says counts: not X-Forwarded-For (TRUST_PROXY may make Express believe it) nor a
// forwarded Host, and any forwarding header at all means a proxy relayed someone else's request.
import type { AppLoadContext } from "@remix-run/node";
import { and, desc, eq, ilike, type SQL } from "drizzle-orm";
import { db } from "#db/client";
import { capturedEmails } from "#db/schema";
import { mailIsCaptured } from "~/lib/env.server";

export type MailReader = { hostname: string; ip: string; forwarded?: boolean };

const LOCAL_HOSTNAMES = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);
const LOOPBACK_IP = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export function mailReader(request: Request, context: AppLoadContext | undefined): MailReader {
  const c = (context ?? {}) as { socketIp?: unknown; rawHost?: unknown; forwarded?: unknown };
  const rawHost = typeof c.rawHost === "string" ? c.rawHost : (request.headers.get("host") ?? "");
  return {
    hostname: rawHost.replace(/:\d+$/, "").toLowerCase(),
    ip: typeof c.socketIp === "string" ? c.socketIp : "",
    forwarded: c.forwarded !== false,
  };
}

export function assertMayReadCapturedMail(reader: MailReader) {
  if (!mailIsCaptured()) throw new Response("Not found", { status: 404 });
  if (reader.forwarded || !LOCAL_HOSTNAMES.has(reader.hostname) || !LOOPBACK_IP.test(reader.ip)) {
    throw new Response(
      "Captured mail can only be read on the machine running Handover (http://localhost).",
      {
        status: 403,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      },
    );
  }
}

export async function listCapturedMail({
  reader,
  to,
  limit = 100,
}: {
  reader: MailReader;
  to?: string | null;
  limit?: number;
}) {
  assertMayReadCapturedMail(reader);
  const where: SQL[] = [];
  if (to) where.push(ilike(capturedEmails.toAddress, to.trim()));
  return db
    .select()
    .from(capturedEmails)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(capturedEmails.id))
    .limit(Math.min(limit, 500));
}

export async function getCapturedMail({ reader, id }: { reader: MailReader; id: number }) {
  assertMayReadCapturedMail(reader);
  const [mail] = await db.select().from(capturedEmails).where(eq(capturedEmails.id, id));
  return mail ?? null;
}

// Reads the locally captured mail (no SMTP_URL). Never reachable when real SMTP is configured.
import { and, desc, eq, ilike, type SQL } from "drizzle-orm";
import { db } from "#db/client";
import { capturedEmails } from "#db/schema";
import { mailIsCaptured } from "~/utils/env.server";

export function assertMailCaptured() {
  if (!mailIsCaptured()) throw new Response("Not found", { status: 404 });
}

export async function listCapturedMail({ to, limit = 100 }: { to?: string | null; limit?: number }) {
  assertMailCaptured();
  const where: SQL[] = [];
  if (to) where.push(ilike(capturedEmails.toAddress, to.trim()));
  return db
    .select()
    .from(capturedEmails)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(capturedEmails.id))
    .limit(Math.min(limit, 500));
}

export async function getCapturedMail(id: number) {
  assertMailCaptured();
  const [mail] = await db.select().from(capturedEmails).where(eq(capturedEmails.id, id));
  return mail ?? null;
}

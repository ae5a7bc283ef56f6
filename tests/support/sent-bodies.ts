// The outbox keeps no bodies once a message is sent (live links must not linger there); with no
// SMTP_URL the sent copy is in captured_emails. Tests that read a sent message read that copy.
import { inArray } from "drizzle-orm";
import { db } from "#db/client";
import { capturedEmails, type outgoingEmails } from "#db/schema";

type OutboxRow = typeof outgoingEmails.$inferSelect;

export async function withSentBodies<T extends OutboxRow>(rows: T[]): Promise<T[]> {
  const sent = rows.filter((r) => r.status === "sent").map((r) => r.id);
  if (sent.length === 0) return rows;
  const copies = await db
    .select()
    .from(capturedEmails)
    .where(inArray(capturedEmails.outgoingEmailId, sent));
  const byId = new Map(copies.map((c) => [c.outgoingEmailId, c]));
  return rows.map((r) => {
    const copy = byId.get(r.id);
    return copy ? { ...r, html: copy.html, text: copy.text, attachments: copy.attachments } : r;
  });
}

// The outbox. enqueueEmail renders a template and stores one row per recipient per message;
// deliverDueEmails claims due rows with FOR UPDATE SKIP LOCKED and sends them, retrying
// temporary failures with backoff. A unique dedupeKey means a message is never sent twice.
import { and, eq, inArray, sql } from "drizzle-orm";
import { db, rows, type DbOrTx } from "#db/client";
import { outgoingEmails } from "#db/schema";
import type { Locale } from "#db/schema/states";
import type { EmailTemplate } from "#emails/template";
import { sendEmail, TemporaryMailError, type MailAttachment } from "~/utils/mailer.server";

export const MAX_EMAIL_ATTEMPTS = 6;
/** Bulk mail (signer updates) waits behind mail a person is waiting for (confirmations, resets). */
export const BULK_PRIORITY = 5;

export type EnqueueEmailInput<P> = {
  template: EmailTemplate<P>;
  props: P;
  to: string;
  locale: Locale;
  /** Unique per recipient per message, e.g. `signer-delivery-update:event:12:signature:345`. */
  dedupeKey: string;
  /** Adds an unsubscribe link's List-Unsubscribe (+ one-click) headers. */
  unsubscribeUrl?: string;
  attachments?: MailAttachment[];
  /** "bulk" for mass notifications, so they never hold up a signer's or organizer's own mail. */
  priority?: "transactional" | "bulk";
  tx?: DbOrTx;
};

/** Returns true when a new message was queued, false when this dedupeKey was queued before. */
export async function enqueueEmail<P>(input: EnqueueEmailInput<P>): Promise<boolean> {
  const rendered = input.template.render(input.props, input.locale);
  const headers: Record<string, string> = { "X-Handover-Template": input.template.name };
  if (input.unsubscribeUrl) {
    headers["List-Unsubscribe"] = `<${input.unsubscribeUrl}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }
  const inserted = await (input.tx ?? db)
    .insert(outgoingEmails)
    .values({
      dedupeKey: input.dedupeKey,
      template: input.template.name,
      toAddress: input.to,
      locale: input.locale,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      headers,
      attachments: input.attachments ?? [],
      priority: input.priority === "bulk" ? BULK_PRIORITY : 0,
    })
    .onConflictDoNothing({ target: outgoingEmails.dedupeKey })
    .returning({ id: outgoingEmails.id });
  return inserted.length > 0;
}

function backoffSeconds(attempt: number) {
  return Math.min(30 * 2 ** (attempt - 1), 3600);
}

/** Sends up to `limit` due messages. Returns how many were sent. Safe to run in several processes. */
export async function deliverDueEmails({
  limit = 20,
  smtpUrl,
}: { limit?: number; smtpUrl?: string } = {}) {
  // Claim: rows stuck in "sending" for 5 minutes (a crashed worker) are claimable again.
  const claimed = await rows<{ id: number }>(
    db,
    sql`update outgoing_emails set status = 'sending', locked_at = now(), attempts = attempts + 1
        where id in (
          select id from outgoing_emails
          where (status = 'pending' and next_attempt_at <= now())
             or (status = 'sending' and locked_at < now() - interval '5 minutes')
          order by priority, next_attempt_at, id
          limit ${limit}
          for update skip locked)
        returning id`,
  );
  if (claimed.length === 0) return 0;
  const messages = await db
    .select()
    .from(outgoingEmails)
    .where(
      inArray(
        outgoingEmails.id,
        claimed.map((c) => c.id),
      ),
    );
  let sent = 0;
  for (const message of messages) {
    try {
      const info = await sendEmail(
        {
          to: message.toAddress,
          subject: message.subject,
          html: message.html,
          text: message.text,
          headers: message.headers,
          attachments: message.attachments,
          outgoingEmailId: message.id,
        },
        smtpUrl,
      );
      await db
        .update(outgoingEmails)
        .set({
          status: "sent",
          sentAt: new Date(),
          messageId: info.messageId,
          // Sent: the bodies (live confirmation, reset and unsubscribe links) are not kept.
          html: "",
          text: "",
          attachments: [],
          lockedAt: null,
          lastError: null,
        })
        .where(and(eq(outgoingEmails.id, message.id), eq(outgoingEmails.status, "sending")));
      sent++;
    } catch (error) {
      const temporary = error instanceof TemporaryMailError;
      const giveUp = !temporary || message.attempts >= MAX_EMAIL_ATTEMPTS;
      await db
        .update(outgoingEmails)
        .set({
          status: giveUp ? "failed" : "pending",
          lockedAt: null,
          lastError: (error as Error).message.slice(0, 500),
          nextAttemptAt: new Date(Date.now() + backoffSeconds(message.attempts) * 1000),
        })
        .where(eq(outgoingEmails.id, message.id));
    }
  }
  return sent;
}

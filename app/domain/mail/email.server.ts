// The outbox. enqueueEmail renders a template and stores one row per recipient per message; a
// unique dedupeKey means a message is never queued, so never sent, twice. outbox-sender.server
// sends what is due.
import { db, type DbOrTx } from "#db/client";
import { outgoingEmails } from "#db/schema";
import type { Locale } from "#db/schema/states";
import type { EmailTemplate } from "#emails/template";
import type { MailAttachment } from "~/lib/mailer.server";
import { yieldToEventLoop } from "~/lib/yield";

const RENDERS_BETWEEN_YIELDS = 25;

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

function outboxRow<P>(input: EnqueueEmailInput<P>) {
  const rendered = input.template.render(input.props, input.locale);
  const headers: Record<string, string> = { "X-Handover-Template": input.template.name };
  if (input.unsubscribeUrl) {
    headers["List-Unsubscribe"] = `<${input.unsubscribeUrl}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }
  return {
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
  };
}

/** Returns true when a new message was queued, false when this dedupeKey was queued before. */
export async function enqueueEmail<P>(input: EnqueueEmailInput<P>): Promise<boolean> {
  return (await enqueueEmails([input], input.tx)) > 0;
}

/**
 * Queues many messages in one statement (a sign batch's confirmations): one round trip instead of
 * one per signer, so the outbox keeps up with a crowd. Returns how many were new.
 */
export async function enqueueEmails<P>(
  inputs: Omit<EnqueueEmailInput<P>, "tx">[],
  tx?: DbOrTx,
): Promise<number> {
  if (inputs.length === 0) return 0;
  const rows: ReturnType<typeof outboxRow>[] = [];
  for (const input of inputs) {
    // Rendering is synchronous: a batch of hundreds must not hold the web server's event loop.
    if (rows.length > 0 && rows.length % RENDERS_BETWEEN_YIELDS === 0) await yieldToEventLoop();
    rows.push(outboxRow(input));
  }
  const inserted = await (tx ?? db)
    .insert(outgoingEmails)
    .values(rows)
    .onConflictDoNothing({ target: outgoingEmails.dedupeKey })
    .returning({ id: outgoingEmails.id });
  return inserted.length;
}

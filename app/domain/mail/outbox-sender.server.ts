// Sends what the outbox holds: claims due rows with FOR UPDATE SKIP LOCKED under a lease that a
// heartbeat renews while it sends, and retries temporary failures with backoff. A row whose worker
// died is claimed again once its lease has run out (docs/decisions/017-faults.md).
import { and, eq, inArray } from "drizzle-orm";
import { db, rows } from "#db/client";
import { outgoingEmails, type OutgoingEmail } from "#db/schema";
import { claimDueRows, renewClaimedRows, type ClaimTable } from "~/lib/claim.server";
import { heartbeat, mailLeaseSeconds, workerId } from "~/lib/lease.server";
import { sendEmail, TemporaryMailError } from "~/lib/mailer.server";
import { yieldToEventLoop } from "~/lib/yield";

export const MAX_EMAIL_ATTEMPTS = 6;

const OUTBOX_CLAIMS: ClaimTable = {
  table: "outgoing_emails",
  dueAt: "next_attempt_at",
  waiting: "pending",
  working: "sending",
};

// MAIL_RETRY_BASE_SECONDS (default 30): the first retry's wait after a temporary failure; it doubles.
function backoffSeconds(attempt: number) {
  const base = Number(process.env.MAIL_RETRY_BASE_SECONDS) || 30;
  return Math.min(base * 2 ** (attempt - 1), 3600);
}

/**
 * Runs `write` until it succeeds or `withinMs` has passed. After the SMTP server has accepted a
 * message, recording that is what stands between "sent once" and "sent again after the lease runs
 * out", so a database that is away for a few seconds is waited for rather than given up on.
 */
async function persistently(write: () => Promise<unknown>, withinMs: number) {
  const until = Date.now() + withinMs;
  for (let wait = 100; ; wait = Math.min(wait * 2, 2_000)) {
    try {
      return await write();
    } catch (error) {
      if (Date.now() + wait > until) throw error;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** Sends up to `limit` due messages. Returns how many were sent. Safe to run in several processes. */
export async function deliverDueEmails({
  limit = 20,
  smtpUrl,
  lockedBy = workerId(),
  leaseSeconds = mailLeaseSeconds(),
  restartGraceSeconds = leaseSeconds,
}: {
  limit?: number;
  smtpUrl?: string;
  lockedBy?: string;
  leaseSeconds?: number;
  /** Abandoned claims wait this long after the database (re)started: see leaseExpired. */
  restartGraceSeconds?: number;
} = {}) {
  // Claim with a lease: rows left in "sending" by a worker that died are claimable again once the
  // lease has run out; a live worker renews it while it sends (heartbeat below).
  const claimed = await rows<{ id: number }>(
    db,
    claimDueRows({ ...OUTBOX_CLAIMS, lockedBy, limit, leaseSeconds, restartGraceSeconds }),
  );
  if (claimed.length === 0) return 0;
  const ids = claimed.map((c) => c.id);
  const stopBeat = heartbeat(
    () => rows(db, renewClaimedRows({ ...OUTBOX_CLAIMS, ids, lockedBy })),
    leaseSeconds,
  );
  try {
    const messages = await db
      .select()
      .from(outgoingEmails)
      .where(inArray(outgoingEmails.id, ids))
      .orderBy(outgoingEmails.priority, outgoingEmails.id);
    let sent = 0;
    for (const message of messages) {
      if (await sendOne(message, { smtpUrl, leaseSeconds })) sent++;
      // In-process (npm start), the web server shares this thread: let it answer between sends.
      await yieldToEventLoop();
    }
    return sent;
  } finally {
    stopBeat();
  }
}

/** One message: sent and marked sent (true), or its failure recorded for a retry or for good. */
async function sendOne(
  message: OutgoingEmail,
  { smtpUrl, leaseSeconds }: { smtpUrl?: string; leaseSeconds: number },
) {
  let info: { messageId: string };
  try {
    info = await sendEmail(
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
  } catch (error) {
    const temporary = error instanceof TemporaryMailError;
    const giveUp = !temporary || message.attempts >= MAX_EMAIL_ATTEMPTS;
    await db
      .update(outgoingEmails)
      .set({
        status: giveUp ? "failed" : "pending",
        lockedAt: null,
        lockedBy: null,
        lastError: (error as Error).message.slice(0, 500),
        nextAttemptAt: new Date(Date.now() + backoffSeconds(message.attempts) * 1000),
      })
      .where(eq(outgoingEmails.id, message.id));
    return false;
  }
  await persistently(
    () =>
      db
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
          lockedBy: null,
          lastError: null,
        })
        .where(and(eq(outgoingEmails.id, message.id), eq(outgoingEmails.status, "sending"))),
    leaseSeconds * 800,
  );
  return true;
}

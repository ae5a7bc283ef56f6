// sendEmail: the one place mail leaves Handover. SMTP_URL → real SMTP via nodemailer;
// unset → the message is captured in the database and shown at /dev/mail.
import nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import { db } from "#db/client";
import { capturedEmails } from "#db/schema";
import { keyedHash } from "./crypto.server";
import { env } from "./env.server";

/**
 * One Message-ID per outbox row, the same on every attempt: if a worker dies between the SMTP
 * server's "250 OK" and recording it, the message is sent again after the lease, and mail systems
 * that drop repeated Message-IDs show it once (docs/decisions/017-faults.md).
 */
function stableMessageId(outgoingEmailId: number) {
  let host = "handover.localhost";
  try {
    host = new URL(env().APP_URL).hostname || host;
  } catch {
    // keep the default
  }
  return `<${keyedHash(`message-id:${outgoingEmailId}`).slice(0, 24)}@${host}>`;
}

export type MailAttachment = {
  filename: string;
  contentType: string;
  content: string; /* base64 */
};
export type MailMessage = {
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
  outgoingEmailId?: number;
};

/** An SMTP failure worth retrying (4xx reply, connection trouble) rather than a permanent 5xx. */
export class TemporaryMailError extends Error {
  name = "TemporaryMailError";
}

let transporter: Transporter | undefined;
let transporterUrl: string | undefined;

function smtp(url: string) {
  if (!transporter || transporterUrl !== url) {
    transporter = nodemailer.createTransport(url);
    transporterUrl = url;
  }
  return transporter;
}

export async function sendEmail(
  message: MailMessage,
  smtpUrl = env().SMTP_URL,
): Promise<{ messageId: string }> {
  const from = env().MAIL_FROM;
  if (!smtpUrl) {
    const [row] = await db
      .insert(capturedEmails)
      .values({
        outgoingEmailId: message.outgoingEmailId,
        toAddress: message.to,
        fromAddress: from,
        subject: message.subject,
        html: message.html,
        text: message.text,
        headers: message.headers ?? {},
        attachments: message.attachments ?? [],
      })
      .returning({ id: capturedEmails.id });
    return { messageId: `captured-${row!.id}` };
  }
  try {
    const info = await smtp(smtpUrl).sendMail({
      ...(message.outgoingEmailId ? { messageId: stableMessageId(message.outgoingEmailId) } : {}),
      from,
      to: message.to,
      subject: message.subject,
      html: message.html,
      text: message.text,
      headers: message.headers,
      attachments: message.attachments?.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: Buffer.from(a.content, "base64"),
      })),
    });
    return { messageId: info.messageId };
  } catch (error) {
    const err = error as { responseCode?: number; code?: string; message: string };
    const permanent = typeof err.responseCode === "number" && err.responseCode >= 500;
    if (permanent) throw error;
    throw new TemporaryMailError(
      `${err.code ?? "SMTP"} ${err.responseCode ?? ""} ${err.message}`.trim(),
    );
  }
}

export function resetMailerForTests() {
  transporter?.close();
  transporter = undefined;
  transporterUrl = undefined;
}

import { createElement } from "react";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "#db/client";
import { capturedEmails, outgoingEmails } from "#db/schema";
import { renderLayout, renderTextLayout } from "#emails/layout";
import { defineEmail } from "#emails/template";
import { enqueueEmail } from "~/domain/mail/email.server";
import { deliverDueEmails } from "~/domain/mail/outbox-sender.server";
import { resetMailerForTests } from "~/lib/mailer.server";
import { startSmtpServer } from "../support/smtp";

// A minimal template for exercising the plumbing itself.
const greeting = defineEmail<{ name: string }>({
  name: "test-greeting",
  sample: { name: "Ana" },
  render: ({ name }, locale) => {
    const heading = locale === "es" ? `Hola, ${name}` : `Hello, ${name}`;
    return {
      subject: heading,
      html: renderLayout({
        locale,
        audience: "signer",
        heading,
        children: createElement("p", null, "<b>not bold</b>"),
        unsubscribeUrl: "http://localhost/unsubscribe/x",
      }),
      text: renderTextLayout({
        locale,
        audience: "signer",
        heading,
        paragraphs: ["Body"],
        unsubscribeUrl: "http://localhost/unsubscribe/x",
      }),
    };
  },
});

/** Queues the greeting in English to <name>@example.org, deduplicated on test:<name>. */
const enqueueGreeting = (name: string, priority?: "bulk") =>
  enqueueEmail({
    template: greeting,
    props: { name },
    to: `${name.toLowerCase()}@example.org`,
    locale: "en",
    dedupeKey: `test:${name.toLowerCase()}`,
    ...(priority ? { priority } : {}),
  });

const outboxRows = (dedupeKey: string) =>
  db.select().from(outgoingEmails).where(eq(outgoingEmails.dedupeKey, dedupeKey));

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  resetMailerForTests();
  await smtp.close();
});

describe("email outbox through a real SMTP server", () => {
  it("sends a queued message once, with HTML, text and List-Unsubscribe", async () => {
    const first = await enqueueEmail({
      template: greeting,
      props: { name: "Ana" },
      to: "ana@example.org",
      locale: "es",
      dedupeKey: "test:ana",
      unsubscribeUrl: "http://localhost/unsubscribe/x",
    });
    const again = await enqueueEmail({
      template: greeting,
      props: { name: "Ana" },
      to: "ana@example.org",
      locale: "es",
      dedupeKey: "test:ana",
    });
    expect(first).toBe(true);
    expect(again).toBe(false);

    expect(await deliverDueEmails({ smtpUrl: smtp.url })).toBe(1);
    expect(await deliverDueEmails({ smtpUrl: smtp.url })).toBe(0);
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(["ana@example.org"]);
    expect(mail.raw).toMatch(/Subject: Hola, Ana/);
    expect(mail.raw).toMatch(/List-Unsubscribe: <http:\/\/localhost\/unsubscribe\/x>/);
    expect(mail.raw).toMatch(/multipart\/alternative/);
    const unfolded = mail.raw.replace(/=\r?\n/g, "");
    expect(unfolded).toContain("&lt;b&gt;not bold&lt;/b&gt;");
    expect(unfolded).not.toContain("<b>not bold</b>");
    const [row] = await outboxRows("test:ana");
    expect(row!.status).toBe("sent");
  });

  it("retries a temporary failure (451) and gives up at once on a permanent one (550)", async () => {
    await enqueueGreeting("Bo");
    smtp.failNext(1, 451);
    expect(await deliverDueEmails({ smtpUrl: smtp.url })).toBe(0);
    let [row] = await outboxRows("test:bo");
    expect(row!.status).toBe("pending");
    expect(row!.lastError).toMatch(/451/);
    // Make it due now instead of waiting out the backoff.
    await db
      .update(outgoingEmails)
      .set({ nextAttemptAt: new Date() })
      .where(eq(outgoingEmails.id, row!.id));
    expect(await deliverDueEmails({ smtpUrl: smtp.url })).toBe(1);
    [row] = await db.select().from(outgoingEmails).where(eq(outgoingEmails.id, row!.id));
    expect(row!.status).toBe("sent");
    expect(row!.attempts).toBe(2);

    await enqueueGreeting("Cy");
    smtp.failNext(1, 550);
    await deliverDueEmails({ smtpUrl: smtp.url });
    const [failed] = await outboxRows("test:cy");
    expect(failed!.status).toBe("failed");
    expect(smtp.received.filter((m) => m.to.includes("cy@example.org"))).toHaveLength(0);
  });

  it("captures mail in the database when no SMTP server is configured", async () => {
    await enqueueGreeting("Di");
    expect(await deliverDueEmails({ smtpUrl: undefined })).toBe(1);
    const captured = await db
      .select()
      .from(capturedEmails)
      .where(eq(capturedEmails.toAddress, "di@example.org"));
    expect(captured).toHaveLength(1);
    expect(captured[0]!.subject).toBe("Hello, Di");
    expect(captured[0]!.text).toContain("Body");
  });

  it("two workers draining the outbox at once never send a message twice", async () => {
    for (let i = 0; i < 30; i++) {
      await enqueueGreeting(`N${i}`);
    }
    const before = smtp.received.length;
    const results = await Promise.all([
      deliverDueEmails({ smtpUrl: smtp.url, limit: 10 }),
      deliverDueEmails({ smtpUrl: smtp.url, limit: 10 }),
      deliverDueEmails({ smtpUrl: smtp.url, limit: 10 }),
      deliverDueEmails({ smtpUrl: smtp.url, limit: 10 }),
    ]);
    expect(results.reduce((a, b) => a + b, 0)).toBe(30);
    const sent = smtp.received.slice(before).flatMap((m) => m.to);
    expect(new Set(sent).size).toBe(30);
    expect(sent).toHaveLength(30);
  });

  it("mail a person is waiting for goes out before bulk mail queued earlier", async () => {
    for (let i = 0; i < 5; i++) {
      await enqueueGreeting(`Bulk${i}`, "bulk");
    }
    await enqueueGreeting("Urgent");
    const before = smtp.received.length;
    expect(await deliverDueEmails({ smtpUrl: smtp.url, limit: 1 })).toBe(1);
    expect(smtp.received.slice(before).flatMap((m) => m.to)).toEqual(["urgent@example.org"]);
    await deliverDueEmails({ smtpUrl: smtp.url, limit: 10 });
    expect(smtp.received.length - before).toBe(6);
  });
});

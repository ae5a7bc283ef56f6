// A real SMTP server in the test process (smtp-server), recording what it receives.
// `failNext(n, code)` makes the next n messages fail with that SMTP reply code.
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";

export type ReceivedMail = { from: string; to: string[]; raw: string };

export async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  let failures: { remaining: number; code: number } = { remaining: 0, code: 451 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (failures.remaining > 0) {
          failures.remaining--;
          const err = Object.assign(
            new Error(failures.code >= 500 ? "Mailbox unavailable" : "Try again later"),
            {
              responseCode: failures.code,
            },
          );
          return callback(err);
        }
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    failNext(count: number, code = 451) {
      failures = { remaining: count, code };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

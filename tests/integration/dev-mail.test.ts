import { describe, expect, it } from "vitest";
import { assertMayReadCapturedMail, listCapturedMail } from "~/domain/mail/dev-mail.server";

async function status(fn: () => unknown) {
  try {
    await fn();
    return 200;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}

describe("captured mail is readable only on the machine running Handover", () => {
  it("allows a loopback client asking for localhost", async () => {
    for (const ip of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) {
      expect(await status(() => assertMayReadCapturedMail({ hostname: "localhost", ip }))).toBe(
        200,
      );
    }
    expect(await listCapturedMail({ reader: { hostname: "127.0.0.1", ip: "127.0.0.1" } })).toEqual(
      [],
    );
  });

  it("refuses anyone else, and a public hostname even through a local proxy", async () => {
    expect(
      await status(() => assertMayReadCapturedMail({ hostname: "localhost", ip: "203.0.113.9" })),
    ).toBe(403);
    expect(
      await status(() =>
        assertMayReadCapturedMail({ hostname: "petitions.example.org", ip: "127.0.0.1" }),
      ),
    ).toBe(403);
    expect(
      await status(() =>
        listCapturedMail({ reader: { hostname: "petitions.example.org", ip: "198.51.100.2" } }),
      ),
    ).toBe(403);
  });
});

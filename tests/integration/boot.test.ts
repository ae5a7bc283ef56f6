// Start-up behaviour of the real server process: clear one-line errors, data kept across restarts.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "#db/client";
import { campaigns, users } from "#db/schema";
import { loadEnv } from "~/lib/env.server";

const root = path.resolve(__dirname, "../..");

function ensureBuild() {
  if (!fs.existsSync(path.join(root, "build/index.js"))) {
    const r = spawnSync(process.execPath, ["build.mjs"], { cwd: root, stdio: "ignore" });
    if (r.status !== 0) throw new Error("build failed");
  }
}

function runServer(
  env: Record<string, string>,
  { waitFor, script = "server.mjs" }: { waitFor?: RegExp; script?: string } = {},
) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [script], {
      cwd: root,
      env: {
        PATH: process.env.PATH!,
        HOME: os.tmpdir(),
        BUILD_DIR: "build",
        ...env,
      } as unknown as NodeJS.ProcessEnv,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d;
      if (waitFor && waitFor.test(stdout)) child.kill("SIGTERM");
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (code: number | null) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(ensureBuild, 60_000);

describe("start-up", () => {
  it("an unreachable DATABASE_URL stops start-up with one line naming the variable", async () => {
    const r = await runServer({
      DATABASE_URL: "postgres://postgres@127.0.0.1:1/nowhere",
      PORT: "3991",
    });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Handover cannot start — DATABASE_URL: cannot connect to 127\.0\.0\.1:1\/nowhere/,
    );
  });

  it("a bad environment value names the variable, without a stack trace", async () => {
    const r = await runServer({ PORT: "eighty" });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      'Handover cannot start — PORT: must be a port number between 1 and 65535 (got "eighty")',
    );
  });

  it("loadEnv reports the first bad variable and fills defaults", () => {
    expect(() => loadEnv({ SMTP_URL: "mail.example.org" } as unknown as NodeJS.ProcessEnv)).toThrow(
      /^SMTP_URL: must be a URL/,
    );
    expect(() => loadEnv({ SESSION_SECRET: "short" } as unknown as NodeJS.ProcessEnv)).toThrow(
      /^SESSION_SECRET: must be at least 32 characters/,
    );
    const env = loadEnv({
      PORT: "4000",
      SESSION_SECRET: "x".repeat(32),
    } as unknown as NodeJS.ProcessEnv);
    expect(env.APP_URL).toBe("http://localhost:4000");
    expect(env.SMTP_URL).toBeUndefined();
  });

  it("a second start on the same PGlite directory keeps all data and does not reseed", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "handover-restart-"));
    const pgliteDir = path.join(dir, "pglite");
    try {
      const first = await runServer(
        { PGLITE_DIR: pgliteDir, PORT: "3992" },
        { waitFor: /running at/ },
      );
      expect(first.stdout).toMatch(/Seeded the demo campaign/);

      // Between the two starts, add a user of our own.
      const handle = createDb({ pgliteDir });
      await handle.ready;
      await handle.db
        .insert(users)
        .values({ email: "kept@example.org", name: "Kept", passwordHash: "x" });
      await handle.close();

      const second = await runServer(
        { PGLITE_DIR: pgliteDir, PORT: "3993" },
        { waitFor: /running at/ },
      );
      expect(second.stdout).not.toMatch(/Seeded/);
      expect(second.stdout).toMatch(/running at http:\/\/localhost:3993/);

      const again = createDb({ pgliteDir });
      await again.ready;
      const allUsers = await again.db.select().from(users);
      const allCampaigns = await again.db.select().from(campaigns);
      await again.close();
      expect(allUsers.map((u) => u.email)).toContain("kept@example.org");
      expect(allCampaigns).toHaveLength(1);
      // The locally generated session secret is kept beside the data too.
      expect(fs.readFileSync(path.join(dir, "session-secret"), "utf8")).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it("the stand-alone worker refuses to start without DATABASE_URL, in one line", async () => {
    const r = await runServer({}, { script: "worker.mjs" });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      "Handover cannot start the worker — DATABASE_URL: required (the embedded database runs only inside the web process)",
    );
  });

  it.runIf(!!process.env.DATABASE_URL)(
    "the stand-alone worker sends mail queued by another process (Postgres)",
    async () => {
      const { enqueueEmail } = await import("~/domain/mail/email.server");
      const { db } = await import("#db/client");
      const { capturedEmails } = await import("#db/schema");
      const { eq } = await import("drizzle-orm");
      const template = (await import("#emails/signature-thank-you")).default;
      await enqueueEmail({
        template,
        props: template.sample,
        to: "worker-check@example.org",
        locale: "es",
        dedupeKey: "test:worker-check",
      });
      const child = spawn(process.execPath, ["worker.mjs"], {
        cwd: root,
        env: {
          PATH: process.env.PATH!,
          HOME: os.tmpdir(),
          BUILD_DIR: "build",
          DATABASE_URL: process.env.DATABASE_URL!,
          SESSION_SECRET: "w".repeat(40),
        } as unknown as NodeJS.ProcessEnv,
      });
      try {
        let delivered: unknown[] = [];
        for (let i = 0; i < 100 && delivered.length === 0; i++) {
          await new Promise((r) => setTimeout(r, 200));
          delivered = await db
            .select()
            .from(capturedEmails)
            .where(eq(capturedEmails.toAddress, "worker-check@example.org"));
        }
        expect(delivered).toHaveLength(1);
      } finally {
        child.kill("SIGTERM");
      }
    },
    60_000,
  );
});

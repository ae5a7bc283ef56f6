// Starts the production build (`node server.mjs`) on a fresh, seeded database of its own and keeps
// everything it prints, so a test can assert on both its answers and its log.
// Needs `npm run build` first (`npm test` and CI build before vitest runs).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { inject } from "vitest";
import { freshDatabase } from "./test-db";

export type ProdServer = {
  url: string;
  port: number;
  /** Everything the server wrote to stdout and stderr so far. */
  log: () => string;
  stop: () => Promise<void>;
};

async function freePort() {
  return new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function startProdServer(extraEnv: Record<string, string> = {}): Promise<ProdServer> {
  const buildDir = process.env.BUILD_DIR || "build";
  if (!fs.existsSync(path.resolve(buildDir, "index.js")))
    throw new Error(`No production build in ${buildDir}/: run \`npm run build\` first.`);
  const fresh = await freshDatabase(inject("dbRunId"));
  const port = await freePort();
  const url = `http://localhost:${port}`;
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["server.mjs"], {
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      PORT: String(port),
      BUILD_DIR: buildDir,
      HANDOVER_E2E: "1",
      SEED_ON_START: "true",
      SESSION_SECRET: "fuzz-secret-fuzz-secret-fuzz-secret-0123",
      APP_URL: url,
      SMTP_URL: "",
      ...fresh.env,
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => (output += d.toString("utf8")));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString("utf8")));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited on start:\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The server did not answer /healthz within 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    url,
    port,
    log: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 8000);
        await exited;
        clearTimeout(timer);
      }
      await fresh.cleanup();
    },
  };
}

/** Logs in as a seeded user through the test-only shortcut; returns the Cookie header value. */
export async function sessionCookieFor(server: ProdServer, email: string) {
  const res = await fetch(`${server.url}/e2e/login?email=${encodeURIComponent(email)}&to=/`, {
    redirect: "manual",
  });
  const setCookie = res.headers.get("set-cookie") ?? "";
  const cookie = setCookie.split(";")[0];
  if (!cookie) throw new Error(`No session for ${email} (${res.status})`);
  return cookie;
}

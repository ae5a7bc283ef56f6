import fs from "node:fs";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// Playwright starts the production build itself, on a fresh database:
// E2E_DATABASE_URL (a Postgres database) if set, else a new embedded PGlite directory.
const port = Number(process.env.E2E_PORT || 3210);
const buildDir = process.env.BUILD_DIR || "build";
const pgliteDir = path.resolve(`data-e2e-${port}`);
const jsonOut = process.env.PLAYWRIGHT_JSON_OUTPUT;

export const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!fs.existsSync(chromiumPath)) {
  throw new Error(
    `No Chromium at ${chromiumPath}. Install Debian's: \`sudo apt-get install -y chromium\`, ` +
      `or point CHROMIUM_PATH at a Chromium/Chrome binary. (Playwright's own browser download is not used.)`,
  );
}

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // One worker: the journeys share one seeded server, and several count the same petition's
  // signatures; running them one after another keeps every count exact.
  workers: 1,
  retries: 0,
  reporter: jsonOut ? [["list"], ["json", { outputFile: jsonOut }]] : [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: process.env.E2E_DATABASE_URL
      ? "node server.mjs"
      : `rm -rf ${pgliteDir} && node server.mjs`,
    url: `http://localhost:${port}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      BUILD_DIR: buildDir,
      NODE_ENV: "production",
      HANDOVER_E2E: "1",
      SEED_ON_START: "true",
      SESSION_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
      APP_URL: `http://localhost:${port}`,
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
      PGLITE_DIR: process.env.E2E_DATABASE_URL ? "" : pgliteDir,
      SMTP_URL: "",
    },
  },
});

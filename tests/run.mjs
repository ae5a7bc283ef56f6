// `npm test`: build, then vitest (unit + integration), then Playwright (end to end).
// Both runners always run; the exit code is non-zero if either failed.
// With TEST_SUMMARY_DIR set, each runner also writes a JSON report there (CI sums them).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const summaryDir = process.env.TEST_SUMMARY_DIR;
const tag = process.env.TEST_SUMMARY_TAG || "default";
if (summaryDir) fs.mkdirSync(summaryDir, { recursive: true });

function run(cmd, args, extraEnv = {}) {
  const result = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...extraEnv } });
  return result.status ?? 1;
}

const bin = (name) => path.resolve("node_modules/.bin", name);

if (run(process.execPath, ["build.mjs"]) !== 0) process.exit(1);
const vitest = run(
  bin("vitest"),
  ["run"],
  summaryDir ? { VITEST_JSON_OUTPUT: path.join(summaryDir, `vitest-${tag}.json`) } : {},
);
const playwright =
  process.env.SKIP_E2E === "1"
    ? 0
    : run(
        bin("playwright"),
        ["test"],
        summaryDir
          ? { PLAYWRIGHT_JSON_OUTPUT: path.join(summaryDir, `playwright-${tag}.json`) }
          : {},
      );
process.exit(vitest !== 0 || playwright !== 0 ? 1 : 0);

// Handover's background worker on its own process: sends mail and runs jobs (packet builds,
// signer updates, reminders) so that long work never competes with web requests.
// Needs DATABASE_URL (the embedded database lives inside the web process). Start the web
// processes with JOBS_INLINE=false and run one or more of these beside them: `npm run worker`.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { exitAfterShutdownTimeout, surviveDatabaseOutages } from "./process-guards.mjs";

if (!process.env.DATABASE_URL) {
  console.error(
    "Handover cannot start the worker — DATABASE_URL: required (the embedded database runs only inside the web process)",
  );
  process.exit(1);
}
process.env.JOBS_INLINE = "true";
process.env.SEED_ON_START ||= "false";

const buildDir = process.env.BUILD_DIR || "build";
const build = await import(pathToFileURL(path.resolve(buildDir, "index.js")).href);
const entry = build.entry.module;
try {
  await entry.boot();
} catch (error) {
  if (error && error.name === "BootError") {
    console.error(`Handover cannot start the worker — ${error.message}`);
    process.exit(1);
  }
  throw error;
}
console.log("Handover worker is running (mail and jobs)");

surviveDatabaseOutages(entry);

let closing = false;
async function close() {
  if (closing) return;
  closing = true;
  // Finish the job and mail batch under way (SHUTDOWN_TIMEOUT_MS bounds it); a job cut off here is
  // claimed again by another worker once its lease runs out.
  exitAfterShutdownTimeout();
  await entry.shutdown().catch(() => {});
  process.exit(0);
}
process.on("SIGTERM", close);
process.on("SIGINT", close);

// The fault run's CI suite (tests/faults): real processes, its own throwaway Postgres and PgBouncer,
// so none of the per-file database setup of vitest.config.ts. Run by .ci/run.
import { defineConfig } from "vitest/config";

const jsonOut = process.env.VITEST_JSON_OUTPUT;

export default defineConfig({
  test: {
    include: ["tests/faults/**/*.test.ts"],
    // One at a time: each starts its own Postgres cluster and processes on the two cores.
    fileParallelism: false,
    testTimeout: 10_000,
    hookTimeout: 600_000,
    reporters: jsonOut ? ["default", ["json", { outputFile: jsonOut }]] : ["default"],
  },
});

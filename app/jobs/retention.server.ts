// The daily retention run (docs/decisions/028-retention.md): erases what is due, then queues the
// next day's run. Safe to run twice: erased rows are never touched again.
import { runRetention, scheduleRetention, RETENTION_JOB } from "~/domain/privacy/retention.server";
import { DATA_REPORT_JOB, sendSignerDataReport } from "~/domain/privacy/data-request.server";
import type { JobHandlers } from "./types";

export const retentionHandlers: JobHandlers<typeof RETENTION_JOB | typeof DATA_REPORT_JOB> = {
  async [RETENTION_JOB]() {
    await runRetention();
    await scheduleRetention();
  },
  async [DATA_REPORT_JOB](job) {
    await sendSignerDataReport({ jobId: job.id, payload: job.payload });
  },
};

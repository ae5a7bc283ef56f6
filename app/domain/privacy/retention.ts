// The retention schedule's shared rules (browser and server): months after a petition closes
// before its signers' personal fields are erased. See docs/decisions/028-retention.md.
import * as z from "zod";

export const RETENTION_DEFAULT_MONTHS = 6;
export const RETENTION_MIN_MONTHS = 1;
export const RETENTION_MAX_MONTHS = 36;

export const retentionSchema = z.object({
  retentionMonths: z.coerce
    .number({ error: "retention" })
    .int("retention")
    .min(RETENTION_MIN_MONTHS, "retention")
    .max(RETENTION_MAX_MONTHS, "retention"),
});

/** "What do you hold about me": one email address, as typed. */
export const dataRequestSchema = z.object({
  email: z
    .string({ error: "email" })
    .trim()
    .min(1, "email")
    .max(254, "email")
    .pipe(z.email({ error: "email" })),
});

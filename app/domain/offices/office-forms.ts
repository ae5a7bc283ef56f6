// Form schemas for the office's side: sending a packet by email, the office's acknowledgement,
// a response typed in by an organizer, and a petition update. Shared by the browser (conform) and
// the server. Messages are keys into the office locale's `errors`, so they show in the user's language.
import * as z from "zod";
import { LOCALES } from "#db/schema/states";
import { isStorableText } from "~/lib/text";

const text = (max: number) =>
  z.string().trim().max(max, "tooLong").refine(isStorableText, "unstorable").optional().default("");
const requiredText = (max: number) =>
  z
    .string({ error: "required" })
    .trim()
    .min(1, "required")
    .max(max, "tooLong")
    .refine(isStorableText, "unstorable");

export const sendByEmailSchema = z.object({
  to: z
    .string({ error: "emailRequired" })
    .trim()
    .min(1, "emailRequired")
    .max(254, "emailInvalid")
    .pipe(z.email("emailInvalid")),
  locale: z.enum(LOCALES, { error: "required" }).default("en"),
  note: text(2000),
});
export type SendByEmailInput = z.infer<typeof sendByEmailSchema>;

export const officeAckSchema = z.object({
  response: text(5000),
  name: text(200),
  title: text(200),
});
export type OfficeAckInput = z.infer<typeof officeAckSchema>;

export const responseSchema = z.object({
  eventId: z.coerce.number({ error: "required" }).int().positive("required"),
  authorName: requiredText(200),
  authorTitle: text(200),
  body: requiredText(5000),
  respondedOn: z
    .string({ error: "required" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "date")
    .refine((v) => !Number.isNaN(Date.parse(`${v}T12:00:00Z`)), "date"),
});
export type ResponseInput = z.infer<typeof responseSchema>;

export const updateSchema = z.object({
  titleEn: requiredText(200),
  bodyEn: requiredText(10_000),
  titleEs: requiredText(200),
  bodyEs: requiredText(10_000),
});
export type UpdateInput = z.infer<typeof updateSchema>;

export const updateIntervalSchema = z.object({
  updateIntervalHours: z.coerce
    .number({ error: "interval" })
    .int("interval")
    .min(1, "interval")
    .max(24 * 60, "interval"),
});

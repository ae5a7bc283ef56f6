// Form schemas for the delivery pages, shared by the browser (conform) and the server. Messages
// are keys into the delivery locale's `errors`, so a field error shows in the user's language.
import * as z from "zod";
import { ACKNOWLEDGEMENT_KINDS, RSVP_ROLES } from "#db/schema/states";
import { isStorableText } from "~/lib/text";

/** Free text of a report: trimmed, bounded, and storable (no NUL or lone surrogates). */
const reportText = (max: number) =>
  z.string().trim().max(max, "tooLong").refine(isStorableText, "text").optional().default("");

export const rsvpSchema = z.object({
  name: z
    .string({ error: "name.required" })
    .trim()
    .min(1, "name.required")
    .max(120, "name.long")
    .refine(isStorableText, "text.unstorable"),
  email: z
    .string({ error: "email.required" })
    .trim()
    .max(254, "email.invalid")
    .pipe(z.email("email.invalid")),
  phone: z
    .string()
    .trim()
    .max(40, "phone.invalid")
    .regex(/^[+0-9 ().-]*$/, "phone.invalid")
    .optional()
    .default(""),
  // Opt-in: the event's coordinators may see the phone number. Without it the phone is not kept.
  shareContact: z.boolean().optional().default(false),
  role: z.enum(RSVP_ROLES, { error: "role.invalid" }).default("attend"),
});
export type RsvpInput = Omit<z.infer<typeof rsvpSchema>, "shareContact"> & {
  shareContact?: boolean;
};

const optionalCount = z.preprocess(
  (v) => (v === "" || v == null ? null : v),
  z.coerce
    .number({ error: "count" })
    .int("count")
    .min(0, "count")
    .max(10_000_000, "count")
    .nullable(),
);

export const reportSchema = z.object({
  deliveredAt: z.string({ error: "required" }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "dateTime"),
  receivedByName: reportText(200),
  receivedByTitle: reportText(200),
  signaturesHandedOver: optionalCount,
  attendeesCount: optionalCount,
  howItWent: reportText(4000),
  officeResponse: reportText(4000),
  links: z
    .string()
    .optional()
    .default("")
    .transform((v) => v.split(/\s+/).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/, error: "link" })).max(20, "tooLong")),
  note: reportText(1000),
  // Ticked after the warning that the time is not on the scheduled day (see reportDelivery).
  confirmOffDay: z.preprocess((v) => v === "on" || v === "1" || v === true, z.boolean()),
});
export type ReportInput = z.infer<typeof reportSchema>;

export const acknowledgementSchema = z.object({
  kind: z.enum(ACKNOWLEDGEMENT_KINDS, { error: "kind" }),
  note: z.string().trim().max(4000, "tooLong").optional().default(""),
});

export const rescheduleSchema = z.object({
  date: z.string({ error: "required" }).regex(/^\d{4}-\d{2}-\d{2}$/, "date"),
  time: z.string({ error: "required" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "time"),
  durationMinutes: z.coerce
    .number({ error: "duration" })
    .int("duration")
    .min(15, "duration")
    .max(720, "duration"),
  meetingPoint: z.string().trim().max(500, "tooLong").optional().default(""),
  note: z.string().trim().max(1000, "tooLong").optional().default(""),
});

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "time");

export const planStopSchema = z.object({
  officeId: z.coerce.number().int().positive(),
  time,
  durationMinutes: z.coerce
    .number({ error: "duration" })
    .int("duration")
    .min(15, "duration")
    .max(12 * 60, "duration")
    .default(90),
  capacity: z.preprocess(
    (v) => (v === "" || v == null ? null : v),
    z.coerce
      .number({ error: "capacity" })
      .int("capacity")
      .min(1, "capacity")
      .max(100000, "capacity")
      .nullable(),
  ),
  meetingPoint: z.string().trim().max(500, "tooLong").optional().default(""),
  meetingPointPrivate: z.boolean().optional().default(true),
  coordinatorIds: z.array(z.coerce.number().int().positive()).optional().default([]),
  description: z.string().trim().max(4000, "tooLong").optional().default(""),
  descriptionEs: z.string().trim().max(4000, "tooLong").optional().default(""),
});

export const planDaySchema = z.object({
  petitionId: z.coerce.number({ error: "required" }).int().positive("required"),
  date: z.string({ error: "required" }).regex(/^\d{4}-\d{2}-\d{2}$/, "date"),
  title: z.string().trim().max(200, "tooLong").optional().default(""),
  stops: z.array(planStopSchema, { error: "noStops" }).min(1, "noStops"),
});
export type PlanDayInput = z.infer<typeof planDaySchema>;

/** One event on its own (outside a delivery day). */
export const singleEventSchema = planStopSchema.extend({
  petitionId: z.coerce.number({ error: "petition" }).int().positive("petition"),
  date: z.string({ error: "required" }).regex(/^\d{4}-\d{2}-\d{2}$/, "date"),
  officeId: z.coerce.number({ error: "office" }).int().positive("office"),
  time: z.string({ error: "required" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "time"),
  meetingPointPrivate: z.preprocess((v) => v === "on" || v === true, z.boolean()),
});

// The office form's schema, shared by the browser (conform) and the server. Messages are keys
// into the delivery locale's `errors`, so each field error shows in the user's language.
import * as z from "zod";
import { OFFICE_KINDS } from "#db/schema/states";
import { isValidTimeZone } from "~/lib/zoned-time";

const text = (max: number) => z.string().trim().max(max, "tooLong").optional().default("");
const list = z
  .string()
  .optional()
  .default("")
  .transform((v) =>
    v
      .split(/[,;\n]/)
      .map((s) => s.trim())
      .filter(Boolean),
  );

export const officeSchema = z.object({
  name: z.string({ error: "required" }).trim().min(1, "required").max(200, "tooLong"),
  kind: z.enum(OFFICE_KINDS, { error: "kind" }).default("other"),
  decisionMaker: text(200),
  decisionMakerTitle: text(200),
  addressLine1: text(200),
  addressLine2: text(200),
  city: z.string({ error: "required" }).trim().min(1, "required").max(120, "tooLong"),
  region: text(120),
  postalCode: text(20),
  country: z
    .string()
    .trim()
    .optional()
    .default("US")
    .transform((v) => (v || "US").toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2}$/, "country")),
  timeZone: z
    .string({ error: "required" })
    .trim()
    .min(1, "required")
    .refine(isValidTimeZone, "timeZone"),
  phone: z
    .string()
    .trim()
    .max(40, "tooLong")
    .regex(/^[+0-9 ().x-]*$/, "phone")
    .optional()
    .default(""),
  email: z
    .union([z.literal(""), z.email("email")])
    .optional()
    .default(""),
  notes: text(4000),
  localRegions: list,
  localPostalPrefixes: list.pipe(z.array(z.string().regex(/^[0-9A-Za-z]{1,10}$/, "postalPrefix"))),
});

export type OfficeInput = z.infer<typeof officeSchema>;

// Forms for packets and paper signatures: one zod schema per form, shared by the browser (conform)
// and the server. Error messages are keys into the `packet` locale so they show in the user's language.
import * as z from "zod";

export const PAPER_SIZES = ["letter", "a4"] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];
export const PACKET_LANGUAGES = ["en", "es", "both"] as const;
export type PacketLanguage = (typeof PACKET_LANGUAGES)[number];
export const OTHERS_CHOICES = ["all", "none"] as const;

export const MIN_VOLUME_SIZE = 500;
export const MAX_VOLUME_SIZE = 20_000;

export type PacketErrorKey =
  | "languageRequired"
  | "othersRequired"
  | "volumeSizeNumber"
  | "volumeSizeRange"
  | "paperSizeRequired"
  | "cityRequired"
  | "cityTooLong"
  | "regionTooLong"
  | "postalTooLong"
  | "countNumber"
  | "countRange"
  | "namesTooMany"
  | "noteTooLong";

const err = (key: PacketErrorKey) => ({ error: key });

export const PacketOptionsSchema = z.object({
  language: z.enum(PACKET_LANGUAGES, err("languageRequired")),
  others: z.enum(OTHERS_CHOICES, err("othersRequired")),
  volumeSize: z.coerce
    .number(err("volumeSizeNumber"))
    .int(err("volumeSizeNumber"))
    .min(MIN_VOLUME_SIZE, err("volumeSizeRange"))
    .max(MAX_VOLUME_SIZE, err("volumeSizeRange")),
  paperSize: z.enum(PAPER_SIZES, err("paperSizeRequired")),
});
export type PacketOptions = z.infer<typeof PacketOptionsSchema>;

/** Names as written on paper sheets: one per line, blank lines ignored. */
export function paperNameLines(names: string | undefined | null) {
  return (names ?? "")
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean);
}

export const PaperBatchSchema = z
  .object({
    city: z
      .string(err("cityRequired"))
      .trim()
      .min(1, err("cityRequired"))
      .max(100, err("cityTooLong")),
    region: z.string().trim().max(50, err("regionTooLong")).optional().default(""),
    postalCode: z.string().trim().max(20, err("postalTooLong")).optional().default(""),
    count: z.coerce
      .number(err("countNumber"))
      .int(err("countNumber"))
      .min(1, err("countRange"))
      .max(100_000, err("countRange")),
    names: z.string().max(200_000, err("namesTooMany")).optional().default(""),
    note: z.string().trim().max(500, err("noteTooLong")).optional().default(""),
  })
  .superRefine((value, ctx) => {
    if (paperNameLines(value.names).length > value.count) {
      ctx.addIssue({ code: "custom", path: ["names"], message: "namesTooMany" });
    }
  });
export type PaperBatchInput = z.infer<typeof PaperBatchSchema>;

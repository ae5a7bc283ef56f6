// The petition form's schema and its targets, shared by browser and server (conform + zod 4).
// Messages come from the organizer locale so errors read in the organizer's language.
import * as z from "zod";
import { LOCALES } from "#db/schema/states";
import organizerMessages from "~/locales/organizer";

type M = (typeof organizerMessages)["en"]["v"];

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_TARGETS = 20;

/** One target per line: "Name — Title" (an em dash, a dash or a comma separates the title). */
export function parseTargets(text: string | undefined) {
  return (text ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const m = /^(.+?)\s+(?:—|–|-)\s+(.+)$/.exec(line);
      return m ? { name: m[1]!.trim(), title: m[2]!.trim() } : { name: line, title: "" };
    });
}

export function formatTargets(targets: { name: string; title: string }[]) {
  return targets.map((t) => (t.title ? `${t.name} — ${t.title}` : t.name)).join("\n");
}

const optionalText = (max: number, m: M) => z.string().trim().max(max, m.tooLong(max)).optional();

export function petitionFormSchema(m: M) {
  return z
    .object({
      slug: z
        .string({ error: m.required })
        .trim()
        .min(3, m.slugShort)
        .max(80, m.tooLong(80))
        .regex(SLUG_PATTERN, m.slugFormat),
      defaultLocale: z.enum(LOCALES, { error: m.chooseLanguage }),
      goal: z.coerce
        .number({ error: m.goalNumber })
        .int(m.goalNumber)
        .min(1, m.goalMin)
        .max(10_000_000, m.goalMax),
      endsOn: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, m.dateFormat)
        .optional(),
      imageUrl: z
        .string()
        .trim()
        .max(500, m.tooLong(500))
        .refine((v) => /^https:\/\/[^\s]+$/i.test(v), m.imageUrl)
        .optional(),
      targets: z
        .string()
        .max(4000, m.tooLong(4000))
        .optional()
        .refine((v) => parseTargets(v).length <= MAX_TARGETS, m.tooManyTargets(MAX_TARGETS)),
      titleEn: optionalText(150, m),
      summaryEn: optionalText(400, m),
      bodyEn: optionalText(20_000, m),
      titleEs: optionalText(150, m),
      summaryEs: optionalText(400, m),
      bodyEs: optionalText(20_000, m),
      confirmSlugChange: z.string().optional(),
    })
    .superRefine((value, ctx) => {
      for (const locale of LOCALES) {
        const suffix = locale === "en" ? "En" : "Es";
        const title = value[`title${suffix}`];
        const hasOther = value[`summary${suffix}`] || value[`body${suffix}`];
        if (!title && (locale === value.defaultLocale || hasOther)) {
          ctx.addIssue({
            code: "custom",
            path: [`title${suffix}`],
            message:
              locale === value.defaultLocale ? m.titleRequiredDefault : m.titleRequiredIfText,
          });
        }
      }
    });
}

export type PetitionFormValue = z.infer<ReturnType<typeof petitionFormSchema>>;

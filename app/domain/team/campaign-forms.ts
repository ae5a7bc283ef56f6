// The campaign and invitation forms' schemas, shared by browser and server (conform + zod 4),
// with messages from the organizer locale.
import * as z from "zod";
import { CAMPAIGN_ROLES, LOCALES } from "#db/schema/states";
import organizerMessages from "~/locales/organizer";

type M = (typeof organizerMessages)["en"]["v"];

const optionalText = (max: number, m: M) => z.string().trim().max(max, m.tooLong(max)).optional();

export function campaignFormSchema(m: M) {
  return z.object({
    name: z.string({ error: m.required }).trim().min(3, m.nameShort).max(120, m.tooLong(120)),
    description: optionalText(2000, m),
    defaultLocale: z.enum(LOCALES, { error: m.chooseLanguage }),
  });
}

export function inviteFormSchema(m: M) {
  return z.object({
    intent: z.literal("invite"),
    email: z.string({ error: m.required }).trim().max(254, m.tooLong(254)).email(m.email),
    role: z.enum(CAMPAIGN_ROLES, { error: m.chooseRole }),
  });
}

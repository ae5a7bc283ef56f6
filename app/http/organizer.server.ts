// Small helpers shared by the organizer routes.
import type { User } from "#db/schema";
import { getMessages } from "~/locales";
import { getCampaignBySlug } from "~/domain/team/campaign.server";
import { notFound, rethrowForbidden, requireUser } from "./auth.server";
import { resolveLocale } from "~/lib/i18n";

/** The logged-in user, the campaign named in the URL, and the page's language and messages. */
export async function organizerContext(request: Request, campaignSlug: string | undefined) {
  const user = await requireUser(request);
  const campaign = campaignSlug ? await getCampaignBySlug(campaignSlug) : null;
  if (!campaign) throw notFound("No such campaign");
  const locale = resolveLocale(request, user.locale);
  return {
    user,
    actor: { userId: user.id },
    campaign,
    locale,
    t: getMessages("organizer", locale),
  };
}

export async function userContext(
  request: Request,
): Promise<{ user: User; actor: { userId: number }; locale: "en" | "es" }> {
  const user = await requireUser(request);
  return { user, actor: { userId: user.id }, locale: resolveLocale(request, user.locale) };
}

/** Runs a domain call; a ForbiddenError becomes a 403 response. */
export const orForbidden = <T>(promise: Promise<T>): Promise<T> => promise.catch(rethrowForbidden);

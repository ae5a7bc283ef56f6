// Who is asking: the logged-in user (or a redirect to log in), their language, and for campaign
// pages the campaign named in the URL with what their role lets them do there.
import { redirect } from "@remix-run/node";
import type { User } from "#db/schema";
import type { Locale } from "#db/schema/states";
import { campaignAbilities, type Permission } from "~/domain/team/authorization.server";
import { getCampaignForMember } from "~/domain/team/campaign.server";
import { resolveLocale } from "~/lib/i18n";
import { int4Id } from "~/lib/params";
import { notFound, orHttp } from "./errors.server";
import { getSessionUser } from "./session.server";

export async function getOptionalUser(request: Request) {
  return getSessionUser(request);
}

export async function requireUser(request: Request): Promise<User> {
  const user = await getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    const redirectTo = url.pathname + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  }
  return user;
}

/** The logged-in user, as the domain's actor, and the language their pages are in. */
export async function userContext(
  request: Request,
): Promise<{ user: User; actor: { userId: number }; locale: Locale }> {
  const user = await requireUser(request);
  return { user, actor: { userId: user.id }, locale: resolveLocale(request, user.locale) };
}

/**
 * The logged-in member and the campaign named in the URL: 404 when there is no such campaign,
 * 403 when the user is not a member or, given `permission`, their role doesn't grant it.
 * `can` is what the role allows in this campaign, for the page to show or hide its controls.
 */
export async function requireCampaignMember(
  request: Request,
  slug: string | undefined,
  { permission }: { permission?: Permission } = {},
) {
  const { user, actor, locale } = await userContext(request);
  const found = slug ? await orHttp(getCampaignForMember({ actor, slug, permission })) : null;
  if (!found) throw notFound("No such campaign");
  return {
    user,
    actor,
    locale,
    campaign: found.campaign,
    role: found.role,
    can: campaignAbilities(found.role),
  };
}

/** A positive int4 id from the URL in plain digits; anything else (1e99, 2147483648, abc) is a 404. */
export function parseId(value: string | undefined | null) {
  const n = int4Id(value);
  if (n === null) throw notFound();
  return n;
}

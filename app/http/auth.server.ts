// Route helpers that throw a Response: redirect to log in, or 403/404.
import { redirect } from "@remix-run/node";
import type { User } from "#db/schema";
import type { CampaignRole } from "#db/schema/states";
import {
  assertCampaignPermission,
  ForbiddenError,
  type Permission,
} from "~/domain/team/authorization.server";
import { getCampaignForMember } from "~/domain/team/campaign.server";
import { int4Id } from "~/lib/params";
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

/** Requires a logged-in member whose role grants `permission` in the campaign; throws 403 otherwise. */
export async function requireCampaignRole(
  request: Request,
  { campaignId, permission = "campaign.view" }: { campaignId: number; permission?: Permission },
): Promise<{ user: User; role: CampaignRole }> {
  const user = await requireUser(request);
  try {
    const role = await assertCampaignPermission({
      actor: { userId: user.id },
      campaignId,
      permission,
    });
    return { user, role };
  } catch (error) {
    if (error instanceof ForbiddenError) throw forbidden(error.message);
    throw error;
  }
}

/**
 * The logged-in member and the campaign named in the URL: 404 when there is no such campaign,
 * 403 when the user is not a member or, given `permission`, their role doesn't grant it.
 */
export async function requireCampaignMember(
  request: Request,
  slug: string,
  { permission }: { permission?: Permission } = {},
) {
  const user = await requireUser(request);
  const actor = { userId: user.id };
  const found = await getCampaignForMember({ actor, slug, permission }).catch(rethrowForbidden);
  if (!found) throw notFound("No such campaign");
  return { user, actor, campaign: found.campaign, role: found.role };
}

export function forbidden(message = "You don't have access to this page.") {
  return new Response(message, {
    status: 403,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

export function notFound(message = "Not found") {
  return new Response(message, {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** Turns a domain ForbiddenError into a 403 Response; rethrows anything else. */
export function rethrowForbidden(error: unknown): never {
  if (error instanceof ForbiddenError) throw forbidden(error.message);
  throw error;
}

/** A positive int4 id from the URL in plain digits; anything else (1e99, 2147483648, abc) is a 404. */
export function parseId(value: string | undefined | null) {
  const n = int4Id(value);
  if (n === null) throw notFound();
  return n;
}

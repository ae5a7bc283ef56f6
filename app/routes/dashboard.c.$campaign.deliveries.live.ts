// The board's live feed: a tiny JSON fingerprint the page polls; when it changes the page
// re-fetches its loader. Polling (not SSE) keeps no connection open per viewer.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getBoardVersion } from "~/models/board.server";
import { requireCampaignMember, rethrowForbidden } from "~/utils/auth.server";
import { int4Id } from "~/utils/params";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ...found } = await requireCampaignMember(request, params.campaign!);
  const day = int4Id(new URL(request.url).searchParams.get("day")) ?? undefined;
  const version = await getBoardVersion({ actor, campaignId: found.campaign.id, day }).catch(
    rethrowForbidden,
  );
  return Response.json({ version }, { headers: { "Cache-Control": "no-store" } });
}

// The board's live feed: a tiny JSON fingerprint the page polls; when it changes the page
// re-fetches its loader. Polling (not SSE) keeps no connection open per viewer. With `?since=<the
// previous answer's now>` it also says which events changed since then (an index read
// proportional to the changes), so a client can refresh only those rows.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getBoardChanges, getBoardVersion } from "~/models/board.server";
import { requireCampaignMember, rethrowForbidden } from "~/utils/auth.server";
import { int4Id } from "~/utils/params";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ...found } = await requireCampaignMember(request, params.campaign!);
  const search = new URL(request.url).searchParams;
  const day = int4Id(search.get("day")) ?? undefined;
  const sinceMs = Date.parse(search.get("since") ?? "");
  const campaignId = found.campaign.id;
  const [version, changes] = await Promise.all([
    getBoardVersion({ actor, campaignId, day }),
    Number.isFinite(sinceMs)
      ? getBoardChanges({ actor, campaignId, day, since: new Date(sinceMs) })
      : null,
  ]).catch(rethrowForbidden);
  return Response.json(changes ? { version, ...changes } : { version }, {
    headers: { "Cache-Control": "no-store" },
  });
}

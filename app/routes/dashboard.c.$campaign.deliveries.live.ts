// The board's live feed: a tiny JSON fingerprint the page polls; when it changes the page
// re-fetches its loader. Polling (not SSE) keeps no connection open per viewer. With `?since=<the
// previous answer's now>` it also says which events changed since then (an index read
// proportional to the changes), so a client can tell a change it has not seen yet.
// The session, the membership and the figures are one SQL statement (getBoardLive): a poll every
// 2.5 s from every open board costs one round trip, not one per check. In production the same
// answer comes from a plain Express handler mounted before Remix (http/board-live-route.server).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getBoardLive } from "~/domain/deliveries/board-live.server";
import { notFound, orHttp } from "~/http/errors.server";
import { sessionTokenHash } from "~/http/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const sinceMs = Date.parse(new URL(request.url).searchParams.get("since") ?? "");
  const live = await orHttp(
    getBoardLive({
      sessionTokenHash: sessionTokenHash(request.headers.get("Cookie")),
      campaignSlug: params.campaign!,
      since: Number.isFinite(sinceMs) ? new Date(sinceMs) : null,
    }),
  );
  // A poll is never redirected to the login page: the page itself does that on its next load.
  if (live.kind === "signed-out")
    return Response.json(
      { signedOut: true },
      { status: 401, headers: { "Cache-Control": "no-store" } },
    );
  if (live.kind === "no-campaign") throw notFound("No such campaign");
  const { kind: _kind, ...body } = live;
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
}

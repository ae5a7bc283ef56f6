// The live counter's feed: a tiny JSON document, cached for a second in the process and briefly
// by the browser, so thousands of open pages cost a handful of reads per second.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { liveCountAnswer } from "~/http/live-count.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = new URL(request.url).searchParams.get("lang");
  const live = await liveCountAnswer({ slug: params.slug!, lang });
  if (!live) return Response.json({ error: "not found" }, { status: 404 });
  return Response.json(live, { headers: { "Cache-Control": "public, max-age=2" } });
}

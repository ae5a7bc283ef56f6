// The packet's signature list as text: the exact bytes its SHA-256 fingerprint is computed from.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPacketFile, LIST_VOLUME } from "~/models/packet.server";
import { parseId } from "~/utils/auth.server";
import { orHttp, packetContext } from "~/utils/packet-route.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, t } = await packetContext(request);
  const file = await orHttp(
    getPacketFile({
      actor,
      packetId: params.packetId!,
      volume: LIST_VOLUME,
      eventId: parseId(params.eventId),
    }),
    t.forbidden,
  );
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

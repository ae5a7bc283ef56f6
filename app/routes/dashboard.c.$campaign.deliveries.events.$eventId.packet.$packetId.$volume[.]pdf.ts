// Download of one stored packet volume: the same bytes every time.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPacketFile } from "~/domain/packets/packet-downloads.server";
import { parseId } from "~/http/auth.server";
import { orHttp, packetContext } from "~/http/packet-route.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, t } = await packetContext(request);
  const file = await orHttp(
    getPacketFile({
      actor,
      packetId: params.packetId!,
      volume: parseId(params.volume),
      eventId: parseId(params.eventId),
    }),
    t.forbidden,
  );
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Content-Length": String(file.bytes.length),
      // Signer names: never cached by shared caches.
      "Cache-Control": "private, no-store",
      ETag: `"${file.sha256}"`,
    },
  });
}

// Download of one stored packet volume: the same bytes every time.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPacketFile } from "~/domain/packets/packet-downloads.server";
import { parseId, userContext } from "~/http/auth.server";
import { getMessages } from "~/locales";
import { orHttp } from "~/http/errors.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, locale } = await userContext(request);
  const t = getMessages("packet", locale);
  const file = await orHttp(
    getPacketFile({
      actor,
      packetId: params.packetId!,
      volume: parseId(params.volume),
      eventId: parseId(params.eventId),
    }),
    { forbidden: t.forbidden },
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

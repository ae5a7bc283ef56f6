// The packet's signature list as text: the exact bytes its SHA-256 fingerprint is computed from,
// streamed part by part (a national list is ~50 MB; the process holds one volume's rows at a time).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPacketListStream } from "~/domain/packets/packet-downloads.server";
import { parseId, userContext } from "~/http/auth.server";
import { getMessages } from "~/locales";
import { orHttp } from "~/http/errors.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, locale } = await userContext(request);
  const t = getMessages("packet", locale);
  const list = await orHttp(
    getPacketListStream({
      actor,
      packetId: params.packetId!,
      eventId: parseId(params.eventId),
    }),
    { forbidden: t.forbidden },
  );
  const chunks = list.chunks;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(new Uint8Array(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="${list.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

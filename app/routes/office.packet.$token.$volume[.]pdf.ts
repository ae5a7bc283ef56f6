// The packet download link in the office's delivery email: one volume's stored PDF while the
// link works (30 days). Its token is not the acknowledgement link's.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOfficePacketFile } from "~/domain/deliveries/office-delivery.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const file = await getOfficePacketFile({
    token: params.token ?? "",
    volume: Number(params.volume),
  });
  if (!file)
    return new Response("This link is not valid or has expired.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": "private, no-store",
      "Referrer-Policy": "no-referrer",
    },
  });
}

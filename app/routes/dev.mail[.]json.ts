import type { LoaderFunctionArgs } from "@remix-run/node";
import { listCapturedMail, mailReader } from "~/domain/mail/dev-mail.server";
import { int4Count } from "~/lib/params";

// Machine-readable captured mail (tests read it): newest first, optional ?to= filter.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const mail = await listCapturedMail({
    reader: mailReader(request, context),
    to: url.searchParams.get("to"),
    limit: int4Count(url.searchParams.get("limit") ?? "100") ?? 100,
  });
  return Response.json(mail, { headers: { "Cache-Control": "no-store" } });
}

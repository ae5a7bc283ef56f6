import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCapturedMail, mailReader } from "~/domain/mail/dev-mail.server";
import { parseId } from "~/http/auth.server";
import { int4Count } from "~/lib/params";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const mail = await getCapturedMail({
    reader: mailReader(request, context),
    id: parseId(params.id),
  });
  const attachment = mail?.attachments[int4Count(params.index) ?? -1];
  if (!attachment) throw new Response("Not found", { status: 404 });
  return new Response(Buffer.from(attachment.content, "base64"), {
    headers: {
      "Content-Type": attachment.contentType,
      "Content-Disposition": `attachment; filename="${attachment.filename.replace(/"/g, "")}"`,
    },
  });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportSignaturesCsv, filterFromSearchParams } from "~/models/signature-admin.server";
import packetLocale from "~/locales/packet";
import { parseId } from "~/utils/auth.server";
import { orForbidden, organizerContext } from "~/utils/organizer.server";

// Streams the CSV of the current filter: batches are read and written one after another, so a
// million rows never sit in memory. ?variant=delivery leaves contact data out.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, user, campaign, locale } = await organizerContext(request, params.campaign);
  const petitionId = parseId(params.petitionId);
  const url = new URL(request.url);
  const variant = url.searchParams.get("variant") === "delivery" ? "delivery" : "full";
  const chunks = await orForbidden(
    exportSignaturesCsv({
      actor,
      petitionId,
      filter: filterFromSearchParams(url.searchParams),
      variant,
      timeZone: user.timeZone,
      anonymous: packetLocale[locale].pdf.anonymous,
    }),
  );
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  const name = `${campaign.slug}-petition-${petitionId}-${variant === "delivery" ? "delivery" : "signatures"}-${stamp}.csv`;
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}

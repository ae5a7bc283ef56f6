import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportSignaturesCsv } from "~/domain/petitions/signature-export.server";
import { filterFromSearchParams } from "~/domain/petitions/signature-filter.server";
import { exportRowCount } from "~/domain/petitions/export-progress.server";
import packetLocale from "~/locales/packet";
import { parseId, requireCampaignMember } from "~/http/auth.server";
import { orHttp } from "~/http/errors.server";
import { EXPORT_PROGRESS_HEADER, EXPORT_ROWS_HEADER } from "~/lib/export-progress";

// Streams the CSV of the current filter: batches are read and written one after another, so a
// million rows never sit in memory. ?variant=delivery leaves contact data out. The page's export
// button asks with X-Export-Progress: 1 and gets X-Export-Rows (the rows to expect) to show a
// percentage; a plain link download is answered as before.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, user, campaign, locale } = await requireCampaignMember(request, params.campaign);
  const petitionId = parseId(params.petitionId);
  const url = new URL(request.url);
  const variant = url.searchParams.get("variant") === "delivery" ? "delivery" : "full";
  const filter = filterFromSearchParams(url.searchParams);
  const chunks = await orHttp(
    exportSignaturesCsv({
      actor,
      petitionId,
      filter,
      variant,
      timeZone: user.timeZone,
      anonymous: packetLocale[locale].pdf.anonymous,
    }),
  );
  const expected =
    request.headers.get(EXPORT_PROGRESS_HEADER) === "1"
      ? await orHttp(
          exportRowCount({ actor, petitionId, filter, variant, timeZone: user.timeZone }),
        )
      : null;
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
  const headers: Record<string, string> = {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${name}"`,
    "Cache-Control": "no-store",
  };
  if (expected !== null) headers[EXPORT_ROWS_HEADER] = String(expected);
  return new Response(stream, { headers });
}

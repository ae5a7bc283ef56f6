// One ZIP with the current packet of every office of a delivery day (a coordinator gets only theirs).
import { PassThrough, Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import yazl from "yazl";
import { getCampaignBySlug } from "~/domain/team/campaign.server";
import { listDayPacketFiles, readPacketFileBytes } from "~/domain/packets/day-packets.server";
import { parseId, userContext } from "~/http/auth.server";
import { getMessages } from "~/locales";
import { notFound, orHttp } from "~/http/errors.server";

const slug = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, locale } = await userContext(request);
  const t = getMessages("packet", locale);
  const campaign = await getCampaignBySlug(params.campaign ?? "");
  if (!campaign) throw notFound("No such campaign");
  const { day, files } = await orHttp(
    listDayPacketFiles({ actor, dayId: parseId(params.dayId), campaignId: campaign.id }),
    { forbidden: t.forbidden },
  );
  if (files.length === 0)
    throw notFound("No packets have been generated for this delivery day yet.");
  const zip = new yazl.ZipFile();
  const out = new PassThrough();
  zip.outputStream.pipe(out);
  // Files are read one at a time as the ZIP is written, so memory holds one PDF, not the whole day.
  (async () => {
    for (const f of files) {
      const bytes = await readPacketFileBytes(f.packetId, f.volume);
      if (!bytes) continue;
      const stream = Readable.from([bytes]);
      zip.addReadStream(stream, `${slug(f.city)}-${slug(f.officeName)}/${f.fileName}`, {
        compress: false,
        mtime: new Date(day.date),
      });
      await new Promise((resolve) => stream.on("end", resolve));
    }
    zip.end();
  })().catch((error) => out.destroy(error));
  return new Response(createReadableStreamFromReadable(out), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="packets-${day.date}.zip"`,
      "Cache-Control": "private, no-store",
    },
  });
}

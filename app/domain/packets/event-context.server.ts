// What a packet prints about its delivery: the event, office, petition (with its texts in every
// language) and campaign, read in one place for building, listing, printing and verifying.
import { eq } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { campaigns, deliveryEvents, offices, petitions, petitionTexts } from "#db/schema";
import type { Locale } from "#db/schema/states";
import { PacketNotFoundError } from "./packet-not-found";

export async function loadEventContext(eventId: number, tx: DbOrTx = db) {
  const [row] = await tx
    .select({
      event: deliveryEvents,
      office: offices,
      petition: petitions,
      campaign: { id: campaigns.id, slug: campaigns.slug, name: campaigns.name },
    })
    .from(deliveryEvents)
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .innerJoin(petitions, eq(petitions.id, deliveryEvents.petitionId))
    .innerJoin(campaigns, eq(campaigns.id, deliveryEvents.campaignId))
    .where(eq(deliveryEvents.id, eventId));
  if (!row) throw new PacketNotFoundError(`No delivery event ${eventId}`);
  const texts = await tx
    .select()
    .from(petitionTexts)
    .where(eq(petitionTexts.petitionId, row.petition.id));
  return { ...row, texts };
}

export type EventContext = Awaited<ReturnType<typeof loadEventContext>>;

/** The petition's text in `locale`, else in its default language, else any. */
export function textFor(
  texts: { locale: Locale; title: string; summary: string; body: string }[],
  locale: Locale,
  fallback: Locale,
) {
  return (
    texts.find((t) => t.locale === locale) ??
    texts.find((t) => t.locale === fallback) ??
    texts[0] ?? { locale, title: "", summary: "", body: "" }
  );
}

/** The event's time zone, else its office's: every printed date is in it. */
export const eventTimeZone = (ctx: Pick<EventContext, "event" | "office">) =>
  ctx.event.timeZone || ctx.office.timeZone;

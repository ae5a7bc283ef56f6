// What the petition page shows under "Responses" and "Updates": decision makers' answers (who,
// when, the text, the delivery it answers) and the organizers' updates in the page's language.
// The page is the busiest in Handover, so the result is cached per petition for a few seconds.
import { desc, eq } from "drizzle-orm";
import { db } from "#db/client";
import { decisionMakerResponses, deliveryEvents, offices, petitionUpdates } from "#db/schema";
import type { Locale } from "#db/schema/states";
import { withoutInvisibleControls } from "~/lib/text";
import { formatLongDate } from "~/lib/intl-format";

export type PublicResponse = {
  id: number;
  who: string;
  officeName: string | null;
  city: string | null;
  body: string;
  respondedAt: string;
  deliveredAt: string | null;
  timeZone: string | null;
  viaOffice: boolean;
};
export type PublicUpdate = { id: number; title: string; body: string; postedAt: string };

const CACHE_MS = 5_000;
const cache = new Map<string, { until: number; value: Promise<PetitionNews> }>();
type PetitionNews = { responses: PublicResponse[]; updates: PublicUpdate[] };

/** Drops the cached news of a petition in this process (after a post); others see it within seconds. */
export function forgetPetitionNews(petitionId: number) {
  for (const locale of ["en", "es"]) cache.delete(`${petitionId}:${locale}`);
}

async function load(petitionId: number, locale: Locale): Promise<PetitionNews> {
  const [responses, updates] = await Promise.all([
    db
      .select({
        id: decisionMakerResponses.id,
        authorName: decisionMakerResponses.authorName,
        authorTitle: decisionMakerResponses.authorTitle,
        body: decisionMakerResponses.body,
        respondedAt: decisionMakerResponses.respondedAt,
        source: decisionMakerResponses.source,
        officeName: offices.name,
        city: offices.city,
        deliveredAt: deliveryEvents.deliveredAt,
        timeZone: deliveryEvents.timeZone,
      })
      .from(decisionMakerResponses)
      .leftJoin(offices, eq(offices.id, decisionMakerResponses.officeId))
      .leftJoin(deliveryEvents, eq(deliveryEvents.id, decisionMakerResponses.eventId))
      .where(eq(decisionMakerResponses.petitionId, petitionId))
      .orderBy(desc(decisionMakerResponses.respondedAt), desc(decisionMakerResponses.id))
      .limit(20),
    db
      .select()
      .from(petitionUpdates)
      .where(eq(petitionUpdates.petitionId, petitionId))
      .orderBy(desc(petitionUpdates.postedAt))
      .limit(10),
  ]);
  return {
    responses: responses.map((r) => ({
      id: r.id,
      who: withoutInvisibleControls([r.authorName, r.authorTitle].filter(Boolean).join(", ")),
      officeName: r.officeName,
      city: r.city,
      body: r.body,
      respondedAt: r.respondedAt.toISOString(),
      deliveredAt: r.deliveredAt?.toISOString() ?? null,
      timeZone: r.timeZone,
      viaOffice: r.source === "office",
    })),
    updates: updates.map((u) => ({
      id: u.id,
      title: locale === "es" ? u.titleEs : u.titleEn,
      body: locale === "es" ? u.bodyEs : u.bodyEn,
      postedAt: u.postedAt.toISOString(),
    })),
  };
}

/** The petition page's responses and updates, in `locale`. */
export function getPetitionNews({ petitionId, locale }: { petitionId: number; locale: Locale }) {
  const key = `${petitionId}:${locale}`;
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.value;
  const value = load(petitionId, locale);
  value.catch(() => cache.delete(key));
  cache.set(key, { until: Date.now() + CACHE_MS, value });
  return value;
}

const dateLabel = (iso: string, locale: Locale, timeZone = "UTC") =>
  formatLongDate(iso, locale, timeZone);

/**
 * The petition page's news with dates already written out in the page's language (formatting on
 * the server keeps Node's and the browser's Intl data from disagreeing during hydration).
 */
export async function petitionNewsForPage({
  petitionId,
  locale,
}: {
  petitionId: number;
  locale: Locale;
}) {
  const news = await getPetitionNews({ petitionId, locale });
  return {
    responses: news.responses.map((r) => ({
      ...r,
      when: dateLabel(r.respondedAt, locale, r.timeZone ?? "UTC"),
    })),
    updates: news.updates.map((u) => ({ ...u, when: dateLabel(u.postedAt, locale) })),
  };
}
export type PetitionNewsForPage = Awaited<ReturnType<typeof petitionNewsForPage>>;

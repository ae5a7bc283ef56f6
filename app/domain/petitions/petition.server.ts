import { asc, desc, inArray } from "drizzle-orm";
import { publicDb } from "#db/client";
import { petitions, petitionTexts, targets } from "#db/schema";
import { VISIBLE_STATES, type Locale } from "#db/schema/states";
import { getVerifiedCounts } from "./petition-count.server";

/** Picks the text in `locale`, else the petition's default, else any. */
export function pickText<T extends { locale: Locale }>(
  texts: T[],
  locale: Locale,
  fallback: Locale,
): T | undefined {
  return (
    texts.find((t) => t.locale === locale) ?? texts.find((t) => t.locale === fallback) ?? texts[0]
  );
}

/**
 * Published and closed petitions for the home page, with verified counts, newest first. Public and
 * cacheable: read from the replica when DATABASE_REPLICA_URL is set (a moment behind is fine).
 */
export async function listPublicPetitions({ locale }: { locale: Locale }) {
  const list = await publicDb
    .select()
    .from(petitions)
    .where(inArray(petitions.status, [...VISIBLE_STATES]))
    .orderBy(asc(petitions.status), desc(petitions.publishedAt))
    .limit(100);
  const ids = list.map((p) => p.id);
  if (ids.length === 0) return [];
  const [texts, targetRows, counts] = await Promise.all([
    publicDb.select().from(petitionTexts).where(inArray(petitionTexts.petitionId, ids)),
    publicDb
      .select()
      .from(targets)
      .where(inArray(targets.petitionId, ids))
      .orderBy(asc(targets.position)),
    getVerifiedCounts(ids),
  ]);
  return list.map((p) => {
    const text = pickText(
      texts.filter((t) => t.petitionId === p.id),
      locale,
      p.defaultLocale,
    );
    return {
      slug: p.slug,
      status: p.status,
      goal: p.goal,
      title: text?.title ?? p.slug,
      summary: text?.summary ?? "",
      textLocale: text?.locale ?? p.defaultLocale,
      targets: targetRows
        .filter((t) => t.petitionId === p.id)
        .map((t) => ({ name: t.name, title: t.title })),
      verifiedCount: counts.get(p.id) ?? 0,
    };
  });
}

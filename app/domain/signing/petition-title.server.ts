// A petition's title in the signer's language (or its default), for emails and signer pages.
import { eq } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { petitions, petitionTexts } from "#db/schema";
import type { Locale } from "#db/schema/states";
import { pickText } from "~/domain/petitions/petition.server";

/** The title (the slug when the petition has none in any language) and the slug. */
export async function petitionTitle({
  petitionId,
  locale,
  tx = db,
}: {
  petitionId: number;
  locale: Locale;
  tx?: DbOrTx;
}) {
  const texts = await tx
    .select()
    .from(petitionTexts)
    .where(eq(petitionTexts.petitionId, petitionId));
  const [p] = await tx
    .select({ slug: petitions.slug, defaultLocale: petitions.defaultLocale })
    .from(petitions)
    .where(eq(petitions.id, petitionId));
  return {
    title: pickText(texts, locale, p?.defaultLocale ?? "en")?.title ?? p?.slug ?? "",
    slug: p?.slug ?? "",
  };
}

// A petition's title in each language it is written in, for emails and pages that name it.
import { eq } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import { petitionTexts } from "#db/schema";
import type { Locale } from "#db/schema/states";

export async function petitionTitles({
  petitionId,
  tx = db,
}: {
  petitionId: number;
  tx?: DbOrTx;
}): Promise<Map<Locale, string>> {
  const texts = await tx
    .select({ locale: petitionTexts.locale, title: petitionTexts.title })
    .from(petitionTexts)
    .where(eq(petitionTexts.petitionId, petitionId));
  return new Map(texts.map((t) => [t.locale, t.title]));
}

// The few fields of a petition the sign path needs, cached for a few seconds per process: a crowd
// signing must not read the petition row on every request.
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { petitions } from "#db/schema";

export type SignablePetition = {
  id: number;
  slug: string;
  status: string;
  endsAt: Date | null;
  country: string;
};
const petitionCache = new Map<string, { value: SignablePetition | null; until: number }>();

/** The petition behind a slug as the sign path sees it, at most five seconds old; null: none. */
export async function signablePetition(slug: string): Promise<SignablePetition | null> {
  const hit = petitionCache.get(slug);
  if (hit && hit.until > Date.now()) return hit.value;
  const [p] = await db
    .select({
      id: petitions.id,
      slug: petitions.slug,
      status: petitions.status,
      endsAt: petitions.endsAt,
      country: petitions.country,
    })
    .from(petitions)
    .where(eq(petitions.slug, slug));
  petitionCache.set(slug, { value: p ?? null, until: Date.now() + 5_000 });
  return p ?? null;
}

/** Drops the sign path's petition cache (after an organizer changes a petition in the same process, and in tests). */
export function forgetSignablePetition(slug?: string) {
  if (slug) petitionCache.delete(slug);
  else petitionCache.clear();
}

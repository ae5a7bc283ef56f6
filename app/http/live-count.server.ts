// The live counter's answer, for both doors (the Express fast route and the Remix route): the
// figure, and with ?lang= the same words the page renders, so the petition page's script needs no
// strings of its own.
import { getLiveCount } from "~/domain/petitions/public-petition.server";
import { isLocale } from "~/lib/i18n";
import signer from "~/locales/signer";

export async function liveCountAnswer({ slug, lang }: { slug: string; lang: unknown }) {
  const live = await getLiveCount({ slug });
  if (!live) return null;
  if (!isLocale(lang)) return live;
  const t = signer[lang];
  return {
    ...live,
    labels: {
      count: t.verifiedCount(live.count),
      goal: t.goal(live.goal),
      progress: t.progressLabel(live.count, live.goal),
    },
  };
}

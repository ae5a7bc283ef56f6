// What anyone may see of a petition: its text, targets, counts, recent signers (as they chose to
// appear), and public delivery events. Never contact data.
import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import MarkdownIt from "markdown-it";
import { db } from "#db/client";
import {
  campaigns,
  petitions,
  petitionSlugs,
  petitionTexts,
  signatures,
  targets,
} from "#db/schema";
import { VISIBLE_STATES, type Locale } from "#db/schema/states";
import { displayGoal } from "~/lib/goal";
import { withoutInvisibleControls } from "~/lib/text";
import { getPaperCounts } from "./paper.server";
import { pickText } from "./petition.server";
import { getVerifiedCount } from "./petition-count.server";
import { isOpenForSigning } from "./open-for-signing";
import { countPublicDeliveryEvents, listPublicDeliveryEvents } from "~/domain/deliveries/public-delivery.server";

// Raw HTML off: petition text is written by organizers but shown to everyone.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true });

export type RecentSigner = { name: string | null; city: string; at: string };

/** The public petition page's data, or a redirect slug for an old slug, or null. */
/** `locale` may be a function of the petition's default language (the request decides the rest). */
export async function getPublicPetition({
  slug,
  locale,
}: {
  slug: string;
  locale: Locale | ((petitionDefault: Locale) => Locale);
}) {
  const [petition] = await db
    .select()
    .from(petitions)
    .where(and(eq(petitions.slug, slug), inArray(petitions.status, [...VISIBLE_STATES])));
  if (!petition) {
    const [old] = await db
      .select({ slug: petitions.slug })
      .from(petitionSlugs)
      .innerJoin(petitions, eq(petitions.id, petitionSlugs.petitionId))
      .where(and(eq(petitionSlugs.slug, slug), inArray(petitions.status, [...VISIBLE_STATES])));
    return old ? { redirectTo: old.slug } : null;
  }
  const [texts, targetRows, [campaign], count, paper, recent, deliveries, deliveryTotal] =
    await Promise.all([
      db.select().from(petitionTexts).where(eq(petitionTexts.petitionId, petition.id)),
      db
        .select()
        .from(targets)
        .where(eq(targets.petitionId, petition.id))
        .orderBy(asc(targets.position)),
      db
        .select({ name: campaigns.name, retentionMonths: campaigns.retentionMonths })
        .from(campaigns)
        .where(eq(campaigns.id, petition.campaignId)),
      getVerifiedCount(petition.id),
      getPaperCounts([petition.id]),
      listRecentSigners(petition.id),
      listPublicDeliveryEvents({ petitionId: petition.id }),
      countPublicDeliveryEvents({ petitionId: petition.id }),
    ]);
  const pageLocale = typeof locale === "function" ? locale(petition.defaultLocale) : locale;
  const text = pickText(texts, pageLocale, petition.defaultLocale);
  return {
    petition: {
      id: petition.id,
      slug: petition.slug,
      status: petition.status,
      country: petition.country,
      defaultLocale: petition.defaultLocale,
      endsAt: petition.endsAt?.toISOString() ?? null,
      imageUrl: petition.imageUrl,
      startedBy: campaign?.name ?? "",
      // Months after the close before signers' personal fields are erased (ADR 028).
      retentionMonths: campaign?.retentionMonths ?? 6,
      open: isOpenForSigning(petition),
    },
    locale: pageLocale,
    textLocale: text?.locale ?? petition.defaultLocale,
    availableLocales: texts.map((t) => t.locale),
    title: text?.title ?? petition.slug,
    summary: text?.summary ?? "",
    bodyHtml: markdown.render(text?.body ?? ""),
    targets: targetRows.map((t) => ({ name: t.name, title: t.title })),
    count,
    goal: displayGoal(count, petition.goal),
    paperCount: paper.get(petition.id) ?? 0,
    recent,
    deliveries: deliveries.map((d) => ({
      ...d,
      startsAt: d.startsAt.toISOString(),
      endsAt: d.endsAt?.toISOString() ?? null,
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
    })),
    deliveryTotal,
  };
}

/** The latest confirmed signers who agreed to be listed: "María G." or, by choice, only the city. */
export async function listRecentSigners(petitionId: number, limit = 8): Promise<RecentSigner[]> {
  const list = await db
    .select({
      firstName: signatures.firstName,
      lastName: signatures.lastName,
      city: signatures.city,
      showPublicly: signatures.showPublicly,
      verifiedAt: signatures.verifiedAt,
    })
    .from(signatures)
    .where(
      and(
        eq(signatures.petitionId, petitionId),
        eq(signatures.status, "verified"),
        eq(signatures.showInRecent, true),
        lte(signatures.verifiedAt, sql`now()`),
      ),
    )
    .orderBy(desc(signatures.verifiedAt))
    .limit(limit);
  // Shown to everyone: bidi overrides and zero-width characters are dropped, so a name cannot
  // read as something else ("evil\u202Egnp.exe") or hide text in the list.
  const clean = (value: string) => withoutInvisibleControls(value).trim();
  return list.map((s) => ({
    name: s.showPublicly
      ? `${clean(s.firstName)} ${clean(s.lastName).charAt(0).toUpperCase()}.`
      : null,
    city: clean(s.city),
    at: (s.verifiedAt ?? new Date()).toISOString(),
  }));
}

/** The id of a visible petition by its current slug, or null. */
export async function petitionIdBySlug(slug: string) {
  const [p] = await db
    .select({ id: petitions.id })
    .from(petitions)
    .where(and(eq(petitions.slug, slug), inArray(petitions.status, [...VISIBLE_STATES])));
  return p?.id ?? null;
}

/** Title and language of a petition for its small pages (thanks): two reads, no lists. */
export async function getPetitionHeading({
  slug,
  locale,
}: {
  slug: string;
  locale: Locale | ((petitionDefault: Locale) => Locale);
}) {
  const [petition] = await db
    .select({ id: petitions.id, slug: petitions.slug, defaultLocale: petitions.defaultLocale })
    .from(petitions)
    .where(and(eq(petitions.slug, slug), inArray(petitions.status, [...VISIBLE_STATES])));
  if (!petition) return null;
  const texts = await db
    .select()
    .from(petitionTexts)
    .where(eq(petitionTexts.petitionId, petition.id));
  const pageLocale = typeof locale === "function" ? locale(petition.defaultLocale) : locale;
  const text = pickText(texts, pageLocale, petition.defaultLocale);
  return { slug: petition.slug, locale: pageLocale, title: text?.title ?? petition.slug };
}

/** The petition's heading and its campaign's retention, for the "what do you hold" page. */
export async function getMyDataPage({
  slug,
  locale,
}: {
  slug: string;
  locale: Locale | ((petitionDefault: Locale) => Locale);
}) {
  const heading = await getPetitionHeading({ slug, locale });
  if (!heading) return null;
  const [row] = await db
    .select({ months: campaigns.retentionMonths })
    .from(petitions)
    .innerJoin(campaigns, eq(campaigns.id, petitions.campaignId))
    .where(eq(petitions.slug, heading.slug));
  return { ...heading, retentionMonths: row?.months ?? 6 };
}

const liveCache = new Map<
  string,
  { value: { count: number; goal: number } | null; until: number }
>();

/** The live counter's figure; cached for a second so a crowd of polling pages costs one read. */
export async function getLiveCount({ slug }: { slug: string }) {
  const hit = liveCache.get(slug);
  if (hit && hit.until > Date.now()) return hit.value;
  const [p] = await db
    .select({ id: petitions.id, goal: petitions.goal })
    .from(petitions)
    .where(and(eq(petitions.slug, slug), inArray(petitions.status, [...VISIBLE_STATES])));
  const value = p ? { count: await getVerifiedCount(p.id), goal: 0 } : null;
  if (value && p) value.goal = displayGoal(value.count, p.goal);
  liveCache.set(slug, { value, until: Date.now() + 1_000 });
  return value;
}

// Petitions in the OSDI view, with their texts in every language, targets and verified count.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { db } from "#db/client";
import { petitions, petitionTexts, targets } from "#db/schema";
import type { Locale } from "#db/schema/states";
import { env } from "~/lib/env.server";
import type { ApiActor } from "~/domain/team/api-token.server";
import { pickText } from "~/domain/petitions/petition.server";
import { getVerifiedCounts } from "~/domain/petitions/petition-count.server";
import { collection, filterSql, pageWithTotal, type ListInput } from "./osdi-paging.server";
import { allow, ApiNotFoundError, href, resourceHead } from "./osdi-resource.server";

const petitionModified = sql`greatest(${petitions.updatedAt}, (select max(${petitionTexts.updatedAt}) from ${petitionTexts} where ${petitionTexts.petitionId} = ${petitions.id}))`;

const selectPetitions = () =>
  db.select({ p: petitions, modified: petitionModified.mapWith(String) }).from(petitions);

async function petitionResources(
  list: { p: typeof petitions.$inferSelect; modified: Date | string }[],
) {
  const ids = list.map(({ p }) => p.id);
  if (ids.length === 0) return [];
  const [texts, targetRows, counts] = await Promise.all([
    db.select().from(petitionTexts).where(inArray(petitionTexts.petitionId, ids)),
    db
      .select()
      .from(targets)
      .where(inArray(targets.petitionId, ids))
      .orderBy(asc(targets.position)),
    getVerifiedCounts(ids),
  ]);
  return list.map(({ p, modified }) => {
    const own = texts.filter((t) => t.petitionId === p.id);
    const text = pickText(own, p.defaultLocale, p.defaultLocale);
    const path = `/petitions/${p.id}`;
    return {
      ...resourceHead(p.id, p.createdAt, modified),
      name: p.slug,
      title: text?.title ?? p.slug,
      summary: text?.summary ?? "",
      description: text?.summary ?? "",
      petition_text: text?.body ?? "",
      browser_url: `${env().APP_URL}/p/${p.slug}`,
      total_signatures: counts.get(p.id) ?? 0,
      target: targetRows
        .filter((t) => t.petitionId === p.id)
        .map((t) => ({ name: t.title ? `${t.name}, ${t.title}` : t.name })),
      "handover:status": p.status,
      "handover:goal": p.goal,
      "handover:translations": Object.fromEntries(
        own.map((t) => [t.locale, { title: t.title, summary: t.summary, petition_text: t.body }]),
      ) as Partial<Record<Locale, unknown>>,
      _links: {
        self: href(path),
        "osdi:signatures": href(`${path}/signatures`),
        "osdi:record_signature_helper": href(`${path}/record_signature_helper`),
      },
    };
  });
}

export async function listPetitions({ actor, paging, search }: ListInput) {
  await allow(actor, "petition.view");
  const where = and(
    eq(petitions.campaignId, actor.campaignId),
    filterSql(petitionModified, paging),
  );
  const { list, total } = await pageWithTotal({
    paging,
    table: petitions,
    where,
    page: (limit, offset) =>
      selectPetitions().where(where).orderBy(asc(petitions.id)).limit(limit).offset(offset),
  });
  const items = await petitionResources(list);
  return collection({ path: "/petitions", rel: "petitions", items, total, paging, search });
}

export async function getPetition({ actor, petitionId }: { actor: ApiActor; petitionId: number }) {
  await allow(actor, "petition.view");
  const [row] = await selectPetitions().where(
    and(eq(petitions.id, petitionId), eq(petitions.campaignId, actor.campaignId)),
  );
  if (!row) throw new ApiNotFoundError(`No petition ${petitionId} in this campaign.`);
  return (await petitionResources([row]))[0]!;
}

/** The petition, if it belongs to the token's campaign (for the helper). */
export async function campaignPetition(actor: ApiActor, petitionId: number) {
  const [p] = await db
    .select({ id: petitions.id, slug: petitions.slug, defaultLocale: petitions.defaultLocale })
    .from(petitions)
    .where(and(eq(petitions.id, petitionId), eq(petitions.campaignId, actor.campaignId)));
  if (!p) throw new ApiNotFoundError(`No petition ${petitionId} in this campaign.`);
  return p;
}

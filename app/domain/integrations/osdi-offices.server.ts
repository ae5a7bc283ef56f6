// Offices in the OSDI view (a Handover extension): where petitions are delivered, and to whom.
import { and, asc, eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { offices } from "#db/schema";
import type { ApiActor } from "~/domain/team/api-token.server";
import { collection, filterSql, pageWithTotal, type ListInput } from "./osdi-paging.server";
import { allow, ApiNotFoundError, href, resourceHead } from "./osdi-resource.server";

function officeResource(o: typeof offices.$inferSelect) {
  return {
    ...resourceHead(o.id, o.createdAt, o.updatedAt),
    name: o.name,
    kind: o.kind,
    decision_maker: { name: o.decisionMaker, title: o.decisionMakerTitle },
    postal_addresses: [
      {
        primary: true,
        address_lines: [o.addressLine1, o.addressLine2].filter(Boolean),
        locality: o.city,
        region: o.region,
        postal_code: o.postalCode,
        country: o.country,
      },
    ],
    ...(o.phone ? { phone_numbers: [{ number: o.phone, primary: true }] } : {}),
    ...(o.email ? { email_addresses: [{ address: o.email, primary: true }] } : {}),
    timezone: o.timeZone,
    _links: { self: href(`/offices/${o.id}`) },
  };
}

export async function listOffices({ actor, paging, search }: ListInput) {
  await allow(actor, "office.view");
  const where = and(
    eq(offices.campaignId, actor.campaignId),
    filterSql(sql`${offices.updatedAt}`, paging),
  );
  const { list, total } = await pageWithTotal({
    paging,
    table: offices,
    where,
    page: (limit, offset) =>
      db.select().from(offices).where(where).orderBy(asc(offices.id)).limit(limit).offset(offset),
  });
  return collection({
    path: "/offices",
    rel: "offices",
    items: list.map(officeResource),
    total,
    paging,
    search,
  });
}

export async function getOffice({ actor, officeId }: { actor: ApiActor; officeId: number }) {
  await allow(actor, "office.view");
  const [o] = await db
    .select()
    .from(offices)
    .where(and(eq(offices.id, officeId), eq(offices.campaignId, actor.campaignId)));
  if (!o) throw new ApiNotFoundError(`No office ${officeId} in this campaign.`);
  return officeResource(o);
}

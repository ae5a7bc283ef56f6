// The OSDI 1.2 view of a campaign (docs/decisions/022-osdi-api.md): petitions, signatures, people,
// events, attendances, and Handover's own deliveries and offices. Every reader takes the ApiActor
// and checks the creator's role with assertCampaignPermission (the pages' check) and the token's
// scope; contact data needs both `signatures.viewContact` and the read_contact scope, and every
// page of it is written to the audit log.
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { db, rows } from "#db/client";
import {
  acknowledgements,
  deliveryEvents,
  deliveryReports,
  eventStatusChanges,
  offices,
  packets,
  petitions,
  petitionTexts,
  rsvps,
  signatures,
  targets,
} from "#db/schema";
import type { EventState, Locale, RsvpState } from "#db/schema/states";
import { env } from "~/lib/env.server";
import { assertCampaignPermission, roleAllows, type Permission } from "~/domain/team/authorization.server";
import { auditContactRead, scopeIncludes, type ApiActor } from "~/domain/team/api-token.server";
import { pickText } from "~/domain/petitions/petition.server";
import { getVerifiedCounts } from "~/domain/petitions/petition-count.server";

export const OSDI_VERSION = "1.2";
export const MAX_PAGESIZE = 100;
export const ORIGIN_SYSTEM = "Handover";

export class ApiNotFoundError extends Error {
  name = "ApiNotFoundError";
  status = 404;
}
export class ApiInputError extends Error {
  name = "ApiInputError";
  status = 400;
}

export const apiBase = () => `${env().APP_URL}/api/v1`;
const href = (path: string) => ({ href: `${apiBase()}${path}` });
export const curies = () => [
  { name: "osdi", href: `${env().APP_URL}/docs/api#{rel}`, templated: true },
];
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : undefined);

// ---------------------------------------------------------------- paging and filter

export type Paging = {
  page: number;
  perPage: number;
  modifiedAfter?: { op: "gt" | "ge" | "lt" | "le"; at: Date };
};

/**
 * `?page=&per_page=&filter=modified_date gt '2026-01-01T00:00:00Z'` — the OData subset OSDI asks
 * for, on modified_date (gt, ge, lt, le). Anything else is a 400 naming what was wrong.
 */
export function parsePaging(search: URLSearchParams): Paging {
  const page = search.get("page") ?? "1";
  const perPage = search.get("per_page") ?? "25";
  if (!/^\d{1,6}$/.test(page) || Number(page) < 1)
    throw new ApiInputError("page must be a whole number from 1.");
  if (!/^\d{1,4}$/.test(perPage) || Number(perPage) < 1 || Number(perPage) > MAX_PAGESIZE)
    throw new ApiInputError(`per_page must be a whole number from 1 to ${MAX_PAGESIZE}.`);
  const filter = search.get("filter");
  let modifiedAfter: Paging["modifiedAfter"];
  if (filter !== null) {
    const m = /^\s*modified_date\s+(gt|ge|lt|le)\s+'([^']{1,40})'\s*$/.exec(filter);
    const at = m ? new Date(m[2]!) : null;
    if (!m || !at || Number.isNaN(at.getTime()))
      throw new ApiInputError(
        "filter supports modified_date with gt, ge, lt or le and a quoted ISO 8601 time, e.g. modified_date gt '2026-01-31T00:00:00Z'.",
      );
    modifiedAfter = { op: m[1] as "gt", at };
  }
  return { page: Number(page), perPage: Number(perPage), modifiedAfter };
}

function filterSql(modified: SQL, paging: Paging): SQL {
  const f = paging.modifiedAfter;
  if (!f) return sql`true`;
  const op = { gt: sql`>`, ge: sql`>=`, lt: sql`<`, le: sql`<=` }[f.op];
  return sql`${modified} ${op} ${f.at.toISOString()}::timestamptz`;
}

/** A HAL collection: `_embedded`, `_links` with self/next/prev and the item links, OSDI's page fields. */
export function collection({
  path,
  rel,
  items,
  total,
  paging,
  search,
}: {
  path: string;
  rel: string;
  items: Record<string, unknown>[];
  total: number;
  paging: Paging;
  search: URLSearchParams;
}) {
  const totalPages = Math.max(1, Math.ceil(total / paging.perPage));
  const pageHref = (page: number) => {
    const s = new URLSearchParams(search);
    s.set("page", String(page));
    s.set("per_page", String(paging.perPage));
    return href(`${path}?${s.toString()}`);
  };
  return {
    total_pages: totalPages,
    per_page: paging.perPage,
    page: paging.page,
    total_records: total,
    _links: {
      self: pageHref(paging.page),
      ...(paging.page < totalPages ? { next: pageHref(paging.page + 1) } : {}),
      ...(paging.page > 1 ? { prev: pageHref(Math.min(paging.page - 1, totalPages)) } : {}),
      [`osdi:${rel}`]: items.map((i) => (i._links as { self: { href: string } }).self),
      curies: curies(),
    },
    _embedded: { [`osdi:${rel}`]: items },
  };
}

const offset = (p: Paging) => (p.page - 1) * p.perPage;

async function allow(actor: ApiActor, permission: Permission) {
  return assertCampaignPermission({
    actor: { userId: actor.userId },
    campaignId: actor.campaignId,
    permission,
  });
}

/** Contact data only when the token's scope and the creator's role both allow it. */
async function contactAllowed(actor: ApiActor) {
  if (!scopeIncludes(actor.scope, "read_contact")) return false;
  const role = await allow(actor, "signatures.view");
  return roleAllows(role, "signatures.viewContact");
}

// ---------------------------------------------------------------- entry point

export function entryPoint() {
  const link = (path: string, title: string) => ({ ...href(path), title });
  return {
    motd: "Handover's OSDI API. Deliveries and offices are Handover extensions.",
    osdi_version: OSDI_VERSION,
    max_pagesize: MAX_PAGESIZE,
    vendor_name: ORIGIN_SYSTEM,
    product_name: ORIGIN_SYSTEM,
    _links: {
      curies: curies(),
      self: link("", "This API entry point"),
      "osdi:petitions": link("/petitions", "The campaign's petitions"),
      "osdi:people": link("/people", "Signers and volunteers"),
      "osdi:events": link("/events", "Delivery events"),
      "handover:deliveries": link(
        "/deliveries",
        "Delivery status, history, report and acknowledgement (extension)",
      ),
      "handover:offices": link("/offices", "The offices petitions are delivered to (extension)"),
      docs: { href: `${env().APP_URL}/api/v1/openapi.json`, title: "OpenAPI document" },
    },
  };
}

// ---------------------------------------------------------------- petitions

const petitionModified = sql`greatest(${petitions.updatedAt}, (select max(${petitionTexts.updatedAt}) from ${petitionTexts} where ${petitionTexts.petitionId} = ${petitions.id}))`;

async function petitionResources(
  list: (typeof petitions.$inferSelect & { modified: Date | string })[],
) {
  const ids = list.map((p) => p.id);
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
  return list.map((p) => {
    const own = texts.filter((t) => t.petitionId === p.id);
    const text = pickText(own, p.defaultLocale, p.defaultLocale);
    const path = `/petitions/${p.id}`;
    return {
      identifiers: [`handover:${p.id}`],
      origin_system: ORIGIN_SYSTEM,
      created_date: iso(p.createdAt),
      modified_date: iso(p.modified),
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

export async function listPetitions({
  actor,
  paging,
  search,
}: {
  actor: ApiActor;
  paging: Paging;
  search: URLSearchParams;
}) {
  await allow(actor, "petition.view");
  const where = and(
    eq(petitions.campaignId, actor.campaignId),
    filterSql(petitionModified, paging),
  );
  const [list, [count]] = await Promise.all([
    db
      .select({ p: petitions, modified: petitionModified.mapWith(String) })
      .from(petitions)
      .where(where)
      .orderBy(asc(petitions.id))
      .limit(paging.perPage)
      .offset(offset(paging)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(petitions)
      .where(where),
  ]);
  const items = await petitionResources(list.map((r) => ({ ...r.p, modified: r.modified })));
  return collection({
    path: "/petitions",
    rel: "petitions",
    items,
    total: Number(count?.n ?? 0),
    paging,
    search,
  });
}

export async function getPetition({ actor, petitionId }: { actor: ApiActor; petitionId: number }) {
  await allow(actor, "petition.view");
  const [row] = await db
    .select({ p: petitions, modified: petitionModified.mapWith(String) })
    .from(petitions)
    .where(and(eq(petitions.id, petitionId), eq(petitions.campaignId, actor.campaignId)));
  if (!row) throw new ApiNotFoundError(`No petition ${petitionId} in this campaign.`);
  return (await petitionResources([{ ...row.p, modified: row.modified }]))[0]!;
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

// ---------------------------------------------------------------- signatures and signers

const signatureModified = sql`greatest(${signatures.createdAt}, ${signatures.verifiedAt}, ${signatures.invalidatedAt}, ${signatures.unsubscribedAt}, ${signatures.commentHiddenAt})`;

type SignatureRow = typeof signatures.$inferSelect & { modified: Date | string };

export function signatureResource(s: SignatureRow) {
  const path = `/petitions/${s.petitionId}/signatures/${s.id}`;
  return {
    identifiers: [`handover:${s.id}`],
    origin_system: ORIGIN_SYSTEM,
    created_date: iso(s.createdAt),
    modified_date: iso(s.modified),
    action_date: iso(s.createdAt),
    ...(s.comment && !s.commentHiddenAt ? { comments: s.comment } : {}),
    referrer_data: {},
    "handover:status": s.status,
    "handover:verified_date": iso(s.verifiedAt) ?? null,
    _links: {
      self: href(path),
      "osdi:petition": href(`/petitions/${s.petitionId}`),
      "osdi:person": href(`/people/s${s.id}`),
    },
  };
}

/** A signer as an OSDI person: names always; email and postal code only with contact access. */
export function signerPerson(s: SignatureRow, withContact: boolean) {
  return {
    identifiers: [`handover:s${s.id}`],
    origin_system: ORIGIN_SYSTEM,
    created_date: iso(s.createdAt),
    modified_date: iso(s.modified),
    given_name: s.firstName,
    family_name: s.lastName,
    languages_spoken: [s.locale],
    ...(withContact
      ? {
          email_addresses: [
            {
              address: s.email,
              primary: true,
              status: s.unsubscribedAt || !s.keepUpdated ? "unsubscribed" : "subscribed",
            },
          ],
        }
      : {}),
    postal_addresses: [
      {
        primary: true,
        ...(s.city ? { locality: s.city } : {}),
        ...(s.region ? { region: s.region } : {}),
        ...(withContact && s.postalCode ? { postal_code: s.postalCode } : {}),
        ...(s.country ? { country: s.country } : {}),
      },
    ],
    "handover:kind": "signer",
    _links: {
      self: href(`/people/s${s.id}`),
      "osdi:signatures": href(`/petitions/${s.petitionId}/signatures/${s.id}`),
    },
  };
}

export async function listSignatures({
  actor,
  petitionId,
  paging,
  search,
}: {
  actor: ApiActor;
  petitionId: number;
  paging: Paging;
  search: URLSearchParams;
}) {
  await allow(actor, "signatures.view");
  await campaignPetition(actor, petitionId);
  const where = and(eq(signatures.petitionId, petitionId), filterSql(signatureModified, paging));
  const [list, [count]] = await Promise.all([
    db
      .select({ s: signatures, modified: signatureModified.mapWith(String) })
      .from(signatures)
      .where(where)
      .orderBy(asc(signatures.id))
      .limit(paging.perPage)
      .offset(offset(paging)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(signatures)
      .where(where),
  ]);
  const items = list.map((r) => signatureResource({ ...r.s, modified: r.modified }));
  return collection({
    path: `/petitions/${petitionId}/signatures`,
    rel: "signatures",
    items,
    total: Number(count?.n ?? 0),
    paging,
    search,
  });
}

async function signatureRow(actor: ApiActor, signatureId: number) {
  const [row] = await db
    .select({ s: signatures, modified: signatureModified.mapWith(String) })
    .from(signatures)
    .innerJoin(petitions, eq(petitions.id, signatures.petitionId))
    .where(and(eq(signatures.id, signatureId), eq(petitions.campaignId, actor.campaignId)));
  return row ? { ...row.s, modified: row.modified } : null;
}

export async function getSignature({
  actor,
  petitionId,
  signatureId,
}: {
  actor: ApiActor;
  petitionId: number;
  signatureId: number;
}) {
  await allow(actor, "signatures.view");
  const s = await signatureRow(actor, signatureId);
  if (!s || s.petitionId !== petitionId)
    throw new ApiNotFoundError(`No signature ${signatureId} on petition ${petitionId}.`);
  return signatureResource(s);
}

// ---------------------------------------------------------------- volunteers

const rsvpModified = sql`greatest(${rsvps.createdAt}, ${rsvps.waitlistedAt}, ${rsvps.promotedAt}, ${rsvps.cancelledAt}, ${rsvps.checkedInAt})`;
type RsvpRow = typeof rsvps.$inferSelect & { modified: Date | string };

const ATTENDANCE_STATUS: Record<RsvpState, string> = {
  unconfirmed: "needs action",
  going: "accepted",
  waitlisted: "tentative",
  cancelled: "declined",
};

export function attendanceResource(r: RsvpRow) {
  const path = `/events/${r.eventId}/attendances/${r.id}`;
  return {
    identifiers: [`handover:${r.id}`],
    origin_system: ORIGIN_SYSTEM,
    created_date: iso(r.createdAt),
    modified_date: iso(r.modified),
    action_date: iso(r.createdAt),
    status: ATTENDANCE_STATUS[r.status],
    attended: !!r.checkedInAt,
    "handover:status": r.status,
    "handover:role": r.role,
    _links: {
      self: href(path),
      "osdi:event": href(`/events/${r.eventId}`),
      "osdi:person": href(`/people/r${r.id}`),
    },
  };
}

/** A volunteer as an OSDI person. The RSVP form asks for one name field: it is the given name. */
export function volunteerPerson(r: RsvpRow, withContact: boolean) {
  return {
    identifiers: [`handover:r${r.id}`],
    origin_system: ORIGIN_SYSTEM,
    created_date: iso(r.createdAt),
    modified_date: iso(r.modified),
    given_name: r.name,
    languages_spoken: [r.locale],
    ...(withContact
      ? {
          email_addresses: [{ address: r.email, primary: true }],
          ...(r.phone ? { phone_numbers: [{ number: r.phone, primary: true }] } : {}),
        }
      : {}),
    "handover:kind": "volunteer",
    _links: {
      self: href(`/people/r${r.id}`),
      "osdi:attendances": href(`/events/${r.eventId}/attendances/${r.id}`),
    },
  };
}

async function campaignEvent(actor: ApiActor, eventId: number) {
  const [e] = await db
    .select({ id: deliveryEvents.id })
    .from(deliveryEvents)
    .where(and(eq(deliveryEvents.id, eventId), eq(deliveryEvents.campaignId, actor.campaignId)));
  if (!e) throw new ApiNotFoundError(`No event ${eventId} in this campaign.`);
}

export async function listAttendances({
  actor,
  eventId,
  paging,
  search,
}: {
  actor: ApiActor;
  eventId: number;
  paging: Paging;
  search: URLSearchParams;
}) {
  await campaignEvent(actor, eventId);
  await allow(actor, "event.attendees");
  const where = and(eq(rsvps.eventId, eventId), filterSql(rsvpModified, paging));
  const [list, [count]] = await Promise.all([
    db
      .select({ r: rsvps, modified: rsvpModified.mapWith(String) })
      .from(rsvps)
      .where(where)
      .orderBy(asc(rsvps.id))
      .limit(paging.perPage)
      .offset(offset(paging)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(rsvps)
      .where(where),
  ]);
  return collection({
    path: `/events/${eventId}/attendances`,
    rel: "attendances",
    items: list.map((r) => attendanceResource({ ...r.r, modified: r.modified })),
    total: Number(count?.n ?? 0),
    paging,
    search,
  });
}

async function rsvpRow(actor: ApiActor, rsvpId: number) {
  const [row] = await db
    .select({ r: rsvps, modified: rsvpModified.mapWith(String) })
    .from(rsvps)
    .innerJoin(deliveryEvents, eq(deliveryEvents.id, rsvps.eventId))
    .where(and(eq(rsvps.id, rsvpId), eq(deliveryEvents.campaignId, actor.campaignId)));
  return row ? { ...row.r, modified: row.modified } : null;
}

export async function getAttendance({
  actor,
  eventId,
  rsvpId,
}: {
  actor: ApiActor;
  eventId: number;
  rsvpId: number;
}) {
  await allow(actor, "event.attendees");
  const r = await rsvpRow(actor, rsvpId);
  if (!r || r.eventId !== eventId)
    throw new ApiNotFoundError(`No attendance ${rsvpId} on event ${eventId}.`);
  return attendanceResource(r);
}

// ---------------------------------------------------------------- people

/**
 * Signers and volunteers of the campaign, in one stable order (created, then kind, then id).
 * A person's id says what it is: `s<signature id>` or `r<rsvp id>`; a CRM matches them by email.
 */
export async function listPeople({
  actor,
  paging,
  search,
}: {
  actor: ApiActor;
  paging: Paging;
  search: URLSearchParams;
}) {
  await allow(actor, "signatures.view");
  await allow(actor, "event.attendees");
  const withContact = await contactAllowed(actor);
  const f = paging.modifiedAfter;
  const cond = (modified: SQL) => (f ? filterSql(modified, paging) : sql`true`);
  const union = sql`
    select 's' as kind, s.id::bigint as id, s.created_at as created
      from signatures s join petitions p on p.id = s.petition_id
      where p.campaign_id = ${actor.campaignId} and ${cond(sql`greatest(s.created_at, s.verified_at, s.invalidated_at, s.unsubscribed_at, s.comment_hidden_at)`)}
    union all
    select 'r' as kind, r.id::bigint as id, r.created_at as created
      from rsvps r join delivery_events e on e.id = r.event_id
      where e.campaign_id = ${actor.campaignId} and ${cond(sql`greatest(r.created_at, r.waitlisted_at, r.promoted_at, r.cancelled_at, r.checked_in_at)`)}`;
  const [page, [count]] = await Promise.all([
    rows<{ kind: "s" | "r"; id: string | number }>(
      db,
      sql`select kind, id from (${union}) u order by created, kind, id limit ${paging.perPage} offset ${offset(paging)}`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from (${union}) u`),
  ]);
  const sIds = page.filter((p) => p.kind === "s").map((p) => Number(p.id));
  const rIds = page.filter((p) => p.kind === "r").map((p) => Number(p.id));
  const [sRows, rRows] = await Promise.all([
    sIds.length
      ? db
          .select({ s: signatures, modified: signatureModified.mapWith(String) })
          .from(signatures)
          .where(inArray(signatures.id, sIds))
      : [],
    rIds.length
      ? db
          .select({ r: rsvps, modified: rsvpModified.mapWith(String) })
          .from(rsvps)
          .where(inArray(rsvps.id, rIds))
      : [],
  ]);
  const items = page.map((p) => {
    if (p.kind === "s") {
      const r = sRows.find((x) => x.s.id === Number(p.id))!;
      return signerPerson({ ...r.s, modified: r.modified }, withContact);
    }
    const r = rRows.find((x) => x.r.id === Number(p.id))!;
    return volunteerPerson({ ...r.r, modified: r.modified }, withContact);
  });
  if (withContact) await auditContactRead(actor, "people", items.length);
  return collection({
    path: "/people",
    rel: "people",
    items,
    total: Number(count?.n ?? 0),
    paging,
    search,
  });
}

export async function getPerson({ actor, personId }: { actor: ApiActor; personId: string }) {
  const m = /^([sr])(\d{1,15})$/.exec(personId);
  if (!m) throw new ApiNotFoundError(`No person ${personId}.`);
  const id = Number(m[2]);
  const withContact = await contactAllowed(actor);
  let person;
  if (m[1] === "s") {
    await allow(actor, "signatures.view");
    const s = await signatureRow(actor, id);
    if (!s) throw new ApiNotFoundError(`No person ${personId}.`);
    person = signerPerson(s, withContact);
  } else {
    await allow(actor, "event.attendees");
    const r = await rsvpRow(actor, id);
    if (!r) throw new ApiNotFoundError(`No person ${personId}.`);
    person = volunteerPerson(r, withContact);
  }
  if (withContact) await auditContactRead(actor, `people/${personId}`, 1);
  return person;
}

/** For webhooks: a signature or RSVP with its person, contact data as the endpoint allows. */
export async function signatureWithPerson(signatureId: number, withContact: boolean) {
  const [row] = await db
    .select({ s: signatures, modified: signatureModified.mapWith(String) })
    .from(signatures)
    .where(eq(signatures.id, signatureId));
  if (!row) return null;
  const s = { ...row.s, modified: row.modified };
  return { ...signatureResource(s), _embedded: { "osdi:person": signerPerson(s, withContact) } };
}
export async function attendanceWithPerson(rsvpId: number, withContact: boolean) {
  const [row] = await db
    .select({ r: rsvps, modified: rsvpModified.mapWith(String) })
    .from(rsvps)
    .where(eq(rsvps.id, rsvpId));
  if (!row) return null;
  const r = { ...row.r, modified: row.modified };
  return {
    ...attendanceResource(r),
    _embedded: { "osdi:person": volunteerPerson(r, withContact) },
  };
}

// ---------------------------------------------------------------- events

const OSDI_EVENT_STATUS: Record<EventState, "confirmed" | "tentative" | "cancelled"> = {
  planned: "tentative",
  confirmed: "confirmed",
  packet_ready: "confirmed",
  delivered: "confirmed",
  acknowledged: "confirmed",
  postponed: "tentative",
  cancelled: "cancelled",
};

const eventSelect = {
  e: deliveryEvents,
  office: offices,
  going: sql<number>`(select count(*)::int from ${rsvps} where ${rsvps.eventId} = ${deliveryEvents.id} and ${rsvps.status} = 'going')`,
};
type EventRow = {
  e: typeof deliveryEvents.$inferSelect;
  office: typeof offices.$inferSelect;
  going: number;
};

/** An OSDI event. The office's address is public; a private meeting point never is (see `handover:meeting_point`). */
export function eventResource({ e, office, going }: EventRow, withContact: boolean) {
  const path = `/events/${e.id}`;
  const meetingPublic = !!e.meetingPoint && !e.meetingPointPrivate;
  return {
    identifiers: [`handover:${e.id}`],
    origin_system: ORIGIN_SYSTEM,
    created_date: iso(e.createdAt),
    modified_date: iso(e.updatedAt),
    name: `delivery-${e.id}`,
    title: `Petition delivery: ${office.name}`,
    description: e.description,
    ...(e.descriptionEs ? { "handover:description_es": e.descriptionEs } : {}),
    browser_url: `${env().APP_URL}/events/${e.id}`,
    type: "open",
    status: OSDI_EVENT_STATUS[e.status],
    "handover:status": e.status,
    start_date: iso(e.startsAt),
    end_date: iso(e.endsAt),
    all_day: false,
    timezone: e.timeZone,
    ...(e.capacity != null ? { capacity: e.capacity } : {}),
    total_accepted: Number(going),
    visibility: "public",
    location: {
      ...(meetingPublic ? { venue: e.meetingPoint } : {}),
      address_lines: [office.addressLine1, office.addressLine2].filter(Boolean),
      locality: office.city,
      ...(office.region ? { region: office.region } : {}),
      ...(office.postalCode ? { postal_code: office.postalCode } : {}),
      country: office.country,
      public: true,
    },
    ...(e.meetingPoint && (meetingPublic || withContact)
      ? { "handover:meeting_point": { text: e.meetingPoint, public: meetingPublic } }
      : {}),
    _links: {
      self: href(path),
      "osdi:attendances": href(`${path}/attendances`),
      "osdi:record_attendance_helper": href(`${path}/record_attendance_helper`),
      "handover:delivery": href(`/deliveries/${e.id}`),
      "handover:office": href(`/offices/${office.id}`),
      "osdi:petition": href(`/petitions/${e.petitionId}`),
    },
  };
}

export async function listEvents({
  actor,
  paging,
  search,
}: {
  actor: ApiActor;
  paging: Paging;
  search: URLSearchParams;
}) {
  await allow(actor, "event.view");
  const withContact = await contactAllowed(actor);
  const where = and(
    eq(deliveryEvents.campaignId, actor.campaignId),
    filterSql(sql`${deliveryEvents.updatedAt}`, paging),
  );
  const [list, [count]] = await Promise.all([
    db
      .select(eventSelect)
      .from(deliveryEvents)
      .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
      .where(where)
      .orderBy(asc(deliveryEvents.id))
      .limit(paging.perPage)
      .offset(offset(paging)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(deliveryEvents)
      .where(where),
  ]);
  return collection({
    path: "/events",
    rel: "events",
    items: list.map((r) => eventResource(r, withContact)),
    total: Number(count?.n ?? 0),
    paging,
    search,
  });
}

async function eventRow(actor: ApiActor, eventId: number) {
  const [row] = await db
    .select(eventSelect)
    .from(deliveryEvents)
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .where(and(eq(deliveryEvents.id, eventId), eq(deliveryEvents.campaignId, actor.campaignId)));
  if (!row) throw new ApiNotFoundError(`No event ${eventId} in this campaign.`);
  return row;
}

export async function getEvent({ actor, eventId }: { actor: ApiActor; eventId: number }) {
  await allow(actor, "event.view");
  return eventResource(await eventRow(actor, eventId), await contactAllowed(actor));
}

// ---------------------------------------------------------------- deliveries (extension)

async function deliveryResources(eventIds: number[]) {
  if (eventIds.length === 0) return [];
  const [events, history, reports, acks, readyPackets] = await Promise.all([
    db.select().from(deliveryEvents).where(inArray(deliveryEvents.id, eventIds)),
    db
      .select()
      .from(eventStatusChanges)
      .where(inArray(eventStatusChanges.eventId, eventIds))
      .orderBy(asc(eventStatusChanges.createdAt), asc(eventStatusChanges.id)),
    db.select().from(deliveryReports).where(inArray(deliveryReports.eventId, eventIds)),
    db.select().from(acknowledgements).where(inArray(acknowledgements.eventId, eventIds)),
    db
      .select()
      .from(packets)
      .where(and(inArray(packets.eventId, eventIds), eq(packets.status, "ready")))
      .orderBy(desc(packets.readyAt)),
  ]);
  return eventIds.map((id) => {
    const e = events.find((x) => x.id === id)!;
    const report = reports.find((r) => r.eventId === id);
    const ack = acks.find((a) => a.eventId === id);
    return {
      identifiers: [`handover:${id}`],
      origin_system: ORIGIN_SYSTEM,
      created_date: iso(e.createdAt),
      modified_date: iso(e.updatedAt),
      status: e.status,
      status_dates: {
        planned: iso(e.plannedAt) ?? null,
        confirmed: iso(e.confirmedAt) ?? null,
        packet_ready: iso(e.packetReadyAt) ?? null,
        delivered: iso(e.deliveredAt) ?? null,
        acknowledged: iso(e.acknowledgedAt) ?? null,
        postponed: iso(e.postponedAt) ?? null,
        cancelled: iso(e.cancelledAt) ?? null,
      },
      history: history
        .filter((h) => h.eventId === id)
        .map((h) => ({ from: h.fromStatus, to: h.toStatus, date: iso(h.createdAt), note: h.note })),
      report: report
        ? {
            delivered_date: iso(report.deliveredAt),
            received_by: { name: report.receivedByName, title: report.receivedByTitle },
            signatures_handed_over: report.signaturesHandedOver,
            attendees_count: report.attendeesCount,
            how_it_went: report.howItWent,
            office_response: report.officeResponse,
            links: report.links,
          }
        : null,
      acknowledgement: ack
        ? { kind: ack.kind, note: ack.note, acknowledged_date: iso(ack.acknowledgedAt) }
        : null,
      packets: readyPackets
        .filter((p) => p.eventId === id)
        .map((p) => ({
          id: p.id,
          ready_date: iso(p.readyAt),
          signatures: p.signatureCount,
          paper_signatures: p.paperCount,
          superseded: !!p.supersededAt,
          verify_url: `${env().APP_URL}/verify/${p.id}`,
        })),
      _links: {
        self: href(`/deliveries/${id}`),
        "osdi:event": href(`/events/${id}`),
        "handover:office": href(`/offices/${e.officeId}`),
        "osdi:petition": href(`/petitions/${e.petitionId}`),
      },
    };
  });
}

export async function listDeliveries({
  actor,
  paging,
  search,
}: {
  actor: ApiActor;
  paging: Paging;
  search: URLSearchParams;
}) {
  await allow(actor, "event.view");
  const where = and(
    eq(deliveryEvents.campaignId, actor.campaignId),
    filterSql(sql`${deliveryEvents.updatedAt}`, paging),
  );
  const [list, [count]] = await Promise.all([
    db
      .select({ id: deliveryEvents.id })
      .from(deliveryEvents)
      .where(where)
      .orderBy(asc(deliveryEvents.id))
      .limit(paging.perPage)
      .offset(offset(paging)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(deliveryEvents)
      .where(where),
  ]);
  return collection({
    path: "/deliveries",
    rel: "deliveries",
    items: await deliveryResources(list.map((r) => r.id)),
    total: Number(count?.n ?? 0),
    paging,
    search,
  });
}

export async function getDelivery({ actor, eventId }: { actor: ApiActor; eventId: number }) {
  await allow(actor, "event.view");
  await campaignEvent(actor, eventId);
  return (await deliveryResources([eventId]))[0]!;
}

/** For webhooks: the delivery resource of one event. */
export const deliveryById = async (eventId: number) =>
  (await deliveryResources([eventId]))[0] ?? null;

// ---------------------------------------------------------------- offices (extension)

function officeResource(o: typeof offices.$inferSelect) {
  return {
    identifiers: [`handover:${o.id}`],
    origin_system: ORIGIN_SYSTEM,
    created_date: iso(o.createdAt),
    modified_date: iso(o.updatedAt),
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

export async function listOffices({
  actor,
  paging,
  search,
}: {
  actor: ApiActor;
  paging: Paging;
  search: URLSearchParams;
}) {
  await allow(actor, "office.view");
  const where = and(
    eq(offices.campaignId, actor.campaignId),
    filterSql(sql`${offices.updatedAt}`, paging),
  );
  const [list, [count]] = await Promise.all([
    db
      .select()
      .from(offices)
      .where(where)
      .orderBy(asc(offices.id))
      .limit(paging.perPage)
      .offset(offset(paging)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(offices)
      .where(where),
  ]);
  return collection({
    path: "/offices",
    rel: "offices",
    items: list.map(officeResource),
    total: Number(count?.n ?? 0),
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

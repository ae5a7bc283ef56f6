// People in the OSDI view: the campaign's signers and volunteers in one list.
import { inArray, sql, type SQL } from "drizzle-orm";
import { db, rows } from "#db/client";
import { rsvps, signatures } from "#db/schema";
import { auditContactRead, type ApiActor } from "~/domain/team/api-token.server";
import { rsvpRow, rsvpRowOf, selectRsvps, volunteerPerson } from "./osdi-attendances.server";
import { collection, filterSql, offset, type ListInput } from "./osdi-paging.server";
import { allow, ApiNotFoundError, contactAllowed } from "./osdi-resource.server";
import {
  selectSignatures,
  signatureRow,
  signatureRowOf,
  signerPerson,
} from "./osdi-signatures.server";

/**
 * Signers and volunteers of the campaign, in one stable order (created, then kind, then id).
 * A person's id says what it is: `s<signature id>` or `r<rsvp id>`; a CRM matches them by email.
 */
export async function listPeople({ actor, paging, search }: ListInput) {
  await allow(actor, "signatures.view");
  await allow(actor, "event.attendees");
  const withContact = await contactAllowed(actor);
  const cond = (modified: SQL) => filterSql(modified, paging);
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
    sIds.length ? selectSignatures().where(inArray(signatures.id, sIds)) : [],
    rIds.length ? selectRsvps().where(inArray(rsvps.id, rIds)) : [],
  ]);
  const items = page.map((p) => {
    if (p.kind === "s") {
      const r = sRows.find((x) => x.s.id === Number(p.id))!;
      return signerPerson(signatureRowOf(r), withContact);
    }
    const r = rRows.find((x) => x.r.id === Number(p.id))!;
    return volunteerPerson(rsvpRowOf(r), withContact);
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

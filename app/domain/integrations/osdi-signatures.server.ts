// Signatures in the OSDI view, and their signers as OSDI people.
import { and, asc, eq, sql } from "drizzle-orm";
import { db } from "#db/client";
import { petitions, signatures } from "#db/schema";
import type { ApiActor } from "~/domain/team/api-token.server";
import { collection, filterSql, pageWithTotal, type ListInput } from "./osdi-paging.server";
import { campaignPetition } from "./osdi-petitions.server";
import { allow, ApiNotFoundError, href, iso, resourceHead } from "./osdi-resource.server";

export const signatureModified = sql`greatest(${signatures.createdAt}, ${signatures.verifiedAt}, ${signatures.invalidatedAt}, ${signatures.unsubscribedAt}, ${signatures.commentHiddenAt})`;

export type SignatureRow = typeof signatures.$inferSelect & { modified: Date | string };

/** Signatures with their modified time; `signatureRowOf` makes one row of a result. */
export const selectSignatures = () =>
  db.select({ s: signatures, modified: signatureModified.mapWith(String) }).from(signatures);
export const signatureRowOf = (r: { s: typeof signatures.$inferSelect; modified: string }) => ({
  ...r.s,
  modified: r.modified,
});

export function signatureResource(s: SignatureRow) {
  const path = `/petitions/${s.petitionId}/signatures/${s.id}`;
  return {
    ...resourceHead(s.id, s.createdAt, s.modified),
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
    ...resourceHead(`s${s.id}`, s.createdAt, s.modified),
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
}: ListInput & { petitionId: number }) {
  await allow(actor, "signatures.view");
  await campaignPetition(actor, petitionId);
  const where = and(eq(signatures.petitionId, petitionId), filterSql(signatureModified, paging));
  const { list, total } = await pageWithTotal({
    paging,
    table: signatures,
    where,
    page: (limit, offset) =>
      selectSignatures().where(where).orderBy(asc(signatures.id)).limit(limit).offset(offset),
  });
  return collection({
    path: `/petitions/${petitionId}/signatures`,
    rel: "signatures",
    items: list.map((r) => signatureResource(signatureRowOf(r))),
    total,
    paging,
    search,
  });
}

/** A signature of the actor's campaign, or null. */
export async function signatureRow(actor: ApiActor, signatureId: number) {
  const [row] = await selectSignatures()
    .innerJoin(petitions, eq(petitions.id, signatures.petitionId))
    .where(and(eq(signatures.id, signatureId), eq(petitions.campaignId, actor.campaignId)));
  return row ? signatureRowOf(row) : null;
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

/** For webhooks: a signature with its person, contact data as the endpoint allows. */
export async function signatureWithPerson(signatureId: number, withContact: boolean) {
  const [row] = await selectSignatures().where(eq(signatures.id, signatureId));
  if (!row) return null;
  const s = signatureRowOf(row);
  return { ...signatureResource(s), _embedded: { "osdi:person": signerPerson(s, withContact) } };
}

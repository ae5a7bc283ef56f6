// What every resource of the OSDI 1.2 view shares (docs/decisions/022-osdi-api.md): the API's
// errors, links, the common resource fields, the entry point, and the actor's checks. Every reader
// takes the ApiActor and checks the creator's role with assertCampaignPermission (the pages' check)
// and the token's scope; contact data needs both `signatures.viewContact` and the read_contact
// scope, and every page of it is written to the audit log.
import { env } from "~/lib/env.server";
import {
  assertCampaignPermission,
  roleAllows,
  type Permission,
} from "~/domain/team/authorization.server";
import { scopeIncludes, type ApiActor } from "~/domain/team/api-token.server";

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
export const href = (path: string) => ({ href: `${apiBase()}${path}` });
export const curies = () => [
  { name: "osdi", href: `${env().APP_URL}/docs/api#{rel}`, templated: true },
];
export const iso = (d: Date | string | null | undefined) =>
  d ? new Date(d).toISOString() : undefined;

/** The fields every resource starts with. `id` is what follows `handover:` (e.g. `s12` for a signer). */
export const resourceHead = (
  id: string | number,
  created: Date | string | null,
  modified: Date | string | null,
) => ({
  identifiers: [`handover:${id}`],
  origin_system: ORIGIN_SYSTEM,
  created_date: iso(created),
  modified_date: iso(modified),
});

export async function allow(actor: ApiActor, permission: Permission) {
  return assertCampaignPermission({
    actor: { userId: actor.userId },
    campaignId: actor.campaignId,
    permission,
  });
}

/** Contact data only when the token's scope and the creator's role both allow it. */
export async function contactAllowed(actor: ApiActor) {
  if (!scopeIncludes(actor.scope, "read_contact")) return false;
  const role = await allow(actor, "signatures.view");
  return roleAllows(role, "signatures.viewContact");
}

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

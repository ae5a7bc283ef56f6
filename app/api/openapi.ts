// The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. Hand-written (the API is
// small); tests check that every route the router serves is described here.
import { env } from "~/lib/env.server";

const page = [
  { name: "page", in: "query", schema: { type: "integer", minimum: 1, default: 1 } },
  {
    name: "per_page",
    in: "query",
    schema: { type: "integer", minimum: 1, maximum: 100, default: 25 },
  },
  {
    name: "filter",
    in: "query",
    description:
      "OData subset: `modified_date gt|ge|lt|le '<ISO 8601>'`, e.g. `modified_date gt '2026-01-31T00:00:00Z'`.",
    schema: { type: "string" },
  },
];
const idParam = (name: string, description: string) => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "integer" },
});

const link = {
  type: "object",
  properties: { href: { type: "string", format: "uri" } },
  required: ["href"],
};
const common = {
  identifiers: { type: "array", items: { type: "string" }, description: "`handover:<id>`" },
  origin_system: { type: "string" },
  created_date: { type: "string", format: "date-time" },
  modified_date: { type: "string", format: "date-time" },
  _links: {
    type: "object",
    additionalProperties: { oneOf: [link, { type: "array", items: link }] },
  },
};
const obj = (properties: Record<string, unknown>) => ({
  type: "object",
  properties: { ...common, ...properties },
});

const schemas = {
  Error: {
    type: "object",
    properties: {
      error: { type: "string" },
      message: { type: "string" },
      errors: {
        type: "array",
        items: {
          type: "object",
          properties: { field: { type: "string" }, message: { type: "string" } },
        },
      },
    },
    required: ["error", "message"],
  },
  Collection: {
    type: "object",
    properties: {
      total_pages: { type: "integer" },
      per_page: { type: "integer" },
      page: { type: "integer" },
      total_records: { type: "integer" },
      _links: { type: "object" },
      _embedded: { type: "object" },
    },
    required: ["total_pages", "per_page", "page", "total_records", "_links", "_embedded"],
  },
  Petition: obj({
    name: { type: "string" },
    title: { type: "string" },
    summary: { type: "string" },
    description: { type: "string" },
    petition_text: { type: "string", description: "Markdown" },
    browser_url: { type: "string", format: "uri" },
    total_signatures: { type: "integer", description: "Verified signatures" },
    target: { type: "array", items: { type: "object", properties: { name: { type: "string" } } } },
    "handover:status": { enum: ["draft", "published", "closed"] },
    "handover:goal": { type: "integer" },
    "handover:translations": { type: "object" },
  }),
  Signature: obj({
    action_date: { type: "string", format: "date-time" },
    comments: { type: "string" },
    referrer_data: { type: "object" },
    "handover:status": { enum: ["pending", "verified", "invalidated", "expired"] },
    "handover:verified_date": { type: ["string", "null"], format: "date-time" },
  }),
  Person: obj({
    given_name: { type: "string" },
    family_name: { type: "string" },
    languages_spoken: { type: "array", items: { type: "string" } },
    email_addresses: {
      type: "array",
      description: "Only with the read_contact scope",
      items: {
        type: "object",
        properties: {
          address: { type: "string" },
          primary: { type: "boolean" },
          status: { type: "string" },
        },
      },
    },
    phone_numbers: {
      type: "array",
      description: "Only with the read_contact scope",
      items: { type: "object" },
    },
    postal_addresses: {
      type: "array",
      description:
        "Only what the signer gave; postal_code only with the read_contact scope. Never a street address.",
      items: {
        type: "object",
        properties: {
          locality: { type: "string" },
          region: { type: "string" },
          postal_code: { type: "string" },
          country: { type: "string" },
        },
      },
    },
    "handover:kind": { enum: ["signer", "volunteer"] },
  }),
  Event: obj({
    name: { type: "string" },
    title: { type: "string" },
    description: { type: "string" },
    browser_url: { type: "string", format: "uri" },
    type: { const: "open" },
    status: { enum: ["confirmed", "tentative", "cancelled"] },
    "handover:status": {
      enum: [
        "planned",
        "confirmed",
        "packet_ready",
        "delivered",
        "acknowledged",
        "postponed",
        "cancelled",
      ],
    },
    start_date: { type: "string", format: "date-time" },
    end_date: { type: "string", format: "date-time" },
    timezone: { type: "string" },
    capacity: { type: "integer" },
    total_accepted: { type: "integer" },
    visibility: { const: "public" },
    location: {
      type: "object",
      description: "The office's address; `venue` only when the meeting point is public.",
    },
    "handover:meeting_point": {
      type: "object",
      description: "A private meeting point appears only with the read_contact scope.",
    },
  }),
  Attendance: obj({
    action_date: { type: "string", format: "date-time" },
    status: { enum: ["accepted", "tentative", "declined"] },
    attended: { type: "boolean" },
    "handover:role": { enum: ["attend", "speak", "photos", "bring_packet"] },
  }),
  Delivery: obj({
    status: { type: "string" },
    status_dates: { type: "object" },
    history: { type: "array", items: { type: "object" } },
    report: { type: ["object", "null"] },
    acknowledgement: { type: ["object", "null"] },
    packets: { type: "array", items: { type: "object" } },
  }),
  Office: obj({
    name: { type: "string" },
    kind: { type: "string" },
    decision_maker: { type: "object" },
    postal_addresses: { type: "array" },
    timezone: { type: "string" },
  }),
  RecordSignature: {
    type: "object",
    required: ["person"],
    properties: {
      person: {
        type: "object",
        properties: {
          given_name: { type: "string" },
          family_name: { type: "string" },
          email_addresses: {
            type: "array",
            items: { type: "object", properties: { address: { type: "string" } } },
          },
          postal_addresses: {
            type: "array",
            items: {
              type: "object",
              properties: {
                postal_code: { type: "string" },
                locality: { type: "string" },
                country: { type: "string" },
              },
            },
          },
          languages_spoken: { type: "array", items: { type: "string" } },
        },
      },
      comments: { type: "string" },
      "handover:display": { enum: ["name", "city", "none"] },
      "handover:keep_updated": { type: "boolean" },
      "handover:print_name": { type: "boolean" },
    },
  },
  RecordAttendance: {
    type: "object",
    required: ["person"],
    properties: {
      person: { type: "object" },
      "handover:role": { enum: ["attend", "speak", "photos", "bring_packet"] },
    },
  },
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ "application/hal+json": { schema } });
const errors = {
  "400": { description: "Bad input", content: json(ref("Error")) },
  "401": { description: "Missing, unknown, expired or revoked token", content: json(ref("Error")) },
  "403": {
    description: "The token's scope or its creator's role does not allow this",
    content: json(ref("Error")),
  },
  "404": { description: "Not in this campaign", content: json(ref("Error")) },
  "429": { description: "Rate limited; see Retry-After", content: json(ref("Error")) },
};
const list = (summary: string, item: string, params: unknown[] = []) => ({
  get: {
    summary,
    parameters: [...params, ...page],
    responses: {
      "200": { description: `A page of ${item} resources`, content: json(ref("Collection")) },
      ...errors,
    },
  },
});
const one = (summary: string, item: string, params: unknown[]) => ({
  get: {
    summary,
    parameters: params,
    responses: { "200": { description: item, content: json(ref(item)) }, ...errors },
  },
});
const helper = (
  summary: string,
  input: string,
  output: string,
  params: unknown[],
  extra: string,
) => ({
  post: {
    summary,
    description: extra,
    parameters: params,
    requestBody: { required: true, content: { "application/json": { schema: ref(input) } } },
    responses: {
      "201": { description: "Recorded", content: json(ref(output)) },
      "200": {
        description: "Already recorded (same email): the existing one",
        content: json(ref(output)),
      },
      "409": { description: "Closed", content: json(ref("Error")) },
      ...errors,
    },
  },
});

export function openApiDocument() {
  const petitionId = idParam("petitionId", "Petition id");
  const eventId = idParam("eventId", "Delivery event id");
  return {
    openapi: "3.1.0",
    info: {
      title: "Handover OSDI API",
      version: "1.2",
      description:
        "OSDI 1.2 (HAL+JSON) for one campaign per token, plus Handover's deliveries and offices. See docs/api.md.",
    },
    servers: [{ url: `${env().APP_URL}/api/v1` }],
    security: [{ osdiToken: [] }],
    components: {
      securitySchemes: { osdiToken: { type: "apiKey", in: "header", name: "OSDI-API-Token" } },
      schemas,
    },
    paths: {
      "/": {
        get: {
          summary: "API entry point",
          responses: { "200": { description: "osdi_version, max_pagesize and links" }, ...errors },
        },
      },
      "/petitions": list("The campaign's petitions", "Petition"),
      "/petitions/{petitionId}": one("A petition", "Petition", [petitionId]),
      "/petitions/{petitionId}/signatures": list("A petition's signatures", "Signature", [
        petitionId,
      ]),
      "/petitions/{petitionId}/signatures/{signatureId}": one("A signature", "Signature", [
        petitionId,
        idParam("signatureId", "Signature id"),
      ]),
      "/petitions/{petitionId}/record_signature_helper": helper(
        "Record a signature (write scope)",
        "RecordSignature",
        "Signature",
        [petitionId],
        "Same validation, duplicates and double opt-in as the petition page: the signature stays pending until the signer confirms by email, unless the token is marked consent-verified.",
      ),
      "/people": list("Signers (s<id>) and volunteers (r<id>)", "Person"),
      "/people/{personId}": one("A person", "Person", [
        {
          name: "personId",
          in: "path",
          required: true,
          schema: { type: "string", pattern: "^[sr][0-9]+$" },
        },
      ]),
      "/events": list("Delivery events", "Event"),
      "/events/{eventId}": one("A delivery event", "Event", [eventId]),
      "/events/{eventId}/attendances": list("An event's RSVPs", "Attendance", [eventId]),
      "/events/{eventId}/attendances/{attendanceId}": one("An RSVP", "Attendance", [
        eventId,
        idParam("attendanceId", "RSVP id"),
      ]),
      "/events/{eventId}/record_attendance_helper": helper(
        "Record an RSVP (write scope)",
        "RecordAttendance",
        "Attendance",
        [eventId],
        "Same rules as the event page: capacity and waitlist, one RSVP per email.",
      ),
      "/deliveries": list(
        "Delivery status, history, report and acknowledgement (extension)",
        "Delivery",
      ),
      "/deliveries/{eventId}": one("One delivery (extension)", "Delivery", [eventId]),
      "/offices": list("Offices (extension)", "Office"),
      "/offices/{officeId}": one("An office (extension)", "Office", [
        idParam("officeId", "Office id"),
      ]),
    },
  };
}

// The OSDI API over real HTTP: the API's Express handlers on a real port, a real HTTP client (fetch),
// PGlite/Postgres underneath, and a real webhook receiver (node:http) that checks signatures.
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "#db/client";
import {
  apiTokens,
  auditLogs,
  campaignMembers,
  deliveryEvents,
  outgoingEmails,
  signatures,
  webhookDeliveries,
  webhookEndpoints,
} from "#db/schema";
import { registerApiRoutes } from "~/api/osdi-router.server";
import { runJobsOnce } from "~/jobs/runner.server";
import { createApiToken, revokeApiToken } from "~/domain/team/api-token.server";
import { ForbiddenError } from "~/domain/team/authorization.server";
import { setCheckedIn } from "~/domain/deliveries/attendees.server";
import {
  createWebhookEndpoint,
  listWebhookEndpoints,
  resendWebhookDelivery,
  resumeWebhookEndpoint,
  sendTestWebhook,
  WebhookUrlError,
} from "~/domain/integrations/webhook-endpoints.server";
import { isPrivateAddress, postWebhook, verifySignatureHeader } from "~/domain/integrations/webhook-http.server";
import {
  makeDeliveryCampaign,
  makeEvent,
  makeSigners,
  type DeliveryCampaign,
} from "../support/delivery-fixtures";

// The fields OSDI 1.2's docs list per resource (osdi-docs: petitions.md, signatures.md, events.md,
// attendances.md, people.md) plus the common fields; anything else must be a `handover:` extension.
const COMMON = [
  "identifiers",
  "origin_system",
  "created_date",
  "modified_date",
  "_links",
  "_embedded",
];
const OSDI_FIELDS: Record<string, string[]> = {
  petition: [
    "name",
    "title",
    "description",
    "summary",
    "petition_text",
    "browser_url",
    "total_signatures",
    "target",
  ],
  signature: ["action_date", "comments", "referrer_data"],
  event: [
    "name",
    "title",
    "description",
    "summary",
    "browser_url",
    "type",
    "status",
    "instructions",
    "start_date",
    "end_date",
    "all_day",
    "capacity",
    "total_accepted",
    "visibility",
    "location",
    "timezone",
  ],
  attendance: ["action_date", "status", "attended", "comment"],
  person: [
    "given_name",
    "family_name",
    "email_addresses",
    "postal_addresses",
    "phone_numbers",
    "languages_spoken",
  ],
};
function expectOsdiShape(kind: string, resource: Record<string, unknown>) {
  const allowed = new Set([...COMMON, ...OSDI_FIELDS[kind]!]);
  const unknown = Object.keys(resource).filter(
    (k) => !allowed.has(k) && !k.startsWith("handover:"),
  );
  expect(unknown, `${kind} fields outside OSDI`).toEqual([]);
  expect(resource.identifiers).toEqual([expect.stringMatching(/^handover:[sr]?\d+$/)]);
  expect(resource.origin_system).toBe("Handover");
  expect(new Date(resource.created_date as string).toString()).not.toBe("Invalid Date");
  expect((resource._links as { self: { href: string } }).self.href).toMatch(/\/api\/v1\//);
}

let server: http.Server;
let base = "";
let c: DeliveryCampaign;
let other: DeliveryCampaign;
const tokens = {} as Record<"read" | "contact" | "write" | "verified" | "otherCampaign", string>;

const api = async (path: string, token: string | null, init: RequestInit = {}) => {
  const res = await fetch(`${base}${path.replace(/^https?:\/\/[^/]+\/api\/v1/, "")}`, {
    ...init,
    headers: {
      ...(token ? { "OSDI-API-Token": token } : {}),
      ...(init.body ? { "Content-Type": "application/json" } : {}),
      ...init.headers,
    },
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : null };
};
const post = (path: string, token: string, body: unknown) =>
  api(path, token, { method: "POST", body: JSON.stringify(body) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await runJobsOnce();
    await sleep(20);
  }
}

beforeAll(async () => {
  process.env.WEBHOOK_RETRY_BASE_MS = "50";
  const app = express();
  registerApiRoutes(app);
  server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;

  c = await makeDeliveryCampaign();
  other = await makeDeliveryCampaign();
  await makeSigners(c, 7, { postalCode: "77002", city: "Houston", region: "TX" });
  const owner = { userId: c.users.owner };
  tokens.read = (
    await createApiToken({ actor: owner, campaignId: c.campaign.id, name: "Read", scope: "read" })
  ).token;
  tokens.contact = (
    await createApiToken({
      actor: owner,
      campaignId: c.campaign.id,
      name: "CRM sync",
      scope: "read_contact",
    })
  ).token;
  tokens.write = (
    await createApiToken({ actor: owner, campaignId: c.campaign.id, name: "Forms", scope: "write" })
  ).token;
  tokens.verified = (
    await createApiToken({
      actor: owner,
      campaignId: c.campaign.id,
      name: "CRM import",
      scope: "write",
      consentVerified: true,
    })
  ).token;
  tokens.otherCampaign = (
    await createApiToken({
      actor: { userId: other.users.owner },
      campaignId: other.campaign.id,
      name: "Other",
      scope: "write",
    })
  ).token;
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  delete process.env.WEBHOOK_RETRY_BASE_MS;
});

describe("tokens", () => {
  it("only owners make them", async () => {
    for (const role of ["organizer", "coordinator", "viewer", "stranger"] as const) {
      await expect(
        createApiToken({
          actor: { userId: c.users[role] },
          campaignId: c.campaign.id,
          name: "x",
          scope: "read",
        }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  it("refuses missing, unknown, revoked and expired tokens with a JSON 401, and marks use", async () => {
    expect((await api("/", null)).status).toBe(401);
    const unknown = await api("/", "hov_not-a-real-token");
    expect(unknown.status).toBe(401);
    expect(unknown.json.message).toMatch(/not valid/);
    const made = await createApiToken({
      actor: { userId: c.users.owner },
      campaignId: c.campaign.id,
      name: "Short",
      scope: "read",
    });
    expect(made.row.lastUsedAt).toBeNull();
    expect((await api("/", made.token)).status).toBe(200);
    const [used] = await db.select().from(apiTokens).where(eq(apiTokens.id, made.row.id));
    expect(used!.lastUsedAt).toBeInstanceOf(Date);
    await revokeApiToken({
      actor: { userId: c.users.owner },
      campaignId: c.campaign.id,
      tokenId: made.row.id,
    });
    expect((await api("/", made.token)).status).toBe(401);
    const expired = await createApiToken({
      actor: { userId: c.users.owner },
      campaignId: c.campaign.id,
      name: "Old",
      scope: "read",
      expiresAt: new Date(Date.now() - 1000),
    });
    expect((await api("/", expired.token)).json.message).toMatch(/expired/);
  });

  it("stops working when its creator leaves the campaign", async () => {
    const temp = await makeDeliveryCampaign();
    const made = await createApiToken({
      actor: { userId: temp.users.owner },
      campaignId: temp.campaign.id,
      name: "T",
      scope: "read",
    });
    expect((await api("/petitions", made.token)).status).toBe(200);
    await db
      .delete(campaignMembers)
      .where(
        and(
          eq(campaignMembers.campaignId, temp.campaign.id),
          eq(campaignMembers.userId, temp.users.owner),
        ),
      );
    expect((await api("/petitions", made.token)).status).toBe(401);
  });

  it("rate-limits per token with Retry-After", async () => {
    const made = await createApiToken({
      actor: { userId: c.users.owner },
      campaignId: c.campaign.id,
      name: "Busy",
      scope: "read",
    });
    process.env.API_RATE_LIMIT = "3";
    try {
      for (let i = 0; i < 3; i++) expect((await api("/", made.token)).status).toBe(200);
      const limited = await api("/", made.token);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await api("/", tokens.read)).status).toBe(200);
    } finally {
      delete process.env.API_RATE_LIMIT;
    }
  });
});

describe("resources", () => {
  it("serves the entry point with the OSDI version, page size and links", async () => {
    const res = await api("/", tokens.read);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/hal\+json/);
    expect(res.json).toMatchObject({ osdi_version: "1.2", max_pagesize: 100 });
    for (const rel of [
      "osdi:petitions",
      "osdi:people",
      "osdi:events",
      "handover:deliveries",
      "handover:offices",
    ])
      expect(res.json._links[rel].href).toMatch(/\/api\/v1\//);
    expect(res.json._links.curies[0]).toMatchObject({ name: "osdi", templated: true });
  });

  it("lists petitions with OSDI fields, counts and links, and only the token's campaign", async () => {
    const res = await api("/petitions", tokens.read);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ page: 1, per_page: 25, total_records: 1, total_pages: 1 });
    const [p] = res.json._embedded["osdi:petitions"];
    expectOsdiShape("petition", p);
    expect(p.title).toBe("Stop the stops");
    expect(p.identifiers).toEqual([`handover:${c.petition.id}`]);
    expect(p._links["osdi:record_signature_helper"].href).toMatch(/record_signature_helper$/);
    expect((await api(`/petitions/${other.petition.id}`, tokens.read)).status).toBe(404);
    expect((await api(`/petitions/${c.petition.id}`, tokens.otherCampaign)).status).toBe(404);
    expect((await api(`/petitions/abc`, tokens.read)).status).toBe(404);
  });

  it("pages signatures in a stable order with next/prev, and filters on modified_date", async () => {
    const seen: number[] = [];
    let path: string | null = `/petitions/${c.petition.id}/signatures?per_page=3`;
    let pages = 0;
    while (path) {
      const res = await api(path, tokens.read);
      expect(res.status).toBe(200);
      expect(res.json.total_records).toBeGreaterThanOrEqual(7);
      for (const s of res.json._embedded["osdi:signatures"]) {
        expectOsdiShape("signature", s);
        seen.push(Number(s.identifiers[0].split(":")[1]));
      }
      if (pages > 0) expect(res.json._links.prev).toBeDefined();
      path = res.json._links.next?.href ?? null;
      pages++;
    }
    expect(pages).toBe(Math.ceil(seen.length / 3));
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBe(seen.length);

    // Three signatures were last touched two days ago; a sync asking for yesterday on gets the rest.
    const old = seen.slice(0, 3);
    await db
      .update(signatures)
      .set({
        createdAt: sql`now() - interval '2 days'`,
        verifiedAt: sql`now() - interval '2 days'`,
      })
      .where(sql`${signatures.id} in ${old}`);
    const since = new Date(Date.now() - 86400_000).toISOString();
    const filtered = await api(
      `/petitions/${c.petition.id}/signatures?filter=${encodeURIComponent(`modified_date gt '${since}'`)}`,
      tokens.read,
    );
    const ids = filtered.json._embedded["osdi:signatures"].map((s: { identifiers: string[] }) =>
      Number(s.identifiers[0]!.split(":")[1]),
    );
    expect(ids).toEqual(seen.filter((id) => !old.includes(id)));
    expect(filtered.json._links.self.href).toContain("filter=");

    const bad = await api(
      `/petitions/${c.petition.id}/signatures?filter=${encodeURIComponent("name eq 'x'")}`,
      tokens.read,
    );
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/modified_date/);
    expect(
      (await api(`/petitions/${c.petition.id}/signatures?per_page=1000`, tokens.read)).status,
    ).toBe(400);
  });

  it("never shows contact data without the contact scope; with it, every read is audited", async () => {
    const plain = await api("/people?per_page=100", tokens.read);
    expect(plain.status).toBe(200);
    expect(plain.text).not.toMatch(/@example\.org|77002/);
    for (const person of plain.json._embedded["osdi:people"]) {
      expectOsdiShape("person", person);
      expect(person.email_addresses).toBeUndefined();
    }
    const one = plain.json._embedded["osdi:people"][0];
    const single = await api(one._links.self.href, tokens.read);
    expect(single.status).toBe(200);
    expect(single.json.given_name).toBe(one.given_name);
    expect(single.text).not.toMatch(/@/);

    const before = await db
      .select()
      .from(auditLogs)
      .where(
        and(eq(auditLogs.campaignId, c.campaign.id), eq(auditLogs.action, "api.contact_read")),
      );
    const withContact = await api("/people?per_page=100", tokens.contact);
    expect(withContact.text).toMatch(/@example\.org/);
    expect(withContact.json._embedded["osdi:people"][0].email_addresses[0].address).toMatch(
      /@example\.org$/,
    );
    const after = await db
      .select()
      .from(auditLogs)
      .where(
        and(eq(auditLogs.campaignId, c.campaign.id), eq(auditLogs.action, "api.contact_read")),
      );
    expect(after.length).toBe(before.length + 1);
    expect(JSON.stringify(after.at(-1)!.details)).not.toMatch(/@/);
    expect(after.at(-1)!.details).toMatchObject({
      resource: "people",
      records: withContact.json._embedded["osdi:people"].length,
    });
  });

  it("shows events with a public office address and never a private meeting point without the contact scope", async () => {
    const event = await makeEvent(c, { capacity: 5 });
    await db
      .update(deliveryEvents)
      .set({ meetingPointPrivate: true })
      .where(eq(deliveryEvents.id, event.id));
    const plain = await api(`/events/${event.id}`, tokens.read);
    expect(plain.status).toBe(200);
    expectOsdiShape("event", plain.json);
    expect(plain.json).toMatchObject({
      status: "tentative",
      "handover:status": "planned",
      capacity: 5,
      type: "open",
    });
    expect(plain.json.location).toMatchObject({
      locality: "Houston",
      address_lines: ["2616 Main St"],
      public: true,
    });
    expect(plain.text).not.toContain("Front steps");
    const team = await api(`/events/${event.id}`, tokens.contact);
    expect(team.json["handover:meeting_point"]).toEqual({ text: "Front steps", public: false });
    expect(team.json.location.venue).toBeUndefined();
    const list = await api("/events", tokens.read);
    expect(
      list.json._embedded["osdi:events"].some(
        (e: { identifiers: string[] }) => e.identifiers[0] === `handover:${event.id}`,
      ),
    ).toBe(true);
    const delivery = await api(`/deliveries/${event.id}`, tokens.read);
    expect(delivery.json).toMatchObject({
      status: "planned",
      report: null,
      acknowledgement: null,
      packets: [],
    });
    const offices = await api("/offices", tokens.read);
    expect(offices.json._embedded["osdi:offices"][0]).toMatchObject({
      name: "Houston party office",
      timezone: "America/Chicago",
    });
  });

  it("answers unknown paths and bad JSON with JSON errors, never a 500", async () => {
    expect((await api("/nothing-here", tokens.read)).json.error).toBe("not_found");
    const bad = await api(`/petitions/${c.petition.id}/record_signature_helper`, tokens.write, {
      method: "POST",
      body: "{nope",
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toBe("bad_request");
  });

  it("describes every route in the OpenAPI document", async () => {
    const res = await api("/openapi.json", null);
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe("3.1.0");
    expect(res.json.components.securitySchemes.osdiToken).toMatchObject({
      in: "header",
      name: "OSDI-API-Token",
    });
    for (const path of [
      "/",
      "/petitions",
      "/petitions/{petitionId}/signatures",
      "/petitions/{petitionId}/record_signature_helper",
      "/people/{personId}",
      "/events/{eventId}/attendances",
      "/events/{eventId}/record_attendance_helper",
      "/deliveries/{eventId}",
      "/offices",
    ])
      expect(res.json.paths[path], path).toBeDefined();
  });
});

describe("helpers", () => {
  const person = (email: string) => ({
    person: {
      given_name: "Ana",
      family_name: "Ruiz",
      email_addresses: [{ address: email, primary: true }],
      postal_addresses: [{ postal_code: "77002", country: "US" }],
      languages_spoken: ["es"],
    },
    comments: "Por mis hijos",
  });

  it("needs the write scope", async () => {
    const res = await post(
      `/petitions/${c.petition.id}/record_signature_helper`,
      tokens.contact,
      person("ana@example.net"),
    );
    expect(res.status).toBe(403);
    expect(res.json.message).toMatch(/write/);
  });

  it("records a pending signature (double opt-in), recognises the same person again, and explains bad input", async () => {
    const first = await post(
      `/petitions/${c.petition.id}/record_signature_helper`,
      tokens.write,
      person("ana.ruiz@example.net"),
    );
    expect(first.status).toBe(201);
    expectOsdiShape("signature", first.json);
    expect(first.json).toMatchObject({ "handover:status": "pending", comments: "Por mis hijos" });
    const again = await post(
      `/petitions/${c.petition.id}/record_signature_helper`,
      tokens.write,
      person("Ana.Ruiz@example.net"),
    );
    expect(again.status).toBe(200);
    expect(again.json.identifiers).toEqual(first.json.identifiers);
    const [row] = await db
      .select()
      .from(signatures)
      .where(eq(signatures.id, Number(first.json.identifiers[0].split(":")[1])));
    expect(row).toMatchObject({ status: "pending", locale: "es", city: "Houston", region: "TX" });

    const bad = await post(`/petitions/${c.petition.id}/record_signature_helper`, tokens.write, {
      person: { given_name: "Ana", postal_addresses: [{ postal_code: "1" }] },
    });
    expect(bad.status).toBe(400);
    const fields = bad.json.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        "person.family_name",
        "person.email_addresses[0].address",
        "person.postal_addresses[0].postal_code",
      ]),
    );
    const nul = await post(
      `/petitions/${c.petition.id}/record_signature_helper`,
      tokens.write,
      person("a\u0000b@example.net"),
    );
    expect(nul.status).toBe(400);
    expect(
      (
        await post(
          `/petitions/${other.petition.id}/record_signature_helper`,
          tokens.write,
          person("x@example.net"),
        )
      ).status,
    ).toBe(404);
  });

  it("verifies at once only for a token marked consent-verified", async () => {
    const res = await post(
      `/petitions/${c.petition.id}/record_signature_helper`,
      tokens.verified,
      person("crm-verified@example.net"),
    );
    expect(res.status).toBe(201);
    expect(res.json["handover:status"]).toBe("verified");
  });

  it("records an RSVP through the event's own rules", async () => {
    const event = await makeEvent(c, { capacity: 1 });
    const first = await post(`/events/${event.id}/record_attendance_helper`, tokens.write, {
      person: {
        given_name: "Luis",
        family_name: "Paz",
        email_addresses: [{ address: "luis@example.net" }],
      },
    });
    expect(first.status).toBe(201);
    expectOsdiShape("attendance", first.json);
    expect(first.json).toMatchObject({ status: "accepted", attended: false });
    const second = await post(`/events/${event.id}/record_attendance_helper`, tokens.write, {
      person: { given_name: "Rosa", email_addresses: [{ address: "rosa@example.net" }] },
    });
    expect(second.json).toMatchObject({ status: "tentative", "handover:status": "waitlisted" });
    const list = await api(`/events/${event.id}/attendances`, tokens.read);
    expect(list.json.total_records).toBe(2);
    expect(
      (await post(`/events/${event.id}/record_attendance_helper`, tokens.write, { person: {} }))
        .status,
    ).toBe(400);
  });
});

// ---------------------------------------------------------------- webhooks

type Received = {
  headers: http.IncomingHttpHeaders;
  body: string;
  answered: number;
  valid: boolean;
};
async function receiver(answers: (n: number) => number) {
  const got: Received[] = [];
  let secret = "";
  const srv = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const answered = answers(got.length + 1);
      const valid = verifySignatureHeader({
        secret,
        body,
        header: req.headers["handover-signature"] as string,
      });
      got.push({ headers: req.headers, body, answered, valid });
      res.writeHead(answered).end();
    });
  });
  srv.listen(0, "127.0.0.1");
  await new Promise((r) => srv.once("listening", r));
  return {
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/hooks`,
    got,
    setSecret: (s: string) => (secret = s),
    close: () => new Promise((r) => srv.close(r)),
  };
}

describe("webhooks", () => {
  it("refuses private-network targets unless allowed", async () => {
    for (const ip of [
      "127.0.0.1",
      "10.1.2.3",
      "169.254.169.254",
      "192.168.0.10",
      "172.20.0.1",
      "100.64.1.1",
      "::1",
      "fd00::1",
      "fe80::1",
      "::ffff:127.0.0.1",
    ])
      expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ["8.8.8.8", "1.1.1.1", "2606:4700::1111"])
      expect(isPrivateAddress(ip), ip).toBe(false);
    for (const url of [
      "http://127.0.0.1:3640/x",
      "http://[::1]/x",
      "http://169.254.169.254/latest",
      "http://localhost/x",
      "ftp://example.org/x",
    ]) {
      await expect(
        createWebhookEndpoint({
          actor: { userId: c.users.owner },
          campaignId: c.campaign.id,
          url,
          events: ["signature.verified"],
          includeContact: false,
        }),
      ).rejects.toBeInstanceOf(WebhookUrlError);
    }
    // The send path checks again (an address saved while allowed, or a DNS answer that changed).
    expect(await postWebhook({ url: "http://127.0.0.1:9/x", body: "{}", headers: {} })).toEqual({
      error: expect.stringMatching(/private/),
    });
    await expect(
      createWebhookEndpoint({
        actor: { userId: c.users.organizer },
        campaignId: c.campaign.id,
        url: "https://example.org/x",
        events: [],
        includeContact: false,
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("signs each POST, retries after 500s with backoff, never sends again after a 2xx, and resends on request", async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = "true";
    const r = await receiver((n) => (n <= 2 ? 500 : 204));
    try {
      const { endpoint, secret } = await createWebhookEndpoint({
        actor: { userId: c.users.owner },
        campaignId: c.campaign.id,
        url: r.url,
        events: ["signature.verified", "attendance.checked_in"],
        includeContact: false,
      });
      r.setSecret(secret);
      const signed = await post(
        `/petitions/${c.petition.id}/record_signature_helper`,
        tokens.verified,
        {
          person: {
            given_name: "Eva",
            family_name: "Luna",
            email_addresses: [{ address: "eva.luna@example.net" }],
            postal_addresses: [{ postal_code: "77002" }],
          },
        },
      );
      expect(signed.json["handover:status"]).toBe("verified");
      await until(() => r.got.some((g) => g.answered === 204), "a 2xx");
      expect(r.got.map((g) => g.answered)).toEqual([500, 500, 204]);
      expect(r.got.every((g) => g.valid)).toBe(true);
      const ids = new Set(r.got.map((g) => g.headers["handover-event-id"]));
      expect(ids.size).toBe(1);
      expect(r.got[0]!.headers["idempotency-key"]).toBe([...ids][0]);
      const body = JSON.parse(r.got[2]!.body);
      expect(body).toMatchObject({
        type: "signature.verified",
        contact_data: false,
        origin_system: "Handover",
      });
      expectOsdiShape("signature", body["osdi:signature"]);
      expectOsdiShape("person", body["osdi:signature"]._embedded["osdi:person"]);
      expect(r.got[2]!.body).not.toContain("eva.luna@example.net");
      // Every retry sends the same bytes.
      expect(new Set(r.got.map((g) => g.body)).size).toBe(1);

      // Nothing more after the 2xx, however often the queue runs.
      for (let i = 0; i < 10; i++) {
        await runJobsOnce();
        await sleep(30);
      }
      expect(r.got.length).toBe(3);
      const [delivery] = await db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.endpointId, endpoint.id));
      expect(delivery).toMatchObject({ status: "delivered", attempts: 3, lastStatusCode: 204 });

      await resendWebhookDelivery({
        actor: { userId: c.users.owner },
        campaignId: c.campaign.id,
        deliveryId: delivery!.id,
      });
      await until(() => r.got.length === 4, "the resend");
      expect(r.got[3]!.headers["handover-event-id"]).toBe(r.got[0]!.headers["handover-event-id"]);
      expect(r.got[3]!.valid).toBe(true);

      // A check-in is another event type the endpoint listens to.
      const event = await makeEvent(c);
      const rsvp = await post(`/events/${event.id}/record_attendance_helper`, tokens.write, {
        person: { given_name: "Tom", email_addresses: [{ address: "tom@example.net" }] },
      });
      await setCheckedIn({
        actor: { userId: c.users.owner },
        eventId: event.id,
        rsvpId: Number(rsvp.json.identifiers[0].split(":")[1]),
        checkedIn: true,
      });
      await until(() => r.got.length === 5, "the check-in event");
      expect(JSON.parse(r.got[4]!.body)).toMatchObject({
        type: "attendance.checked_in",
        "osdi:attendance": { attended: true },
      });

      // The owners' log: newest first, with response codes.
      const listed = (
        await listWebhookEndpoints({ actor: { userId: c.users.owner }, campaignId: c.campaign.id })
      ).find((e) => e.id === endpoint.id);
      expect(listed!.deliveries.map((d) => [d.eventType, d.status, d.lastStatusCode])).toEqual([
        ["attendance.checked_in", "delivered", 204],
        ["signature.verified", "delivered", 204],
        ["signature.verified", "delivered", 204],
      ]);
      await expect(
        listWebhookEndpoints({ actor: { userId: c.users.viewer }, campaignId: c.campaign.id }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    } finally {
      await r.close();
      delete process.env.WEBHOOK_ALLOW_PRIVATE;
    }
  });

  it("pauses an endpoint that keeps failing, emails the owners, and holds events until resumed", async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = "true";
    process.env.WEBHOOK_PAUSE_AFTER = "3";
    let healthy = false;
    const r = await receiver(() => (healthy ? 200 : 500));
    try {
      const { endpoint, secret } = await createWebhookEndpoint({
        actor: { userId: c.users.owner },
        campaignId: c.campaign.id,
        url: r.url,
        events: ["delivery.status_changed"],
        includeContact: false,
      });
      r.setSecret(secret);
      await sendTestWebhook({
        actor: { userId: c.users.owner },
        campaignId: c.campaign.id,
        endpointId: endpoint.id,
      });
      await until(async () => {
        const [e] = await db
          .select()
          .from(webhookEndpoints)
          .where(eq(webhookEndpoints.id, endpoint.id));
        return !!e!.pausedAt;
      }, "the pause");
      expect(r.got.length).toBe(3);
      const [held] = await db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.endpointId, endpoint.id));
      expect(held!.status).toBe("held");
      const mail = await db
        .select()
        .from(outgoingEmails)
        .where(eq(outgoingEmails.template, "owner-webhook-paused"));
      expect(mail.some((m) => m.text.includes("127.0.0.1"))).toBe(true);
      for (let i = 0; i < 5; i++) await runJobsOnce();
      expect(r.got.length).toBe(3);

      healthy = true;
      expect(
        await resumeWebhookEndpoint({
          actor: { userId: c.users.owner },
          campaignId: c.campaign.id,
          endpointId: endpoint.id,
        }),
      ).toBe(1);
      await until(() => r.got.some((g) => g.answered === 200), "delivery after resume");
      expect(JSON.parse(r.got.at(-1)!.body).type).toBe("test");
    } finally {
      await r.close();
      delete process.env.WEBHOOK_ALLOW_PRIVATE;
      delete process.env.WEBHOOK_PAUSE_AFTER;
    }
  });
});

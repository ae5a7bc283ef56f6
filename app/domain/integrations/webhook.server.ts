// Webhooks (docs/decisions/023-webhooks.md). A domain event (a signature verified, an RSVP, a check-in,
// a delivery status change, a packet ready) calls emitWebhookEvent inside its own transaction: one
// statement stores a delivery row per subscribed endpoint and queues a job for each, and does nothing
// when no endpoint listens. The job signs and POSTs the body, retries with backoff, never sends again
// after a 2xx, and pauses an endpoint that keeps failing (its owners get an email; events wait).
import crypto from "node:crypto";
import { type SQL, and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { db, rows, type DbOrTx } from "#db/client";
import {
  campaignMembers,
  campaigns,
  users,
  webhookDeliveries,
  webhookEndpoints,
  type WebhookDelivery,
  type WebhookEndpoint,
} from "#db/schema";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "#db/schema/states";
import webhookPausedEmail from "#emails/owner-webhook-paused";
import { env } from "~/lib/env.server";
import { randomToken } from "~/lib/crypto.server";
import { assertCampaignPermission, type Actor } from "~/domain/team/authorization.server";
import { recordAudit } from "~/domain/team/audit.server";
import { enqueueEmail } from "~/domain/mail/email.server";
import { enqueueJob } from "~/jobs/queue.server";
import {
  attendanceWithPerson,
  deliveryById,
  ORIGIN_SYSTEM,
  signatureWithPerson,
} from "./osdi.server";
import {
  checkWebhookUrl,
  postWebhook,
  signatureHeader,
  type UrlProblem,
} from "./webhook-http.server";

const intFromEnv = (name: string, fallback: number, min = 0) => {
  const n = Number(process.env[name]);
  return process.env[name] && Number.isFinite(n) && n >= min ? Math.floor(n) : fallback;
};
/** First retry after this many ms; each further retry waits four times longer (30 s, 2 min, 8 min, 32 min, 2 h). */
export const retryBaseMs = () => intFromEnv("WEBHOOK_RETRY_BASE_MS", 30_000, 1);
export const maxAttempts = () => intFromEnv("WEBHOOK_MAX_ATTEMPTS", 6, 1);
/** Failed attempts in a row (across deliveries) after which an endpoint is paused. */
export const pauseAfter = () => intFromEnv("WEBHOOK_PAUSE_AFTER", 20, 1);
const STALE_SENDING_MS = 5 * 60_000;

// ---------------------------------------------------------------- the signing secret, encrypted at rest

const secretKey = () =>
  crypto.createHash("sha256").update(`webhook-secret:${env().SESSION_SECRET}`).digest();
function sealSecret(secret: string) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", secretKey(), iv);
  const data = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString("base64url")).join(".");
}
function openSecret(sealed: string) {
  const [iv, tag, data] = sealed.split(".").map((p) => Buffer.from(p, "base64url"));
  const decipher = crypto.createDecipheriv("aes-256-gcm", secretKey(), iv!);
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(data!), decipher.final()]).toString("utf8");
}

// ---------------------------------------------------------------- endpoints (owners)

export class WebhookUrlError extends Error {
  name = "WebhookUrlError";
  constructor(public problem: UrlProblem) {
    super(`webhook url: ${problem}`);
  }
}

const manage = (actor: Actor, campaignId: number) =>
  assertCampaignPermission({ actor, campaignId, permission: "integrations.manage" });

export async function createWebhookEndpoint({
  actor,
  campaignId,
  url,
  events,
  includeContact,
}: {
  actor: Actor;
  campaignId: number;
  url: string;
  events: WebhookEventType[];
  includeContact: boolean;
}): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  await manage(actor, campaignId);
  const problem = await checkWebhookUrl(url);
  if (problem) throw new WebhookUrlError(problem);
  const secret = `whsec_${randomToken(24)}`;
  const [endpoint] = await db
    .insert(webhookEndpoints)
    .values({
      campaignId,
      url,
      events: events.filter((e) => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(e)),
      includeContact,
      secretEncrypted: sealSecret(secret),
      createdBy: actor!.userId,
    })
    .returning();
  await recordAudit({
    campaignId,
    actorId: actor!.userId,
    action: "webhook.create",
    subjectType: "webhook_endpoint",
    subjectId: endpoint!.id,
    details: { host: new URL(url).host, events, includeContact },
  });
  return { endpoint: endpoint!, secret };
}

export async function listWebhookEndpoints({
  actor,
  campaignId,
}: {
  actor: Actor;
  campaignId: number;
}) {
  await manage(actor, campaignId);
  const endpoints = await db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      events: webhookEndpoints.events,
      includeContact: webhookEndpoints.includeContact,
      createdAt: webhookEndpoints.createdAt,
      consecutiveFailures: webhookEndpoints.consecutiveFailures,
      pausedAt: webhookEndpoints.pausedAt,
    })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.campaignId, campaignId), isNull(webhookEndpoints.deletedAt)))
    .orderBy(webhookEndpoints.id);
  const ids = endpoints.map((e) => e.id);
  const log = ids.length
    ? await rows<{
        id: number;
        endpoint_id: number;
        event_id: string;
        event_type: string;
        status: string;
        attempts: number;
        last_status_code: number | null;
        last_error: string | null;
        created_at: string;
        delivered_at: string | null;
      }>(
        db,
        sql`select * from (
              select d.id, d.endpoint_id, d.event_id, d.event_type, d.status, d.attempts, d.last_status_code,
                     d.last_error, d.created_at, d.delivered_at,
                     row_number() over (partition by d.endpoint_id order by d.created_at desc, d.id desc) as n
              from webhook_deliveries d where d.endpoint_id in ${ids}) x
            where n <= 20 order by created_at desc, id desc`,
      )
    : [];
  return endpoints.map((e) => ({
    ...e,
    deliveries: log
      .filter((d) => Number(d.endpoint_id) === e.id)
      .map((d) => ({
        id: Number(d.id),
        eventId: d.event_id,
        eventType: d.event_type,
        status: d.status,
        attempts: Number(d.attempts),
        lastStatusCode: d.last_status_code === null ? null : Number(d.last_status_code),
        lastError: d.last_error,
        createdAt: new Date(d.created_at),
        deliveredAt: d.delivered_at ? new Date(d.delivered_at) : null,
      })),
  }));
}

async function ownEndpoint(actor: Actor, campaignId: number, endpointId: number) {
  await manage(actor, campaignId);
  const [endpoint] = await db
    .select()
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.id, endpointId),
        eq(webhookEndpoints.campaignId, campaignId),
        isNull(webhookEndpoints.deletedAt),
      ),
    );
  return endpoint ?? null;
}

export async function deleteWebhookEndpoint({
  actor,
  campaignId,
  endpointId,
}: {
  actor: Actor;
  campaignId: number;
  endpointId: number;
}) {
  const endpoint = await ownEndpoint(actor, campaignId, endpointId);
  if (!endpoint) return false;
  await db
    .update(webhookEndpoints)
    .set({ deletedAt: new Date() })
    .where(eq(webhookEndpoints.id, endpointId));
  await recordAudit({
    campaignId,
    actorId: actor!.userId,
    action: "webhook.delete",
    subjectType: "webhook_endpoint",
    subjectId: endpointId,
  });
  return true;
}

async function queueDelivery(tx: DbOrTx, deliveryId: number, attempt: number, runAt?: Date) {
  await enqueueJob({
    tx,
    kind: "webhook.deliver",
    payload: { deliveryId },
    dedupeKey: `webhook-delivery:${deliveryId}:${attempt}`,
    runAt,
  });
}

/** Resumes a paused endpoint: its held events are sent, oldest first. */
export async function resumeWebhookEndpoint({
  actor,
  campaignId,
  endpointId,
}: {
  actor: Actor;
  campaignId: number;
  endpointId: number;
}) {
  const endpoint = await ownEndpoint(actor, campaignId, endpointId);
  if (!endpoint) return 0;
  return db.transaction(async (tx) => {
    await tx
      .update(webhookEndpoints)
      .set({ pausedAt: null, consecutiveFailures: 0, updatedAt: new Date() })
      .where(eq(webhookEndpoints.id, endpointId));
    const held = await tx
      .update(webhookDeliveries)
      .set({ status: "pending", attempts: 0, nextAttemptAt: new Date() })
      .where(
        and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.status, "held")),
      )
      .returning({ id: webhookDeliveries.id });
    for (const d of held.sort((a, b) => a.id - b.id)) await queueDelivery(tx, d.id, Date.now());
    return held.length;
  });
}

/** Sends one event again as a new delivery with the same event id (receivers deduplicate on it). */
export async function resendWebhookDelivery({
  actor,
  campaignId,
  deliveryId,
}: {
  actor: Actor;
  campaignId: number;
  deliveryId: number;
}) {
  await manage(actor, campaignId);
  const [original] = await db
    .select({ d: webhookDeliveries, paused: webhookEndpoints.pausedAt })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(
      and(
        eq(webhookDeliveries.id, deliveryId),
        eq(webhookEndpoints.campaignId, campaignId),
        isNull(webhookEndpoints.deletedAt),
      ),
    );
  if (!original) return null;
  return db.transaction(async (tx) => {
    const [copy] = await tx
      .insert(webhookDeliveries)
      .values({
        endpointId: original.d.endpointId,
        eventId: original.d.eventId,
        eventType: original.d.eventType,
        subject: original.d.subject,
        body: original.d.body,
        status: original.paused ? "held" : "pending",
      })
      .returning({ id: webhookDeliveries.id });
    if (!original.paused) await queueDelivery(tx, copy!.id, 1);
    return copy!.id;
  });
}

/** "Send test": a `test` event to one endpoint, through the same queue as real events. */
export async function sendTestWebhook({
  actor,
  campaignId,
  endpointId,
}: {
  actor: Actor;
  campaignId: number;
  endpointId: number;
}) {
  const endpoint = await ownEndpoint(actor, campaignId, endpointId);
  if (!endpoint) return null;
  return db.transaction(async (tx) => {
    const [d] = await tx
      .insert(webhookDeliveries)
      .values({
        endpointId,
        eventId: `test_${randomToken(12)}`,
        eventType: "test",
        subject: {},
        status: "pending",
      })
      .returning({ id: webhookDeliveries.id });
    await queueDelivery(tx, d!.id, 1);
    return d!.id;
  });
}

// ---------------------------------------------------------------- emitting

export type WebhookSubject =
  | { signatureId: number; petitionId: number }
  | { rsvpId: number; eventId: number }
  | { eventId: number; from?: string; to?: string; changeId?: number }
  | { eventId: number; packetId: string };

/**
 * Common table expressions that store one webhook event per row of `events` (a relation with
 * columns event_key, campaign_id, subject) for every endpoint of the campaign listening for `type`,
 * and queue its delivery. For statements that emit events as part of a larger write (a
 * confirmation is one statement); emitWebhookEvent uses the same SQL for a single event.
 */
export function webhookEventCtes(type: WebhookEventType, events: SQL) {
  return sql`wh_ep as (
      select w.id, w.paused_at, e.event_key, e.subject from ${events} e
      join webhook_endpoints w
        on w.campaign_id = e.campaign_id and w.deleted_at is null and ${type} = any(w.events)
      where not exists (select 1 from webhook_deliveries d
                        where d.endpoint_id = w.id and d.event_id = ${type} || ':' || e.event_key)
    ),
    wh_ins as (
      insert into webhook_deliveries (endpoint_id, event_id, event_type, subject, status)
      select id, ${type} || ':' || event_key, ${type}, subject,
             (case when paused_at is null then 'pending' else 'held' end)::webhook_delivery_status
      from wh_ep
      returning id, status
    ),
    wh_jobs as (
      insert into jobs (kind, payload, dedupe_key)
      select 'webhook.deliver', jsonb_build_object('deliveryId', id), 'webhook-delivery:' || id || ':1'
      from wh_ins where status = 'pending'
      on conflict (dedupe_key) do nothing
      returning id
    )`;
}

/**
 * Call from a domain function, inside its transaction, when something webhook-worthy happened.
 * `key` makes the event id (the receivers' idempotency id): emitting the same key twice stores nothing new.
 */
export async function emitWebhookEvent({
  tx = db,
  type,
  key,
  subject,
}: {
  tx?: DbOrTx;
  type: WebhookEventType;
  key: string | number;
  subject: WebhookSubject;
}) {
  const campaign =
    "petitionId" in subject
      ? sql`(select campaign_id from petitions where id = ${subject.petitionId})`
      : sql`(select campaign_id from delivery_events where id = ${subject.eventId})`;
  // Most campaigns have no endpoint: one plain indexed read answers that before any write is planned.
  const listening = await rows(
    tx,
    sql`select 1 from webhook_endpoints
        where campaign_id = ${campaign} and deleted_at is null and ${type} = any(events) limit 1`,
  );
  if (listening.length === 0) return;
  const event = sql`(select ${String(key)}::text as event_key, ${campaign} as campaign_id,
                            ${JSON.stringify(subject)}::jsonb as subject)`;
  await rows(tx, sql`with ${webhookEventCtes(type, event)} select count(*) from wh_jobs`);
}

// ---------------------------------------------------------------- delivering

async function buildBody(delivery: WebhookDelivery, endpoint: WebhookEndpoint) {
  const [campaign] = await db
    .select({ id: campaigns.id, name: campaigns.name, slug: campaigns.slug })
    .from(campaigns)
    .where(eq(campaigns.id, endpoint.campaignId));
  const s = delivery.subject as Record<string, number | string>;
  let data: Record<string, unknown> | null = null;
  if (delivery.eventType === "signature.verified")
    data = {
      "osdi:signature": await signatureWithPerson(Number(s.signatureId), endpoint.includeContact),
    };
  else if (
    delivery.eventType === "attendance.created" ||
    delivery.eventType === "attendance.checked_in"
  )
    data = {
      "osdi:attendance": await attendanceWithPerson(Number(s.rsvpId), endpoint.includeContact),
    };
  else if (delivery.eventType === "delivery.status_changed")
    data = {
      "handover:delivery": await deliveryById(Number(s.eventId)),
      from: s.from ?? null,
      to: s.to ?? null,
    };
  else if (delivery.eventType === "packet.ready") {
    const deliveryResource = await deliveryById(Number(s.eventId));
    data = {
      "handover:delivery": deliveryResource,
      "handover:packet": deliveryResource?.packets.find((p) => p.id === s.packetId) ?? {
        id: s.packetId,
      },
    };
  } else data = { message: "A test event from Handover." };
  return JSON.stringify({
    id: delivery.eventId,
    type: delivery.eventType,
    created_date: delivery.createdAt.toISOString(),
    origin_system: ORIGIN_SYSTEM,
    campaign: { identifiers: [`handover:${campaign?.id}`], name: campaign?.name ?? "" },
    contact_data: endpoint.includeContact,
    ...data,
  });
}

/** Job: one attempt at one delivery. Safe to run twice: the claim lets only one attempt through. */
export async function deliverWebhook({ deliveryId }: { deliveryId: number }) {
  const [claimed] = await db
    .update(webhookDeliveries)
    .set({
      status: "sending",
      lockedAt: new Date(),
      attempts: sql`${webhookDeliveries.attempts} + 1`,
    })
    .where(
      and(
        eq(webhookDeliveries.id, deliveryId),
        sql`(${webhookDeliveries.status} = 'pending' or (${webhookDeliveries.status} = 'sending' and ${webhookDeliveries.lockedAt} < now() - make_interval(secs => ${STALE_SENDING_MS / 1000}::int)))`,
      ),
    )
    .returning();
  if (!claimed) return "skipped" as const;
  const [endpoint] = await db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.id, claimed.endpointId));
  if (!endpoint || endpoint.deletedAt) {
    await db
      .update(webhookDeliveries)
      .set({
        status: "failed",
        failedAt: new Date(),
        lastError: "endpoint deleted",
        lockedAt: null,
      })
      .where(eq(webhookDeliveries.id, deliveryId));
    return "failed" as const;
  }
  if (endpoint.pausedAt) {
    await db
      .update(webhookDeliveries)
      .set({ status: "held", attempts: claimed.attempts - 1, lockedAt: null })
      .where(eq(webhookDeliveries.id, deliveryId));
    return "held" as const;
  }
  let body = claimed.body;
  if (body === null) {
    body = await buildBody(claimed, endpoint);
    await db.update(webhookDeliveries).set({ body }).where(eq(webhookDeliveries.id, deliveryId));
  }
  let result;
  try {
    const timestamp = Math.floor(Date.now() / 1000);
    result = await postWebhook({
      url: endpoint.url,
      body,
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Handover-Webhooks/1",
        "Handover-Event-Id": claimed.eventId,
        "Idempotency-Key": claimed.eventId,
        "Handover-Event-Type": claimed.eventType,
        "Handover-Delivery-Id": String(claimed.id),
        "Handover-Timestamp": String(timestamp),
        "Handover-Signature": signatureHeader(
          openSecret(endpoint.secretEncrypted),
          body,
          timestamp,
        ),
      },
    });
  } catch (error) {
    result = { error: (error as Error).message.slice(0, 300) };
  }
  const ok = "statusCode" in result && result.statusCode >= 200 && result.statusCode < 300;
  const statusCode = "statusCode" in result ? result.statusCode : null;
  const lastError = "error" in result ? result.error : ok ? null : `HTTP ${statusCode}`;
  if (ok) {
    await db.transaction(async (tx) => {
      await tx
        .update(webhookDeliveries)
        .set({
          status: "delivered",
          deliveredAt: new Date(),
          lastStatusCode: statusCode,
          lastError: null,
          lockedAt: null,
        })
        .where(eq(webhookDeliveries.id, deliveryId));
      await tx
        .update(webhookEndpoints)
        .set({ consecutiveFailures: 0 })
        .where(eq(webhookEndpoints.id, endpoint.id));
    });
    return "delivered" as const;
  }
  const outcome = await db.transaction(async (tx) => {
    const [ep] = await tx
      .update(webhookEndpoints)
      .set({ consecutiveFailures: sql`${webhookEndpoints.consecutiveFailures} + 1` })
      .where(eq(webhookEndpoints.id, endpoint.id))
      .returning({
        failures: webhookEndpoints.consecutiveFailures,
        pausedAt: webhookEndpoints.pausedAt,
      });
    const pauseNow = !ep!.pausedAt && ep!.failures >= pauseAfter();
    const giveUp = claimed.attempts >= maxAttempts();
    if (pauseNow) {
      await tx
        .update(webhookEndpoints)
        .set({ pausedAt: new Date() })
        .where(eq(webhookEndpoints.id, endpoint.id));
      // This event and every other waiting one are held, not dropped, until an owner resumes.
      await tx
        .update(webhookDeliveries)
        .set({ status: "held", lockedAt: null, lastStatusCode: statusCode, lastError })
        .where(
          and(
            eq(webhookDeliveries.endpointId, endpoint.id),
            inArray(webhookDeliveries.status, ["pending", "sending"]),
            sql`(${webhookDeliveries.id} = ${deliveryId} or ${webhookDeliveries.status} = 'pending')`,
          ),
        );
      return { state: "paused" as const, failures: ep!.failures };
    }
    if (giveUp) {
      await tx
        .update(webhookDeliveries)
        .set({
          status: "failed",
          failedAt: new Date(),
          lastStatusCode: statusCode,
          lastError,
          lockedAt: null,
        })
        .where(eq(webhookDeliveries.id, deliveryId));
      return { state: "failed" as const, failures: ep!.failures };
    }
    const wait = retryBaseMs() * 4 ** (claimed.attempts - 1);
    const nextAttemptAt = new Date(Date.now() + wait);
    await tx
      .update(webhookDeliveries)
      .set({
        status: "pending",
        nextAttemptAt,
        lastStatusCode: statusCode,
        lastError,
        lockedAt: null,
      })
      .where(eq(webhookDeliveries.id, deliveryId));
    await queueDelivery(tx, deliveryId, claimed.attempts + 1, nextAttemptAt);
    return { state: "retrying" as const, failures: ep!.failures };
  });
  if (outcome.state === "paused") await emailOwnersPaused(endpoint, outcome.failures);
  return outcome.state;
}

async function emailOwnersPaused(endpoint: WebhookEndpoint, failures: number) {
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, endpoint.campaignId));
  if (!campaign) return;
  const owners = await db
    .select({ id: users.id, email: users.email, locale: users.locale })
    .from(campaignMembers)
    .innerJoin(users, eq(users.id, campaignMembers.userId))
    .where(and(eq(campaignMembers.campaignId, campaign.id), eq(campaignMembers.role, "owner")));
  const [paused] = await db
    .select({ at: webhookEndpoints.pausedAt })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.id, endpoint.id));
  for (const owner of owners) {
    await enqueueEmail({
      template: webhookPausedEmail,
      to: owner.email,
      locale: owner.locale,
      dedupeKey: `owner-webhook-paused:${endpoint.id}:${paused?.at?.getTime() ?? 0}:${owner.id}`,
      props: {
        campaignName: campaign.name,
        endpointHost: new URL(endpoint.url).host,
        failures,
        settingsUrl: `${env().APP_URL}/dashboard/c/${campaign.slug}/integrations`,
      },
    });
  }
}

/** For the page's log and tests: the latest deliveries of an endpoint. */
export async function recentDeliveries(endpointId: number, limit = 20) {
  return db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
}

// Webhook endpoints, managed by a campaign's owners (docs/decisions/023-webhooks.md): create one
// (its secret shown once), list them with their latest deliveries, delete, resume a paused one,
// resend an event, send a test. Every verb checks "integrations.manage" first.
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { db, rows } from "#db/client";
import { webhookDeliveries, webhookEndpoints, type WebhookEndpoint } from "#db/schema";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "#db/schema/states";
import { randomToken } from "~/lib/crypto.server";
import { assertCampaignPermission, type Actor } from "~/domain/team/authorization.server";
import { recordAudit } from "~/domain/team/audit.server";
import { queueDeliveryAttempt } from "./webhook-events.server";
import { checkWebhookUrl, type UrlProblem } from "./webhook-http.server";
import { sealSecret } from "./webhook-secret.server";

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

/** One endpoint of one campaign, as its owners address it. */
type EndpointRef = { actor: Actor; campaignId: number; endpointId: number };

async function ownEndpoint({ actor, campaignId, endpointId }: EndpointRef) {
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

export async function deleteWebhookEndpoint({ actor, campaignId, endpointId }: EndpointRef) {
  const endpoint = await ownEndpoint({ actor, campaignId, endpointId });
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

/** Resumes a paused endpoint: its held events are sent, oldest first. */
export async function resumeWebhookEndpoint({ actor, campaignId, endpointId }: EndpointRef) {
  const endpoint = await ownEndpoint({ actor, campaignId, endpointId });
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
    // Numbered by the time, so the resumed attempt's key is new whatever ran before the pause.
    for (const d of held.sort((a, b) => a.id - b.id))
      await queueDeliveryAttempt({ tx, deliveryId: d.id, attempt: Date.now() });
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
    if (!original.paused) await queueDeliveryAttempt({ tx, deliveryId: copy!.id, attempt: 1 });
    return copy!.id;
  });
}

/** "Send test": a `test` event to one endpoint, through the same queue as real events. */
export async function sendTestWebhook({ actor, campaignId, endpointId }: EndpointRef) {
  const endpoint = await ownEndpoint({ actor, campaignId, endpointId });
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
    await queueDeliveryAttempt({ tx, deliveryId: d!.id, attempt: 1 });
    return d!.id;
  });
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

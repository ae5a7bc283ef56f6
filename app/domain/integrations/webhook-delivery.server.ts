// Sending a webhook delivery (docs/decisions/023-webhooks.md): one job per attempt signs and POSTs
// the body, retries with backoff, never sends again after a 2xx, and pauses an endpoint that keeps
// failing (its owners get an email; events wait, held, until an owner resumes it).
import { and, eq, inArray, sql } from "drizzle-orm";
import { db, type DbOrTx } from "#db/client";
import {
  campaignMembers,
  campaigns,
  users,
  webhookDeliveries,
  webhookEndpoints,
  type WebhookDelivery,
  type WebhookEndpoint,
} from "#db/schema";
import webhookPausedEmail from "#emails/owner-webhook-paused";
import { env } from "~/lib/env.server";
import { enqueueEmail } from "~/domain/mail/email.server";
import { buildWebhookBody } from "./webhook-body.server";
import { queueDeliveryAttempt } from "./webhook-events.server";
import { postWebhook, signatureHeader, type PostResult } from "./webhook-http.server";
import { openSecret } from "./webhook-secret.server";

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

/** Ends an attempt: the delivery's new state, its claim released. */
const settle = (tx: DbOrTx, deliveryId: number, set: Partial<WebhookDelivery>) =>
  tx
    .update(webhookDeliveries)
    .set({ ...set, lockedAt: null })
    .where(eq(webhookDeliveries.id, deliveryId));

/** Takes the delivery for this attempt, unless another attempt has it (or it is done). */
async function claimDelivery(deliveryId: number) {
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
  return claimed ?? null;
}

async function post(delivery: WebhookDelivery, endpoint: WebhookEndpoint, body: string) {
  try {
    const timestamp = Math.floor(Date.now() / 1000);
    return await postWebhook({
      url: endpoint.url,
      body,
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Handover-Webhooks/1",
        "Handover-Event-Id": delivery.eventId,
        "Idempotency-Key": delivery.eventId,
        "Handover-Event-Type": delivery.eventType,
        "Handover-Delivery-Id": String(delivery.id),
        "Handover-Timestamp": String(timestamp),
        "Handover-Signature": signatureHeader(
          openSecret(endpoint.secretEncrypted),
          body,
          timestamp,
        ),
      },
    });
  } catch (error) {
    return { error: (error as Error).message.slice(0, 300) } satisfies PostResult;
  }
}

/** Job: one attempt at one delivery. Safe to run twice: the claim lets only one attempt through. */
export async function deliverWebhook({ deliveryId }: { deliveryId: number }) {
  const claimed = await claimDelivery(deliveryId);
  if (!claimed) return "skipped" as const;
  const [endpoint] = await db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.id, claimed.endpointId));
  if (!endpoint || endpoint.deletedAt) {
    await settle(db, deliveryId, {
      status: "failed",
      failedAt: new Date(),
      lastError: "endpoint deleted",
    });
    return "failed" as const;
  }
  if (endpoint.pausedAt) {
    await settle(db, deliveryId, { status: "held", attempts: claimed.attempts - 1 });
    return "held" as const;
  }
  let body = claimed.body;
  if (body === null) {
    body = await buildWebhookBody(claimed, endpoint);
    await db.update(webhookDeliveries).set({ body }).where(eq(webhookDeliveries.id, deliveryId));
  }
  const result = await post(claimed, endpoint, body);
  const ok = "statusCode" in result && result.statusCode >= 200 && result.statusCode < 300;
  const statusCode = "statusCode" in result ? result.statusCode : null;
  const lastError = "error" in result ? result.error : ok ? null : `HTTP ${statusCode}`;
  if (ok) {
    await db.transaction(async (tx) => {
      await settle(tx, deliveryId, {
        status: "delivered",
        deliveredAt: new Date(),
        lastStatusCode: statusCode,
        lastError: null,
      });
      await tx
        .update(webhookEndpoints)
        .set({ consecutiveFailures: 0 })
        .where(eq(webhookEndpoints.id, endpoint.id));
    });
    return "delivered" as const;
  }
  const outcome = await recordFailure(claimed, endpoint, { statusCode, lastError });
  if (outcome.state === "paused") await emailOwnersPaused(endpoint, outcome.failures);
  return outcome.state;
}

/** A failed attempt: counts against the endpoint, then pauses it, gives up, or queues a retry. */
function recordFailure(
  claimed: WebhookDelivery,
  endpoint: WebhookEndpoint,
  result: { statusCode: number | null; lastError: string | null },
) {
  const deliveryId = claimed.id;
  const lastStatusCode = result.statusCode;
  const lastError = result.lastError;
  return db.transaction(async (tx) => {
    const [ep] = await tx
      .update(webhookEndpoints)
      .set({ consecutiveFailures: sql`${webhookEndpoints.consecutiveFailures} + 1` })
      .where(eq(webhookEndpoints.id, endpoint.id))
      .returning({
        failures: webhookEndpoints.consecutiveFailures,
        pausedAt: webhookEndpoints.pausedAt,
      });
    const failures = ep!.failures;
    if (!ep!.pausedAt && failures >= pauseAfter()) {
      await tx
        .update(webhookEndpoints)
        .set({ pausedAt: new Date() })
        .where(eq(webhookEndpoints.id, endpoint.id));
      // This event and every other waiting one are held, not dropped, until an owner resumes.
      await tx
        .update(webhookDeliveries)
        .set({ status: "held", lockedAt: null, lastStatusCode, lastError })
        .where(
          and(
            eq(webhookDeliveries.endpointId, endpoint.id),
            inArray(webhookDeliveries.status, ["pending", "sending"]),
            sql`(${webhookDeliveries.id} = ${deliveryId} or ${webhookDeliveries.status} = 'pending')`,
          ),
        );
      return { state: "paused" as const, failures };
    }
    if (claimed.attempts >= maxAttempts()) {
      await settle(tx, deliveryId, {
        status: "failed",
        failedAt: new Date(),
        lastStatusCode,
        lastError,
      });
      return { state: "failed" as const, failures };
    }
    const wait = retryBaseMs() * 4 ** (claimed.attempts - 1);
    const nextAttemptAt = new Date(Date.now() + wait);
    await settle(tx, deliveryId, { status: "pending", nextAttemptAt, lastStatusCode, lastError });
    await queueDeliveryAttempt({
      tx,
      deliveryId,
      attempt: claimed.attempts + 1,
      runAt: nextAttemptAt,
    });
    return { state: "retrying" as const, failures };
  });
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

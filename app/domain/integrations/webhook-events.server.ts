// Webhook events (docs/decisions/023-webhooks.md). A domain event (a signature verified, an RSVP, a
// check-in, a delivery status change, a packet ready) calls emitWebhookEvent inside its own
// transaction: one statement stores a delivery row per subscribed endpoint and queues a job for
// each, and does nothing when no endpoint listens. webhook-delivery.server sends them.
import { type SQL, sql } from "drizzle-orm";
import { db, rows, type DbOrTx } from "#db/client";
import type { WebhookEventType } from "#db/schema/states";
import { enqueueJob, jobInsertCte } from "~/jobs/queue.server";

export type WebhookSubject =
  | { signatureId: number; petitionId: number }
  | { rsvpId: number; eventId: number }
  | { eventId: number; from?: string; to?: string; changeId?: number }
  | { eventId: number; packetId: string };

/** Queues attempt `attempt` of a delivery; the key makes a repeated call queue nothing twice. */
export async function queueDeliveryAttempt({
  tx,
  deliveryId,
  attempt,
  runAt,
}: {
  tx: DbOrTx;
  deliveryId: number;
  attempt: number;
  runAt?: Date;
}) {
  await enqueueJob({
    tx,
    kind: "webhook.deliver",
    payload: { deliveryId },
    dedupeKey: `webhook-delivery:${deliveryId}:${attempt}`,
    runAt,
  });
}

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
      ${jobInsertCte({
        kind: "webhook.deliver",
        payloadSql: sql`jsonb_build_object('deliveryId', id)`,
        // queueDeliveryAttempt's key for attempt 1
        dedupeKeySql: sql`'webhook-delivery:' || id || ':1'`,
        fromSql: sql`from wh_ins where status = 'pending'`,
      })}
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

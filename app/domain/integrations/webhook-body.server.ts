// What a webhook delivery POSTs: the event in OSDI's shapes (the same resources the API serves),
// with contact data only when the endpoint was created to receive it.
import { eq } from "drizzle-orm";
import { db } from "#db/client";
import { campaigns, type WebhookDelivery, type WebhookEndpoint } from "#db/schema";
import { ORIGIN_SYSTEM } from "./osdi-resource.server";
import { attendanceWithPerson } from "./osdi-attendances.server";
import { signatureWithPerson } from "./osdi-signatures.server";
import { deliveryById } from "./osdi-deliveries.server";

async function eventData(delivery: WebhookDelivery, withContact: boolean) {
  const s = delivery.subject as Record<string, number | string>;
  switch (delivery.eventType) {
    case "signature.verified":
      return { "osdi:signature": await signatureWithPerson(Number(s.signatureId), withContact) };
    case "attendance.created":
    case "attendance.checked_in":
      return { "osdi:attendance": await attendanceWithPerson(Number(s.rsvpId), withContact) };
    case "delivery.status_changed":
      return {
        "handover:delivery": await deliveryById(Number(s.eventId)),
        from: s.from ?? null,
        to: s.to ?? null,
      };
    case "packet.ready": {
      const deliveryResource = await deliveryById(Number(s.eventId));
      return {
        "handover:delivery": deliveryResource,
        "handover:packet": deliveryResource?.packets.find((p) => p.id === s.packetId) ?? {
          id: s.packetId,
        },
      };
    }
    default:
      return { message: "A test event from Handover." };
  }
}

export async function buildWebhookBody(delivery: WebhookDelivery, endpoint: WebhookEndpoint) {
  const [campaign] = await db
    .select({ id: campaigns.id, name: campaigns.name, slug: campaigns.slug })
    .from(campaigns)
    .where(eq(campaigns.id, endpoint.campaignId));
  const data = await eventData(delivery, endpoint.includeContact);
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

// What every email to a volunteer carries: the event's place and time, a link to its page, a
// working cancel link and, once they have a place, the event as a calendar file.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "#db/client";
import { deliveryEvents, offices } from "#db/schema";
import type { Locale } from "#db/schema/states";
import { buildIcs } from "~/lib/ics";
import { keyedHash } from "~/lib/crypto.server";
import { env } from "~/lib/env.server";

/**
 * The cancel link's token, derived from the RSVP id with the server secret: every email (confirmation,
 * reminder, promotion) can carry a working link without storing the token; the table keeps its hash.
 */
export const rsvpCancelToken = (rsvpId: number) => keyedHash(`rsvp-cancel:${rsvpId}`);

/** The public event page in the reader's language (links in emails and invitations carry it). */
export const eventUrl = (eventId: number, locale: Locale) =>
  `${env().APP_URL}/events/${eventId}?lang=${locale}`;
export const cancelUrl = (token: string) => `${env().APP_URL}/rsvp/${token}`;
export const confirmUrl = (token: string) => `${env().APP_URL}/rsvp/confirm/${token}`;

export async function eventForMail(tx: DbOrTx, eventId: number) {
  const [row] = await tx
    .select({
      event: deliveryEvents,
      officeName: offices.name,
      city: offices.city,
      address: offices.addressLine1,
    })
    .from(deliveryEvents)
    .innerJoin(offices, eq(offices.id, deliveryEvents.officeId))
    .where(eq(deliveryEvents.id, eventId));
  return row!;
}
export type EventForMail = Awaited<ReturnType<typeof eventForMail>>;

/** Where and when, as every volunteer email states it. */
export const eventMailProps = (info: EventForMail) => ({
  officeName: info.officeName,
  city: info.city,
  startsAt: info.event.startsAt.toISOString(),
  timeZone: info.event.timeZone,
});

function eventIcs(info: EventForMail, locale: Locale) {
  const { event } = info;
  return buildIcs({
    uid: `delivery-event-${event.id}@handover`,
    start: event.startsAt,
    end: event.endsAt,
    timeZone: event.timeZone,
    summary:
      locale === "es"
        ? `Entrega de la petición: ${info.officeName}`
        : `Petition delivery: ${info.officeName}`,
    description:
      (locale === "es" ? event.descriptionEs || event.description : event.description) || "",
    location: event.meetingPoint || `${info.address}, ${info.city}`,
    url: eventUrl(event.id, locale),
    status: event.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    sequence:
      Math.floor(event.updatedAt.getTime() / 1000) - Math.floor(event.createdAt.getTime() / 1000) >
      0
        ? 1
        : 0,
  });
}

export const icsAttachment = (info: EventForMail, locale: Locale) => ({
  filename: "delivery.ics",
  contentType: "text/calendar; charset=utf-8; method=PUBLISH",
  content: Buffer.from(eventIcs(info, locale)).toString("base64"),
});

// The event as an iCalendar file, in the office's time zone.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { eventUrl } from "~/domain/deliveries/rsvp-mail.server";
import { getPublicEvent } from "~/domain/deliveries/rsvp-event.server";
import { buildIcs } from "~/lib/ics";
import { resolveLocale } from "~/lib/i18n";
import { int4Id } from "~/lib/params";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const eventId = int4Id(params.eventId);
  const event = eventId !== null ? await getPublicEvent({ eventId }) : null;
  if (!event) return new Response("Not found", { status: 404 });
  const locale = resolveLocale(request, event.petition.defaultLocale);
  const ics = buildIcs({
    uid: `delivery-event-${event.id}@handover`,
    start: new Date(event.startsAt),
    end: new Date(event.endsAt),
    timeZone: event.timeZone,
    summary:
      locale === "es"
        ? `Entrega de la petición: ${event.office.name}`
        : `Petition delivery: ${event.office.name}`,
    description:
      (locale === "es" ? event.descriptionEs || event.description : event.description) || "",
    // The public file never carries a private meeting point: the office's address instead.
    location:
      event.meetingPoint ??
      [event.office.addressLine1, event.office.city].filter(Boolean).join(", "),
    url: eventUrl(event.id, locale),
    status: event.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
  });
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="delivery-${event.id}.ics"`,
      "Cache-Control": "no-store",
    },
  });
}

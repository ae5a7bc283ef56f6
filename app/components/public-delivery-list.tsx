// A list of public delivery events grouped by their local day (each office's own zone). Shared by
// the petition page (a bounded list) and its full schedule page.
import type { Locale } from "../../db/schema/states";
import { useT, withLang } from "~/utils/i18n";
import { formatInZone, localDate } from "~/utils/zoned-time";

export type PublicDeliveryEvent = {
  id: number;
  status: string;
  startsAt: string;
  timeZone: string;
  officeName: string;
  city: string;
  region: string | null;
};

export function PublicDeliveryList({
  events,
  locale,
}: {
  events: PublicDeliveryEvent[];
  locale: Locale;
}) {
  const t = useT("signer", locale);
  return (
    <>
      {groupByLocalDay(events, locale).map((day) => (
        <div key={day.key} className="delivery-day">
          <h3 className="delivery-day-title">{day.label}</h3>
          <ul className="delivery-list">
            {day.events.map((ev) => (
              <li key={ev.id}>
                <strong>{ev.city}</strong>
                {ev.region ? `, ${ev.region}` : ""} — {ev.officeName}
                <br />
                <span className="small">
                  {formatInZone(ev.startsAt, ev.timeZone, locale, {
                    weekday: undefined,
                    month: undefined,
                    day: undefined,
                  })}
                </span>{" "}
                <span className="badge">{t.deliveryStatus[ev.status] ?? ev.status}</span>
                <br />
                <a href={withLang(`/events/${ev.id}`, locale)}>
                  {t.joinDelivery(ev.city)}
                  <span className="visually-hidden"> — {day.label}</span>
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}

/** Deliveries grouped by their local calendar day (each office's own zone), in date order. */
function groupByLocalDay<E extends { startsAt: string; timeZone: string }>(
  events: E[],
  locale: Locale,
) {
  const days = new Map<string, { key: string; label: string; events: E[] }>();
  for (const ev of events) {
    const key = localDate(ev.startsAt, ev.timeZone);
    let day = days.get(key);
    if (!day) {
      const label = new Intl.DateTimeFormat(locale === "es" ? "es-US" : "en-US", {
        weekday: "long",
        month: "long",
        day: "numeric",
        timeZone: "UTC",
      }).format(new Date(`${key}T12:00:00Z`));
      days.set(key, (day = { key, label, events: [] }));
    }
    day.events.push(ev);
  }
  return [...days.values()].sort((a, b) => a.key.localeCompare(b.key));
}

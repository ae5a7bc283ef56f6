// The petition page's list of deliveries, grouped by each office's local day. Before a delivery:
// "Join the delivery in Houston". After: the reported time ("Delivered Thu, Dec 4, 9:45 AM") and a
// link to how it went. The heading follows: will be / was delivered / both.
import type { Locale } from "#db/schema/states";
import type { EventState } from "#db/schema/states";
import { useT, withLang } from "~/lib/i18n";
import petitionDeliveriesMessages from "~/locales/petition-deliveries";
import { formatInZone, localDate } from "~/lib/zoned-time";
import { dateTimeFormat, localeTag } from "~/lib/intl-format";

export type PublicDeliveryItem = {
  id: number;
  status: string;
  startsAt: string;
  timeZone: string;
  officeName: string;
  city: string;
  region: string | null;
  deliveredAt: string | null;
};

const isDone = (status: string) => status === "delivered" || status === "acknowledged";

/** "Tuesday, December 8" / "Martes, 8 de diciembre": only the first letter upper-case. */
function dayLabel(key: string, locale: Locale) {
  const label = dateTimeFormat(localeTag(locale), {
    weekday: "long",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${key}T12:00:00Z`));
  return label.charAt(0).toLocaleUpperCase(locale) + label.slice(1);
}

export function PublicDeliveries({
  deliveries,
  locale,
  children,
}: {
  deliveries: PublicDeliveryItem[];
  locale: Locale;
  /** Shown under the list: the petition page's "more deliveries" line and city finder. */
  children?: React.ReactNode;
}) {
  const t = useT(petitionDeliveriesMessages, locale);
  if (!deliveries.length) return null;
  const done = deliveries.filter((d) => isDone(d.status)).length;
  const heading =
    done === 0
      ? t.deliveriesPlanned
      : done === deliveries.length
        ? t.deliveriesDone
        : t.deliveriesMixed;
  return (
    <section className="card deliveries" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">{heading}</h2>
      <PublicDeliveryDays deliveries={deliveries} locale={locale} />
      {children}
    </section>
  );
}

/** Deliveries grouped by each office's local day; a delivered one under the day it happened. */
export function PublicDeliveryDays({
  deliveries,
  locale,
}: {
  deliveries: PublicDeliveryItem[];
  locale: Locale;
}) {
  const t = useT(petitionDeliveriesMessages, locale);
  const days = new Map<string, PublicDeliveryItem[]>();
  for (const ev of deliveries) {
    const key = localDate(
      isDone(ev.status) && ev.deliveredAt ? ev.deliveredAt : ev.startsAt,
      ev.timeZone,
    );
    days.set(key, [...(days.get(key) ?? []), ev]);
  }
  const time = (instant: string, zone: string) =>
    formatInZone(instant, zone, locale, { weekday: undefined, month: undefined, day: undefined });
  return (
    <>
      {[...days.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, events]) => {
          const label = dayLabel(key, locale);
          return (
            <div key={key} className="delivery-day">
              <h3 className="delivery-day-heading">{label}</h3>
              <ul className="delivery-list">
                {events.map((ev) => {
                  const delivered = isDone(ev.status);
                  return (
                    <li key={ev.id} data-status={ev.status}>
                      <strong>{ev.city}</strong>
                      {ev.region ? `, ${ev.region}` : ""} — {ev.officeName}
                      <br />
                      <span className="small">
                        {delivered
                          ? t.deliveredOn(time(ev.deliveredAt ?? ev.startsAt, ev.timeZone))
                          : time(ev.startsAt, ev.timeZone)}
                      </span>{" "}
                      <span className={`badge status-${ev.status}`}>
                        {t.status[ev.status as EventState] ?? ev.status}
                      </span>
                      <br />
                      <a href={withLang(`/events/${ev.id}`, locale)}>
                        {delivered ? t.howItWentIn(ev.city) : t.joinDelivery(ev.city)}
                        <span className="visually-hidden"> — {label}</span>
                      </a>
                    </li>
                  );
                })}
              </ul>
            </div>
          );
        })}
    </>
  );
}

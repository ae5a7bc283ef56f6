// "My deliveries": a coordinator's day on one phone screen. Every event they lead with its time,
// place, meeting point, attendees (check-in), packet files and the delivery report. It is stored by
// the service worker (public/sw.js) so it reads offline; check-ins and reports made offline wait
// in the phone's outbox (lib/offline-queue.ts) and are sent in order when the network is back.
import { dateTimeFormat } from "~/lib/intl-format";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useMemo, useState, type FormEvent } from "react";
import type { EventState, Locale } from "#db/schema/states";
import { StatusBadge } from "~/components/delivery-status-badge";
import { listMyDeliveries, type MyDelivery } from "~/domain/deliveries/my-deliveries.server";
import { requireUser } from "~/http/auth.server";
import { plural, resolveLocale, useT } from "~/lib/i18n";
import deliveryMessages from "~/locales/delivery";
import { useOfflineQueue, type Queued } from "~/lib/offline-queue";
import { formatInZone, localDate } from "~/lib/zoned-time";
import styles from "~/styles/delivery.css";

export const links = () => [
  { rel: "stylesheet", href: styles },
  { rel: "manifest", href: "/manifest.webmanifest" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.locale === "es" ? "Mis entregas" : "My deliveries"} — Handover` },
  { name: "theme-color", content: "#8a2b06" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return {
    locale: resolveLocale(request, user.locale),
    userId: user.id,
    deliveries: await listMyDeliveries({ actor: { userId: user.id } }),
  };
}

/** "2026-12-08T09:45" now, in the office's zone: the report form's default. */
function nowIn(timeZone: string) {
  const parts = Object.fromEntries(
    dateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

export default function MyDeliveries() {
  const { deliveries, locale, userId } = useLoaderData<typeof loader>();
  const t = useT(deliveryMessages);
  const revalidator = useRevalidator();
  const queue = useOfflineQueue({
    userId,
    endpoint: "/dashboard/my/sync",
    onSent: () => revalidator.revalidate(),
  });

  // Install the service worker, and tell it which packet files to keep: this person's only.
  const packetUrls = useMemo(
    () => deliveries.flatMap((d) => d.packetFiles.flatMap((f) => [f.href, f.printHref])),
    [deliveries],
  );
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker
      .register("/sw.js", { scope: "/" })
      .then(() => navigator.serviceWorker.ready)
      .then((reg) => reg.active?.postMessage({ type: "keep-packets", urls: packetUrls }))
      .catch(() => {
        // No service worker (private mode, old browser): the page still works online.
      });
  }, [packetUrls]);

  const refusalText = (code: string, status?: string) => {
    const entry = t.my.refused[code] ?? t.my.refused.invalid!;
    return typeof entry === "function"
      ? entry(status ? t.status[status as EventState] : "")
      : entry;
  };

  return (
    <div className="stack my-deliveries">
      <h1>{t.my.title}</h1>
      <p className="small muted">{t.my.lead}</p>

      <div className="outbox card" aria-live="polite" data-testid="outbox">
        {!queue.online ? <p className="notice warn">{t.my.offline}</p> : null}
        {queue.items.length ? (
          <p>
            <strong data-testid="pending-count">
              {plural(locale, queue.items.length, t.my.pending)}
            </strong>{" "}
            <button type="button" className="secondary" onClick={() => void queue.flush()}>
              {t.my.sendNow}
            </button>
          </p>
        ) : (
          <p className="small muted">{t.my.allSent}</p>
        )}
        {queue.needsLogin ? (
          <p className="notice error">
            {t.my.loginAgain} <a href="/login?redirectTo=%2Fdashboard%2Fmy">→</a>
          </p>
        ) : null}
        {queue.refusals.length ? (
          <div className="notice error" role="alert" data-testid="refusals">
            <p>
              <strong>{t.my.refusedTitle}</strong>
            </p>
            <ul>
              {queue.refusals.map((r) => (
                <li key={r.id}>
                  {r.label}: {refusalText(r.code, r.status)}{" "}
                  <button type="button" className="link" onClick={() => queue.dismiss(r.id)}>
                    {t.my.dismiss}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>

      {deliveries.length === 0 ? <p>{t.my.none}</p> : null}
      {deliveries.map((d) => (
        <EventCard key={d.id} d={d} locale={locale} pending={queue.items} enqueue={queue.enqueue} />
      ))}
      <p className="small muted">{t.my.installHint}</p>
      <p className="small">
        <Link to="/dashboard?all=1">{t.my.allCampaigns}</Link>
      </p>
    </div>
  );
}

function EventCard({
  d,
  locale,
  pending,
  enqueue,
}: {
  d: MyDelivery;
  locale: Locale;
  pending: Queued[];
  enqueue: ReturnType<typeof useOfflineQueue>["enqueue"];
}) {
  const t = useT(deliveryMessages);
  const [reportOpen, setReportOpen] = useState(false);
  const [reportAt, setReportAt] = useState(() => nowIn(d.timeZone));
  // The server refuses another day than scheduled unless confirmed: ask here, before going offline.
  const scheduledDay = localDate(d.startsAt, d.timeZone);
  const offDay = reportAt.slice(0, 10) !== scheduledDay;
  const mine = pending.filter((p) => p.change.eventId === d.id);
  const reportWaiting = mine.some((p) => p.change.kind === "report");
  // What a person's check-in looks like with the changes still waiting on the phone applied.
  const checkedIn = (rsvpId: number, server: boolean) => {
    let value = server;
    for (const p of mine)
      if (p.change.kind === "checkin" && p.change.rsvpId === rsvpId) value = p.change.checked;
    return value;
  };
  const isWaiting = (rsvpId: number) =>
    mine.some((p) => p.change.kind === "checkin" && p.change.rsvpId === rsvpId);
  const going = d.attendees.filter((a) => a.status === "going");
  const arrived = going.filter((a) => checkedIn(a.id, !!a.checkedInAt)).length;
  const address = [
    d.addressLine1,
    d.addressLine2,
    `${d.city}${d.region ? `, ${d.region}` : ""} ${d.postalCode ?? ""}`.trim(),
  ].filter(Boolean);
  const base = `/dashboard/c/${d.campaignSlug}/deliveries/events/${d.id}`;

  const submitReport = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fields: Record<string, string> = {};
    for (const [k, v] of new FormData(e.currentTarget)) if (typeof v === "string") fields[k] = v;
    enqueue({ kind: "report", eventId: d.id, fields }, t.my.reportLabel(d.city));
    setReportOpen(false);
  };

  return (
    <section className="card my-event" aria-labelledby={`my-${d.id}`} data-event-id={d.id}>
      <h2 id={`my-${d.id}`}>
        {d.city}: {d.officeName}
      </h2>
      <p>
        <StatusBadge status={d.status as EventState} />{" "}
        {reportWaiting ? <span className="badge warn">{t.my.waiting}</span> : null}{" "}
        <span>{formatInZone(d.startsAt, d.timeZone, locale)}</span>
      </p>
      <dl className="event-facts">
        <dt>{t.my.address}</dt>
        <dd>
          {address.map((line) => (
            <span key={line} style={{ display: "block" }}>
              {line}
            </span>
          ))}
        </dd>
        {d.meetingPoint ? (
          <>
            <dt>{t.meetingPoint}</dt>
            <dd>{d.meetingPoint}</dd>
          </>
        ) : null}
        {d.decisionMaker || d.officePhone ? (
          <>
            <dt>{t.my.contact}</dt>
            <dd>
              {[d.decisionMaker, d.decisionMakerTitle].filter(Boolean).join(", ")}
              {d.officePhone ? (
                <span style={{ display: "block" }}>
                  <a href={`tel:${d.officePhone}`}>{d.officePhone}</a>
                </span>
              ) : null}
            </dd>
          </>
        ) : null}
        <dt>{t.my.packet}</dt>
        <dd>
          {d.packetFiles.length ? (
            <ul className="plain">
              {d.packetFiles.map((f) => (
                <li key={f.volume}>
                  <a href={f.href}>{t.my.packetVolume(f.volume, f.pageCount)}</a> ·{" "}
                  <a href={f.printHref}>{t.my.printView}</a>
                </li>
              ))}
            </ul>
          ) : (
            <>
              {t.my.noPacket} <Link to={`${base}/packet`}>{t.my.buildPacket}</Link>
            </>
          )}
        </dd>
      </dl>

      <h3>
        {t.attendees}: {plural(locale, going.length, t.my.attendees)} ·{" "}
        {plural(locale, arrived, t.my.checkedInCount)}
      </h3>
      {d.attendees.length === 0 ? <p className="small muted">{t.noAttendees}</p> : null}
      <ul className="attendee-list">
        {d.attendees.map((a) => {
          const isIn = checkedIn(a.id, !!a.checkedInAt);
          return (
            <li key={a.id}>
              <span>
                <strong>{a.name}</strong> · {t.roles[a.role]}
                {a.status === "waitlisted" ? ` · ${t.waitlisted}` : ""}
                {a.phone ? (
                  <span className="small" style={{ display: "block" }}>
                    <a href={`tel:${a.phone}`}>{a.phone}</a>
                  </span>
                ) : null}
                {isWaiting(a.id) ? (
                  <span className="small muted" style={{ display: "block" }}>
                    {t.my.waiting}
                  </span>
                ) : null}
              </span>
              {a.status === "going" ? (
                <button
                  type="button"
                  className="secondary"
                  aria-pressed={isIn}
                  aria-label={isIn ? t.my.undoLabel(a.name) : t.my.checkInLabel(a.name)}
                  onClick={() =>
                    enqueue(
                      { kind: "checkin", eventId: d.id, rsvpId: a.id, checked: !isIn },
                      isIn
                        ? t.my.checkoutChange(a.name, d.city)
                        : t.my.checkinChange(a.name, d.city),
                    )
                  }
                >
                  {isIn ? `✓ ${t.checkedIn}` : t.checkIn}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>

      {d.status === "packet_ready" && !reportWaiting ? (
        reportOpen ? (
          <form
            className="report-form stack"
            onSubmit={submitReport}
            aria-label={t.my.reportLabel(d.city)}
          >
            <div className="field">
              <label htmlFor={`r-at-${d.id}`}>{t.deliveredAt}</label>
              <input
                id={`r-at-${d.id}`}
                name="deliveredAt"
                type="datetime-local"
                required
                value={reportAt}
                onChange={(e) => setReportAt(e.currentTarget.value)}
              />
              <span className="hint small">{d.timeZone}</span>
            </div>
            {offDay ? (
              <div className="notice warn">
                <p>
                  {t.offDayWarning(
                    formatInZone(d.startsAt, d.timeZone, locale, {
                      weekday: "long",
                      month: "long",
                      hour: undefined,
                      minute: undefined,
                      timeZoneName: undefined,
                    }),
                  )}
                </p>
                <label>
                  <input type="checkbox" name="confirmOffDay" value="1" required />{" "}
                  {t.offDayConfirm}
                </label>
              </div>
            ) : null}
            <div className="field">
              <label htmlFor={`r-name-${d.id}`}>{t.receivedByName}</label>
              <input id={`r-name-${d.id}`} name="receivedByName" type="text" maxLength={200} />
            </div>
            <div className="field">
              <label htmlFor={`r-title-${d.id}`}>{t.receivedByTitle}</label>
              <input id={`r-title-${d.id}`} name="receivedByTitle" type="text" maxLength={200} />
            </div>
            <div className="field">
              <label htmlFor={`r-count-${d.id}`}>{t.signaturesHandedOver}</label>
              <input
                id={`r-count-${d.id}`}
                name="signaturesHandedOver"
                type="text"
                inputMode="numeric"
                pattern="[0-9]*"
              />
            </div>
            <div className="field">
              <label htmlFor={`r-people-${d.id}`}>{t.attendeesCount}</label>
              <input
                id={`r-people-${d.id}`}
                name="attendeesCount"
                type="text"
                inputMode="numeric"
                pattern="[0-9]*"
                defaultValue={arrived ? String(arrived) : ""}
              />
            </div>
            <div className="field">
              <label htmlFor={`r-how-${d.id}`}>{t.howItWent}</label>
              <textarea id={`r-how-${d.id}`} name="howItWent" maxLength={4000} />
            </div>
            <button type="submit">{t.my.reportSend}</button>
          </form>
        ) : (
          <button type="button" onClick={() => setReportOpen(true)}>
            {t.my.reportOpen}
          </button>
        )
      ) : null}
      {reportWaiting ? <p className="notice info">{t.my.reportQueued}</p> : null}
      <p className="small">
        <Link to={base}>{t.my.openEvent}</Link>
      </p>
    </section>
  );
}

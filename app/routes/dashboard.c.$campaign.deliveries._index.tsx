// The delivery status board: summary counts, a city grid, server-side filters, and the table.
// It re-fetches itself when the live feed's fingerprint changes (a coordinator reported).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useLocation,
  useRevalidator,
} from "@remix-run/react";
import { useCallback, useEffect, useRef } from "react";
import { EVENT_STATES, type EventState } from "#db/schema/states";
import { DeliveryBoardTable } from "~/components/delivery-board";
import { StatusBadge } from "~/components/delivery-status-badge";
import { FilterSelect } from "~/components/filter-select";
import { getBoard, parseBoardQuery } from "~/domain/deliveries/board.server";
import { assignCoordinatorToEvents, CoordinatorAssignmentError, listAssignableMembers } from "~/domain/deliveries/delivery-coordinators.server";
import { int4Id } from "~/lib/params";
import { requireCampaignMember } from "~/http/auth.server";
import { httpError, orHttp } from "~/http/errors.server";
import { useT } from "~/lib/i18n";
import deliveryMessages from "~/locales/delivery";
import styles from "~/styles/delivery.css";

export const links = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor, campaign, locale, can } = await requireCampaignMember(
    request,
    params.campaign,
  );
  const query = parseBoardQuery(new URL(request.url).searchParams);
  const board = await orHttp(getBoard({ actor, campaignId: campaign.id, query }));
  return {
    assignable: can.planDeliveries ? await listAssignableMembers({ campaignId: campaign.id }) : [],
    locale,
    userZone: user.timeZone,
    slug: campaign.slug,
    can,
    query,
    board,
  };
}

/** The board's bulk action: one coordinator added to the checked events (see delivery-coordinators). */
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, campaign } = await requireCampaignMember(request, params.campaign!);
  const form = await request.formData();
  try {
    const { assigned } = await assignCoordinatorToEvents({
      actor,
      campaignId: campaign.id,
      eventIds: form
        .getAll("eventId")
        .map((v) => (typeof v === "string" ? int4Id(v) : null))
        .filter((n): n is number => n !== null && n > 0),
      userId: int4Id(String(form.get("userId") ?? "")) ?? 0,
    });
    return data({ assigned, error: null });
  } catch (error) {
    if (error instanceof CoordinatorAssignmentError)
      return data({ assigned: 0, error: error.code }, { status: 400 });
    return httpError(error);
  }
}

function useLiveBoard(slug: string, version: string) {
  const revalidator = useRevalidator();
  const current = useRef(version);
  current.current = version;
  // The revalidator changes identity on every render: keep it in a ref so the timer isn't reset.
  const latestRevalidator = useRef(revalidator);
  latestRevalidator.current = revalidator;
  useEffect(() => {
    let stopped = false;
    // `since` is the previous answer's database clock; an answer lists the events changed since
    // then (with an overlap), so a change seen once is remembered by its id and stamp.
    let since = "";
    const seen = new Set<string>();
    const tick = async () => {
      const revalidator = latestRevalidator.current;
      if (document.visibilityState !== "visible" || revalidator.state !== "idle") return;
      try {
        const res = await fetch(
          `/dashboard/c/${slug}/deliveries/live${since ? `?since=${encodeURIComponent(since)}` : ""}`,
          { headers: { Accept: "application/json" } },
        );
        if (!res.ok || stopped) return;
        const live = (await res.json()) as {
          version: string;
          now: string;
          changed?: number[];
          at?: string[];
          reload?: boolean;
        };
        let fresh = live.version !== current.current || live.reload === true;
        (live.changed ?? []).forEach((id, i) => {
          const key = `${id}@${live.at?.[i] ?? ""}`;
          if (!seen.has(key)) {
            seen.add(key);
            fresh = true;
          }
        });
        // Only the stamps inside the overlap can come back: forget the rest.
        if (seen.size > 5000) seen.clear();
        since = live.now;
        if (fresh) revalidator.revalidate();
      } catch {
        // Offline for a moment: the next tick tries again.
      }
    };
    const timer = window.setInterval(tick, 2500);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [slug]);
}

export default function DeliveryBoard() {
  const { board, query, slug, locale, userZone, can, assignable } = useLoaderData<typeof loader>();
  const bulk = useActionData<typeof action>();
  const t = useT(deliveryMessages);
  const location = useLocation();
  useLiveBoard(slug, board.version);

  const hrefWith = useCallback(
    (changes: Record<string, string | null>) => {
      const params = new URLSearchParams(location.search);
      for (const [k, v] of Object.entries(changes)) {
        if (v === null) params.delete(k);
        else params.set(k, v);
      }
      const s = params.toString();
      return `${location.pathname}${s ? `?${s}` : ""}`;
    },
    [location.pathname, location.search],
  );
  const sortHref = useCallback(
    (key: "time" | "city" | "status" | "updated") =>
      hrefWith({ sort: key, dir: query.sort === key && query.dir === "asc" ? "desc" : "asc" }),
    [hrefWith, query.sort, query.dir],
  );

  // City grid: each city's events as badges (a glance at the whole day).
  const cities = new Map<string, { status: EventState; id: number }[]>();
  for (const r of board.rows)
    cities.set(r.city, [
      ...(cities.get(r.city) ?? []),
      { status: r.status as EventState, id: r.id },
    ]);
  const day = board.options.days.find((d) => d.id === query.day);

  return (
    <div className="stack delivery-board">
      <div
        className="header-row"
        style={{
          display: "flex",
          flexWrap: "wrap",
          justifyContent: "space-between",
          gap: 12,
          alignItems: "baseline",
        }}
      >
        <h2>{day ? t.boardDayTitle(day.date) : t.boardTitle}</h2>
        <p className="board-live" aria-live="polite">
          {t.live} · {t.total(board.total)} · {t.shown(board.rows.length)}
        </p>
        {can.planDeliveries ? (
          <p style={{ display: "flex", gap: 8, flexWrap: "wrap", margin: 0 }}>
            <Link className="button" to={`/dashboard/c/${slug}/deliveries/plan`}>
              {t.planDay}
            </Link>
            <Link className="button secondary" to={`/dashboard/c/${slug}/deliveries/events/new`}>
              {t.newEvent}
            </Link>
          </p>
        ) : null}
      </div>

      <section aria-labelledby="summary-heading">
        <h3 id="summary-heading" className="visually-hidden">
          {t.summary}
        </h3>
        <BoardProgress summary={board.summary} label={t.progressLabel} />
        <ul className="board-summary" data-testid="board-summary">
          {EVENT_STATES.map((s) => (
            <li key={s} data-status={s}>
              <Link to={hrefWith({ status: s })}>
                <strong>{board.summary[s]}</strong> <StatusBadge status={s} />
              </Link>
            </li>
          ))}
        </ul>
      </section>

      {cities.size > 0 && cities.size <= 60 ? (
        <ul className="city-grid" aria-label={t.colCity}>
          {[...cities.entries()].map(([city, events]) => (
            <li key={city}>
              <span className="city">{city}</span>
              {events.slice(0, 6).map((e) => (
                <Link key={e.id} to={`/dashboard/c/${slug}/deliveries/events/${e.id}`}>
                  <StatusBadge status={e.status} />{" "}
                </Link>
              ))}
            </li>
          ))}
        </ul>
      ) : null}

      <Form method="get" className="board-filters" aria-label={t.filter}>
        <FilterSelect
          id="f-status"
          name="status"
          label={t.filterStatus}
          anyLabel={t.any}
          defaultValue={query.status[0] ?? ""}
          options={EVENT_STATES.map((s) => ({ value: s, label: t.status[s] }))}
        />
        <FilterSelect
          id="f-city"
          name="city"
          label={t.filterCity}
          anyLabel={t.any}
          defaultValue={query.city}
          options={board.options.cities.map((c) => ({ value: c, label: c }))}
        />
        <div className="field">
          <label htmlFor="f-date">{t.filterDate}</label>
          <input id="f-date" name="date" type="date" defaultValue={query.date} />
        </div>
        <FilterSelect
          id="f-coord"
          name="coordinator"
          label={t.filterCoordinator}
          anyLabel={t.any}
          defaultValue={query.coordinator ?? ""}
          options={board.options.coordinators.map((c) => ({ value: c.id, label: c.name }))}
        />
        <div className="field">
          <label htmlFor="f-day">{t.filterDay}</label>
          <select id="f-day" name="day" defaultValue={query.day ?? ""}>
            <option value="">{t.allDays}</option>
            {board.options.days.map((d) => (
              <option key={d.id} value={d.id}>
                {d.date}
                {d.title ? ` — ${d.title}` : ""}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-group">{t.group}</label>
          <select id="f-group" name="group" defaultValue={query.group}>
            <option value="none">{t.groupNone}</option>
            <option value="date">{t.groupDate}</option>
            <option value="status">{t.groupStatus}</option>
          </select>
        </div>
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <button type="submit" className="secondary">
          {t.apply}
        </button>
        <Link to={location.pathname}>{t.reset}</Link>
      </Form>

      {can.planDeliveries && board.rows.length > 0 ? (
        <Form method="post" id="bulk-assign" className="board-bulk card" aria-label={t.bulkAssign}>
          <p className="small">
            <strong>{t.bulkAssign}</strong>
          </p>
          <div className="field">
            <label htmlFor="bulk-person">{t.bulkPerson}</label>
            <select id="bulk-person" name="userId" required defaultValue="">
              <option value="">—</option>
              {assignable.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="secondary">
            {t.bulkButton}
          </button>
          {bulk ? (
            <p className={`notice ${bulk.error ? "error" : "ok"}`} role="status">
              {bulk.error ? t.errors[bulk.error] : t.bulkDone(bulk.assigned)}
            </p>
          ) : null}
        </Form>
      ) : null}

      {board.rows.length === 0 ? (
        <p>{t.empty}</p>
      ) : (
        <DeliveryBoardTable
          rows={board.rows}
          locale={locale}
          userZone={userZone}
          slug={slug}
          sortHref={sortHref}
          sort={query.sort}
          dir={query.dir}
          group={query.group}
          selectForm={can.planDeliveries ? "bulk-assign" : undefined}
        />
      )}
      {board.page > 1 || board.hasNextPage ? (
        <nav aria-label={t.pages} className="page-actions">
          {board.page > 1 ? (
            <Link to={pageHref(location.search, board.page - 1)}>{t.prevPage}</Link>
          ) : null}
          <span>{t.pageN(board.page)}</span>
          {board.hasNextPage ? (
            <Link to={pageHref(location.search, board.page + 1)}>{t.nextPage}</Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

/** The same board query on another page. */
function pageHref(search: string, page: number) {
  const params = new URLSearchParams(search);
  params.set("page", String(page));
  return `?${params}`;
}

/** The day at a glance: one bar, a segment per state, in the order events move through them. */
function BoardProgress({
  summary,
  label,
}: {
  summary: Record<EventState, number>;
  label: (done: number, total: number) => string;
}) {
  const total = EVENT_STATES.reduce((sum, s) => sum + summary[s], 0);
  if (total === 0) return null;
  const done = summary.delivered + summary.acknowledged;
  const order: EventState[] = [
    "acknowledged",
    "delivered",
    "packet_ready",
    "confirmed",
    "planned",
    "postponed",
    "cancelled",
  ];
  return (
    <div
      className="board-progress"
      role="img"
      aria-label={label(done, total)}
      data-testid="board-progress"
    >
      {order
        .filter((s) => summary[s] > 0)
        .map((s) => (
          <span key={s} className={`status-${s}`} style={{ flexGrow: summary[s] }} />
        ))}
    </div>
  );
}

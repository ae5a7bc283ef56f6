// The full, paged delivery schedule of a petition; with ?near= (a city or a US ZIP code) the
// signer's own city comes first. The petition page lists only a few events and links here.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PublicDeliveryDays } from "~/components/public-deliveries";
import { getPetitionHeading } from "~/domain/petitions/public-petition.server";
import {
  cityFromNear,
  countPublicDeliveryEvents,
  listPublicDeliveryEvents,
  listPublicDeliveryEventsIn,
  SCHEDULE_PAGE_SIZE,
} from "~/domain/deliveries/public-delivery.server";
import { petitionIdBySlug } from "~/domain/petitions/public-petition.server";
import { resolveLocale, useT, withLang } from "~/lib/i18n";
import signerMessages from "~/locales/signer";
import petitionStyles from "~/styles/petition.css";
import { WITHOUT_REACT } from "~/lib/page-handle";

export const handle = WITHOUT_REACT;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: petitionStyles }];
export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `${d.title} — Handover` : "Handover" },
];

const serialize = (events: Awaited<ReturnType<typeof listPublicDeliveryEvents>>) =>
  events.map((e) => ({
    id: e.id,
    status: e.status,
    startsAt: e.startsAt.toISOString(),
    timeZone: e.timeZone,
    officeName: e.officeName,
    deliveredAt: e.deliveredAt?.toISOString() ?? null,
    city: e.city,
    region: e.region,
  }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const heading = await getPetitionHeading({
    slug: params.slug!,
    locale: (fallback) => resolveLocale(request, fallback),
  });
  const petitionId = heading ? await petitionIdBySlug(heading.slug) : null;
  if (!heading || !petitionId) throw new Response("Not found", { status: 404 });
  const pageParam = Number(url.searchParams.get("page") ?? "1");
  const page =
    Number.isSafeInteger(pageParam) && pageParam >= 1 && pageParam <= 10_000 ? pageParam : 1;
  const city = cityFromNear(url.searchParams.get("near"));
  const [total, events, near] = await Promise.all([
    countPublicDeliveryEvents({ petitionId }),
    listPublicDeliveryEvents({
      petitionId,
      limit: SCHEDULE_PAGE_SIZE,
      offset: (page - 1) * SCHEDULE_PAGE_SIZE,
    }),
    city ? listPublicDeliveryEventsIn({ petitionId, city }) : Promise.resolve([]),
  ]);
  return data(
    {
      locale: heading.locale,
      title: heading.title,
      slug: heading.slug,
      city,
      near: serialize(near),
      events: serialize(events),
      page,
      pages: Math.max(1, Math.ceil(total / SCHEDULE_PAGE_SIZE)),
    },
    { headers: { "Cache-Control": "public, max-age=60" } },
  );
}

export default function DeliverySchedule() {
  const d = useLoaderData<typeof loader>();
  const t = useT(signerMessages, d.locale);
  const pageLink = (page: number) =>
    withLang(
      `/p/${d.slug}/deliveries?page=${page}${d.city ? `&near=${encodeURIComponent(d.city)}` : ""}`,
      d.locale,
    );
  return (
    <div className="stack schedule-page">
      <p>
        <Link to={withLang(`/p/${d.slug}`, d.locale)}>{t.backToPetition}</Link>
      </p>
      <h1>{t.scheduleTitle}</h1>
      <p className="lead">{d.title}</p>
      <form method="get" className="delivery-finder">
        <input type="hidden" name="lang" value={d.locale} />
        <label htmlFor="schedule-near">{t.findCityLabel}</label>
        <div className="finder-row">
          <input
            id="schedule-near"
            name="near"
            type="text"
            maxLength={80}
            defaultValue={d.city ?? ""}
            autoComplete="address-level2"
          />
          <button type="submit" className="secondary">
            {t.findCityButton}
          </button>
        </div>
      </form>
      {d.city ? (
        <section className="card deliveries" aria-labelledby="near-title">
          <h2 id="near-title">{t.nearTitle(d.city)}</h2>
          {d.near.length ? (
            <PublicDeliveryDays deliveries={d.near} locale={d.locale} />
          ) : (
            <p>{t.nearNone(d.city)}</p>
          )}
        </section>
      ) : null}
      <section className="card deliveries" aria-labelledby="all-title">
        <h2 id="all-title">{t.allDeliveriesTitle}</h2>
        <PublicDeliveryDays deliveries={d.events} locale={d.locale} />
        {d.pages > 1 ? (
          <nav className="pager" aria-label={t.scheduleTitle}>
            {d.page > 1 ? <a href={pageLink(d.page - 1)}>{t.earlierPage}</a> : null}{" "}
            <span className="small muted">
              {d.page} / {d.pages}
            </span>{" "}
            {d.page < d.pages ? <a href={pageLink(d.page + 1)}>{t.laterPage}</a> : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}

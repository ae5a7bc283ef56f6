// The public petition page. Server-rendered and complete without JavaScript; its loader and sign
// action live in ~/http/petition-page.server.
import { dateTimeFormat, localeTag } from "~/lib/intl-format";
import type { HeadersFunction, LinksFunction, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { IslandScript } from "~/components/island-script";
import { LiveCount } from "~/components/live-count";
import { PublicDeliveries } from "~/components/public-deliveries";
import { SignForm } from "~/components/sign-form";
import { action, loader } from "~/http/petition-page.server";
import signer from "~/locales/signer";
import { useT, withLang } from "~/lib/i18n";
import privacyMessages from "~/locales/privacy";
import { PetitionNews } from "~/components/petition-news";
import petitionStyles from "~/styles/petition.css";
import { WITHOUT_REACT } from "~/lib/page-handle";

export { action, loader };

export const handle = WITHOUT_REACT;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: petitionStyles }];

export const meta: MetaFunction<typeof loader> = ({ data: d }) => {
  if (!d) return [{ title: "Handover" }];
  const description = d.summary || signer[d.locale].metaDescriptionFallback;
  const tags = [
    { title: `${d.title} — Handover` },
    { name: "description", content: description },
    { tagName: "link", rel: "canonical", href: d.canonicalUrl },
    { property: "og:type", content: "website" },
    { property: "og:site_name", content: "Handover" },
    { property: "og:title", content: d.title },
    { property: "og:description", content: description },
    { property: "og:url", content: d.canonicalUrl },
    { property: "og:locale", content: d.locale === "es" ? "es_US" : "en_US" },
    { name: "twitter:card", content: d.petition.imageUrl ? "summary_large_image" : "summary" },
    { name: "twitter:title", content: d.title },
    { name: "twitter:description", content: description },
  ];
  if (d.petition.imageUrl) {
    tags.push(
      { property: "og:image", content: d.petition.imageUrl },
      { name: "twitter:image", content: d.petition.imageUrl },
    );
  }
  for (const l of d.availableLocales)
    tags.push({
      tagName: "link",
      rel: "alternate",
      hrefLang: l,
      href: `${d.canonicalUrl}?lang=${l}`,
    } as never);
  return tags;
};

// Without this export the loader's Cache-Control never reaches the browser.
export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const h = new Headers(loaderHeaders);
  actionHeaders.forEach((value, key) => h.set(key, value));
  return h;
};

export default function PetitionPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT(signer, d.locale);
  const p = useT(privacyMessages, d.locale);
  const dateFmt = (iso: string) =>
    dateTimeFormat(localeTag(d.locale), { dateStyle: "long" }).format(new Date(iso));
  const ended = d.petition.endsAt && new Date(d.petition.endsAt) < new Date();
  return (
    <article className="petition-page">
      <header className="petition-head">
        <h1 lang={d.textLocale}>{d.title}</h1>
        {d.targets.length > 0 ? (
          <p className="targets">
            <strong>{t.to}:</strong>{" "}
            {d.targets.map((tg) => (tg.title ? `${tg.name}, ${tg.title}` : tg.name)).join("; ")}
          </p>
        ) : null}
        <p className="small muted">
          {t.startedBy(d.petition.startedBy)}
          {d.petition.endsAt
            ? ` · ${ended ? t.endedOn(dateFmt(d.petition.endsAt)) : t.endsOn(dateFmt(d.petition.endsAt))}`
            : ""}
        </p>
      </header>
      <div className="petition-grid">
        <div className="petition-main stack">
          <PetitionNews news={d.news} locale={d.locale} />
          {d.petition.imageUrl ? (
            <img className="petition-image" src={d.petition.imageUrl} alt="" />
          ) : null}
          {d.summary ? (
            <p className="summary" lang={d.textLocale}>
              {d.summary}
            </p>
          ) : null}
          <div
            className="petition-body"
            lang={d.textLocale}
            dangerouslySetInnerHTML={{ __html: d.bodyHtml }}
          />
          {d.deliveries.length > 0 ? (
            <PublicDeliveries deliveries={d.deliveries} locale={d.locale}>
              {d.deliveryTotal > d.deliveries.length ? (
                <p className="small muted">
                  {t.deliveriesShown(d.deliveries.length, d.deliveryTotal)}
                </p>
              ) : null}
              <form
                method="get"
                action={`/p/${d.petition.slug}/deliveries`}
                className="delivery-finder"
              >
                <input type="hidden" name="lang" value={d.locale} />
                <label htmlFor="delivery-near">{t.findCityLabel}</label>
                <div className="finder-row">
                  <input
                    id="delivery-near"
                    name="near"
                    type="text"
                    maxLength={80}
                    autoComplete="address-level2"
                  />
                  <button type="submit" className="secondary">
                    {t.findCityButton}
                  </button>
                </div>
              </form>
              <p>
                <a
                  className="tap-link"
                  href={withLang(`/p/${d.petition.slug}/deliveries`, d.locale)}
                >
                  {t.fullSchedule}
                </a>
              </p>
            </PublicDeliveries>
          ) : null}
          <section aria-labelledby="recent-title" className="recent">
            <h2 id="recent-title">{t.recentTitle}</h2>
            {d.recent.length === 0 ? (
              <p className="muted">{t.noRecent}</p>
            ) : (
              <ul className="recent-list" data-testid="recent-signers">
                {d.recent.map((r, i) => (
                  <li key={i}>
                    {r.name
                      ? `${r.name}${r.city ? `, ${r.city}` : ""}`
                      : r.city
                        ? t.someoneIn(r.city)
                        : t.someone}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <aside className="petition-side stack" aria-label={t.signTitle}>
          <div className="card">
            <LiveCount
              slug={d.petition.slug}
              count={d.count}
              goal={d.goal}
              paperCount={d.paperCount}
              locale={d.locale}
            />
          </div>
          <div className="card" id="sign-here">
            <h2>{t.signTitle}</h2>
            {d.petition.open ? (
              <SignForm
                locale={d.locale}
                slug={d.petition.slug}
                defaultCountry={d.petition.country}
                source={d.source}
                lastResult={actionData?.result}
              />
            ) : (
              <p className="notice info">{t.closedNotice}</p>
            )}
          </div>
          <p className="small muted retention-note" data-testid="retention-note">
            {p.retentionNotice(d.petition.retentionMonths)}{" "}
            <a href={withLang(`/p/${d.petition.slug}/my-data`, d.locale)}>{p.myDataLink}</a>
          </p>
        </aside>
      </div>
      <IslandScript src={d.script} />
    </article>
  );
}

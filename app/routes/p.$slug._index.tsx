// The public petition page and its sign action. Server-rendered and complete without JavaScript.
import { dateTimeFormat, localeTag } from "~/lib/intl-format";
import type {
  ActionFunctionArgs,
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { LiveCount } from "~/components/live-count";
import { PublicDeliveries } from "~/components/public-deliveries";
import { SignForm } from "~/components/sign-form";
import { getPublicPetition } from "~/domain/petitions/public-petition.server";
import { createSignSchema } from "~/domain/signing/signature";
import { SignUnavailableError, signPetition } from "~/domain/signing/signature.server";
import { errorKind } from "~/lib/log.server";
import signer from "~/locales/signer";
import { clientIp } from "~/http/client-ip.server";
import { signFormOutcomeFrom } from "~/http/sign-form-door.server";
import { answerSignature } from "~/domain/signing/duplicate-signature.server";
import { formStartFrom, freshFormStartCookie, issueFormStart } from "~/domain/signing/form-start.server";
import { env } from "~/lib/env.server";
import { isLocale, resolveLocale, useT, withLang } from "~/lib/i18n";
import privacyMessages from "~/locales/privacy";
import { normalizeSource } from "~/lib/source-code";
import { PetitionNews } from "~/components/petition-news";
import { petitionNewsForPage } from "~/domain/petitions/petition-news.server";
import petitionStyles from "~/styles/petition.css";

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

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug!;
  // ?lang= → cookie → Accept-Language → the petition's own default language.
  const found = await getPublicPetition({
    slug,
    locale: (fallback) => resolveLocale(request, fallback),
  });
  if (!found) throw new Response("Not found", { status: 404 });
  if ("redirectTo" in found) {
    const url = new URL(request.url);
    throw redirect(`/p/${found.redirectTo}${url.search}`, 301);
  }
  // Nothing personal in the data (the form-start token comes from /p/<slug>/start), so the lean
  // handler can share this render; answered by Remix itself (a signed-in visitor) it stays private.
  return data(
    {
      ...found,
      canonicalUrl: `${env().APP_URL}/p/${found.petition.slug}`,
      // Set only on a private render; the shared render's form gets it in the browser (sign-form.tsx).
      source: normalizeSource(new URL(request.url).searchParams.get("source")),
      news: await petitionNewsForPage({ petitionId: found.petition.id, locale: found.locale }),
    },
    { headers: { "Cache-Control": "private, no-store", Vary: "Accept-Language, Cookie" } },
  );
}

// Without this export the loader's Cache-Control never reaches the browser.
export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const h = new Headers(loaderHeaders);
  actionHeaders.forEach((value, key) => h.set(key, value));
  return h;
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const lang = formData.get("lang");
  const locale = isLocale(lang) ? lang : resolveLocale(request);
  const m = signer[locale].errors;
  const cookieHeader = request.headers.get("Cookie");
  // Without JavaScript the start token arrives as a cookie (the page's <noscript> pixel).
  formData.set("startedAt", formStartFrom(formData.get("startedAt"), cookieHeader) ?? "");
  const submission = parseWithZod(formData, { schema: createSignSchema(locale) });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const slug = params.slug!;
  // The fast door in front of Remix may have signed already (it passes on what it could not answer).
  const decided = signFormOutcomeFrom(context, slug);
  let result;
  try {
    result =
      decided ??
      (await signPetition({
        slug,
        input: submission.value,
        ip: clientIp(context),
        locale,
        zipUnknownMessage: m.zipUnknown,
      }));
  } catch (error) {
    // The log gets the kind only (never the batch); the signer keeps what they typed.
    if (!(error instanceof SignUnavailableError))
      console.error(`sign: failed (${errorKind(error)})`);
    return data({ result: submission.reply({ formErrors: [m.unavailable] }) }, { status: 503 });
  }
  switch (result.status) {
    case "signed":
    case "duplicate": {
      // The same redirect and the same Set-Cookie shape for a fresh and a duplicate signature.
      const answer = answerSignature({ slug, locale, result, cookieHeader });
      return redirect(answer.thanksUrl, { headers: { "Set-Cookie": answer.setCookie } });
    }
    case "ignored":
      return redirect(`/p/${slug}/thanks?lang=${locale}`);
    case "not_found":
      throw new Response("Not found", { status: 404 });
    case "invalid":
      return data(
        { result: submission.reply({ fieldErrors: result.fieldErrors }) },
        { status: 400 },
      );
    case "too_fast":
      // No usable token at all (the pixel was blocked): start the clock now for the next press.
      return data(
        { result: submission.reply({ formErrors: [m.tooFast] }) },
        { status: 400, headers: { "Set-Cookie": issueFormStart(cookieHeader).setCookie } },
      );
    case "expired_form":
      return data(
        { result: submission.reply({ formErrors: [m.formExpired] }) },
        { status: 400, headers: { "Set-Cookie": freshFormStartCookie() } },
      );
    case "rate_limited":
      return data({ result: submission.reply({ formErrors: [m.rateLimited] }) }, { status: 429 });
    case "closed":
      return data({ result: submission.reply({ formErrors: [m.closed] }) }, { status: 409 });
  }
}

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
                <a href={withLang(`/p/${d.petition.slug}/deliveries`, d.locale)}>
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
    </article>
  );
}

// The link in the confirmation email. GET only shows a button; the POST confirms. Mail scanners
// that open every link therefore never confirm a signature on someone's behalf.
import type {
  ActionFunctionArgs,
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SharePanel } from "~/components/share-panel";
import { getVerifiedCount } from "~/models/petition-count.server";
import { confirmSignature, describeConfirmation } from "~/models/signature.server";
import { env } from "~/utils/env.server";
import { explicitLocale, isLocale, useT, withLang } from "~/utils/i18n";
import petitionStyles from "~/styles/petition.css";
import type { Locale } from "../../db/schema/states";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: petitionStyles }];
export const meta: MetaFunction = () => [
  { title: "Handover" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const chosen = explicitLocale(request);
  const found = await describeConfirmation({ token: params.token!, locale: chosen ?? undefined });
  // The signer's own language unless they switched.
  const locale: Locale = chosen ?? found.signatureLocale ?? "en";
  return data(
    {
      locale,
      state: found.state,
      title: found.petition?.title ?? "",
      slug: found.petition?.slug ?? "",
      shareUrl: `${env().APP_URL}/p/${found.petition?.slug ?? ""}`,
    },
    { headers: { "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" } },
  );
}

// Without this export the loader's no-store and no-referrer never reach the browser.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const lang = form.get("lang");
  const result = await confirmSignature({ token: params.token! });
  // Read past the live counter's cache, so the figure includes this very signature.
  const count = result.petitionId ? await getVerifiedCount(result.petitionId) : 0;
  return {
    state: result.state,
    justConfirmed: result.state === "verified" && !!result.signatureId,
    count,
    locale: isLocale(lang) ? lang : null,
  };
}

export default function Confirm() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const locale = a?.locale ?? d.locale;
  const t = useT("signer", locale);
  const state = a?.state ?? d.state;
  return (
    <div className="signer-narrow stack confirm-page">
      {state === "pending" ? (
        <section className="card">
          <h1>{t.confirmTitle}</h1>
          <p>{t.confirmBody(d.title)}</p>
          <Form method="post">
            <input type="hidden" name="lang" value={locale} />
            <button type="submit" className="big-button">
              {t.confirmButton}
            </button>
          </Form>
        </section>
      ) : state === "verified" ? (
        <>
          <section className="card" role="status">
            <h1>{a?.justConfirmed ? t.confirmedTitle : t.alreadyConfirmedTitle}</h1>
            {a?.count ? <p data-testid="confirmed-count">{t.confirmedBody(a.count)}</p> : null}
            <p>
              <Link to={withLang(`/p/${d.slug}`, locale)}>{t.backToPetition}</Link>
            </p>
          </section>
          <SharePanel url={d.shareUrl} title={d.title} locale={locale} />
        </>
      ) : (
        <section className="card">
          <h1>{state === "expired" ? t.expiredLinkTitle : t.invalidLinkTitle}</h1>
          <p>{state === "expired" ? t.expiredLinkBody : t.invalidLinkBody}</p>
          {d.slug ? (
            <p>
              <Link to={withLang(`/p/${d.slug}`, locale)}>{t.backToPetition}</Link>
            </p>
          ) : null}
        </section>
      )}
    </div>
  );
}

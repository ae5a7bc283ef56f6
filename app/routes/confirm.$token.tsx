// The link in the confirmation email. GET only shows a button; the POST confirms. Mail scanners
// that open every link therefore never confirm a signature on someone's behalf.
import type {
  ActionFunctionArgs,
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { IslandScript } from "~/components/island-script";
import { SharePanel } from "~/components/share-panel";
import { getVerifiedCount } from "~/domain/petitions/petition-count.server";
import { confirmAnswerUrl } from "~/domain/signing/confirm-answer";
import {
  confirmSignature,
  describeConfirmation,
  type ConfirmLookup,
} from "~/domain/signing/confirm-signature.server";
import { islandSrc } from "~/http/islands.server";
import { env } from "~/lib/env.server";
import { explicitLocale, useT, withLang } from "~/lib/i18n";
import signerMessages from "~/locales/signer";
import petitionStyles from "~/styles/petition.css";
import type { Locale } from "../../db/schema/states";
import { WITHOUT_REACT } from "~/lib/page-handle";

export const handle = WITHOUT_REACT;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: petitionStyles }];
export const meta: MetaFunction = () => [
  { title: "Handover" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const chosen = explicitLocale(request);
  // The shared render (http/confirm-page.server.ts) has already looked the link up.
  const found = (context as { confirmLookup?: ConfirmLookup } | undefined)?.confirmLookup;
  const described = await describeConfirmation({
    token: params.token!,
    locale: chosen ?? undefined,
    found,
  });
  // The signer's own language unless they switched.
  const locale: Locale = chosen ?? described.signatureLocale ?? "en";
  // ?done=1: the answer to the button (POST, then this page): "thank you", with the count.
  const justConfirmed =
    described.state === "verified" && new URL(request.url).searchParams.get("done") === "1";
  return data(
    {
      locale,
      state: described.state,
      justConfirmed,
      // Read past the live counter's cache, so the figure includes this very signature.
      count:
        justConfirmed && described.petitionId ? await getVerifiedCount(described.petitionId) : 0,
      title: described.petition?.title ?? "",
      slug: described.petition?.slug ?? "",
      shareUrl: `${env().APP_URL}/p/${described.petition?.slug ?? ""}`,
      script: described.state === "verified" ? islandSrc("share-panel") : null,
    },
    { headers: { "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" } },
  );
}

// Without this export the loader's no-store and no-referrer never reach the browser.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

// Most presses reach the lean door first (registerConfirmPage); this is the same answer for the rest.
export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const result = await confirmSignature({ token: params.token! });
  throw redirect(confirmAnswerUrl({ token: params.token!, result, lang: form.get("lang") }));
}

export default function Confirm() {
  const d = useLoaderData<typeof loader>();
  const locale = d.locale;
  const t = useT(signerMessages, locale);
  const state = d.state;
  return (
    <div className="signer-narrow stack confirm-page">
      {state === "pending" ? (
        <section className="card">
          <h1>{t.confirmTitle}</h1>
          <p>{t.confirmBody(d.title)}</p>
          {/* A plain form post (not fetch): the server's lean confirm door answers it with a redirect. */}
          <Form method="post" reloadDocument>
            <input type="hidden" name="lang" value={locale} />
            <button type="submit" className="big-button">
              {t.confirmButton}
            </button>
          </Form>
        </section>
      ) : state === "verified" ? (
        <>
          <section className="card" role="status">
            <h1>{d.justConfirmed ? t.confirmedTitle : t.alreadyConfirmedTitle}</h1>
            {d.count ? <p data-testid="confirmed-count">{t.confirmedBody(d.count)}</p> : null}
            <p>
              <Link to={withLang(`/p/${d.slug}`, locale)}>{t.backToPetition}</Link>
            </p>
          </section>
          <SharePanel url={d.shareUrl} title={d.title} locale={locale} />
          <IslandScript src={d.script} />
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

// After signing: "check your email", a resend button, and the share panel. The URL carries no
// reference to the signature (ADR 011): the resend button works from this browser's receipt cookie,
// and the page is the same for everyone who signed — so the lean handler can share its render.
import type {
  ActionFunctionArgs,
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { IslandScript } from "~/components/island-script";
import { SharePanel } from "~/components/share-panel";
import { resendFromReceipt } from "~/domain/signing/duplicate-signature.server";
import { getPetitionHeading } from "~/domain/petitions/public-petition.server";
import { confirmHours } from "~/domain/signing/sign-settings.server";
import { islandSrc } from "~/http/islands.server";
import { env } from "~/lib/env.server";
import { isLocale, resolveLocale, useT, withLang } from "~/lib/i18n";
import signerMessages from "~/locales/signer";
import petitionStyles from "~/styles/petition.css";
import { WITHOUT_REACT } from "~/lib/page-handle";

export const handle = WITHOUT_REACT;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: petitionStyles }];
export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `${d.title} — Handover` : "Handover" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const found = await getPetitionHeading({
    slug: params.slug!,
    locale: (fallback) => resolveLocale(request, fallback),
  });
  if (!found) throw new Response("Not found", { status: 404 });
  return data(
    {
      locale: found.locale,
      title: found.title,
      slug: found.slug,
      shareUrl: `${env().APP_URL}/p/${found.slug}`,
      already: url.searchParams.get("already") === "1",
      hours: confirmHours(),
      script: islandSrc("share-panel"),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const result = await resendFromReceipt({
    slug: params.slug!,
    cookieHeader: request.headers.get("Cookie"),
  });
  const lang = form.get("lang");
  return data(
    { resend: result.status, locale: isLocale(lang) ? lang : "en" },
    { status: result.status === "sent" ? 200 : 429 },
  );
}

export default function Thanks() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const t = useT(signerMessages, d.locale);
  return (
    <div className="signer-narrow stack thanks-page">
      {d.already ? (
        <section className="card">
          <h1>{t.alreadySignedTitle}</h1>
          <p>{t.alreadySignedBody}</p>
        </section>
      ) : (
        <section className="card">
          <h1>{t.checkEmailTitle}</h1>
          <p>{t.checkEmailBody}</p>
          <p className="small muted">{t.checkEmailExpires(d.hours)}</p>
        </section>
      )}
      <Form method="post" className="resend">
        <input type="hidden" name="lang" value={d.locale} />
        <button type="submit" className="secondary">
          {t.resend}
        </button>
        {a ? (
          <p className={`notice ${a.resend === "sent" ? "ok" : "warn"}`} role="status">
            {a.resend === "sent" ? t.resent : t.resendUnavailable}
          </p>
        ) : null}
      </Form>
      <SharePanel url={d.shareUrl} title={d.title} locale={d.locale} />
      <p>
        <Link to={withLang(`/p/${d.slug}`, d.locale)}>{t.backToPetition}</Link>
      </p>
      <IslandScript src={d.script} />
    </div>
  );
}

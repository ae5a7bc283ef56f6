// After signing: "check your email", a resend button, and the share panel.
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SharePanel } from "~/components/share-panel";
import { getPublicPetition } from "~/models/public-petition.server";
import { confirmHours, describeSignatureRef, resendConfirmation } from "~/models/signature.server";
import { env } from "~/utils/env.server";
import { isLocale, resolveLocale, useT, withLang } from "~/utils/i18n";
import petitionStyles from "~/styles/petition.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: petitionStyles }];
export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `${d.title} — Handover` : "Handover" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const found = await getPublicPetition({
    slug: params.slug!,
    locale: (fallback) => resolveLocale(request, fallback),
  });
  if (!found || "redirectTo" in found) throw new Response("Not found", { status: 404 });
  const ref = url.searchParams.get("ref");
  const signature = await describeSignatureRef({ ref });
  const mine = signature && signature.petitionId === found.petition.id ? signature : null;
  return {
    locale: found.locale,
    title: found.title,
    slug: found.petition.slug,
    shareUrl: `${env().APP_URL}/p/${found.petition.slug}`,
    ref: mine ? ref : null,
    already: url.searchParams.get("already") === "1",
    confirmed: mine?.status === "verified",
    hours: confirmHours(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const result = await resendConfirmation({ ref: String(form.get("ref") ?? "") });
  const lang = form.get("lang");
  return data(
    { resend: result.status, locale: isLocale(lang) ? lang : "en" },
    { status: result.status === "sent" ? 200 : 429 },
  );
}

export default function Thanks() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const t = useT("signer", d.locale);
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
      {d.ref ? (
        <Form method="post" className="resend">
          <input type="hidden" name="ref" value={d.ref} />
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
      ) : null}
      <SharePanel url={d.shareUrl} title={d.title} locale={d.locale} />
      <p>
        <Link to={withLang(`/p/${d.slug}`, d.locale)}>{t.backToPetition}</Link>
      </p>
    </div>
  );
}

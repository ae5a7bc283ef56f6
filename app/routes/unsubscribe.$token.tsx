// Unsubscribe from a signer email. GET shows a button (scanners follow GETs); POST unsubscribes —
// including mail clients' one-click POST (RFC 8058, "List-Unsubscribe=One-Click").
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { describeUnsubscribe, unsubscribeSignature } from "~/domain/signing/unsubscribe.server";
import { explicitLocale, isLocale, useT } from "~/lib/i18n";
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

export async function loader({ request, params }: LoaderFunctionArgs) {
  const chosen = explicitLocale(request);
  const found = await describeUnsubscribe({ token: params.token!, locale: chosen ?? "en" });
  const locale: Locale = chosen ?? found?.signatureLocale ?? "en";
  const again =
    found && !chosen && locale !== "en"
      ? await describeUnsubscribe({ token: params.token!, locale })
      : found;
  return data(
    {
      locale,
      found: !!again,
      title: again?.title ?? "",
      unsubscribed: again?.unsubscribed ?? false,
    },
    { headers: { "Referrer-Policy": "no-referrer" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData().catch(() => new FormData());
  const ok = await unsubscribeSignature({ token: params.token! });
  const lang = form.get("lang");
  return data({ ok, locale: isLocale(lang) ? lang : null }, { status: ok ? 200 : 404 });
}

export default function Unsubscribe() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const locale = a?.locale ?? d.locale;
  const t = useT(signerMessages, locale);
  const done = a?.ok || d.unsubscribed;
  return (
    <div className="signer-narrow">
      <section className="card">
        {!d.found ? (
          <>
            <h1>{t.invalidLinkTitle}</h1>
          </>
        ) : done ? (
          <div role="status">
            <h1>{t.unsubscribedTitle}</h1>
            <p>{t.unsubscribedBody}</p>
          </div>
        ) : (
          <>
            <h1>{t.unsubscribeTitle}</h1>
            <p>{t.unsubscribeBody(d.title)}</p>
            <Form method="post">
              <input type="hidden" name="lang" value={locale} />
              <button type="submit">{t.unsubscribeButton}</button>
            </Form>
          </>
        )}
      </section>
    </div>
  );
}

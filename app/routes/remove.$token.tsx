// "Remove my signature" from a signer email. GET shows what will happen and a button (mail
// scanners follow GETs); POST erases. The page looks the same for any token, valid or not, so it
// tells no one whether an address had signed.
import type {
  ActionFunctionArgs,
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { removeSignature } from "~/domain/privacy/signature-removal.server";
import { isLocale, resolveLocale, useT } from "~/lib/i18n";
import privacyMessages from "~/locales/privacy";
import petitionStyles from "~/styles/petition.css";
import { WITHOUT_REACT } from "~/lib/page-handle";

export const handle = WITHOUT_REACT;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: petitionStyles }];
export const meta: MetaFunction = () => [
  { title: "Handover" },
  { name: "robots", content: "noindex" },
];
// The token is in the URL: never send it on to another site.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer" });

export async function loader({ request }: LoaderFunctionArgs) {
  return { locale: resolveLocale(request) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData().catch(() => new FormData());
  await removeSignature({ token: String(params.token ?? "").slice(0, 200) });
  const lang = form.get("lang");
  return { done: true, locale: isLocale(lang) ? lang : null };
}

export default function RemoveSignature() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const t = useT(privacyMessages, a?.locale ?? d.locale);
  return (
    <div className="signer-narrow">
      <section className="card">
        {a?.done ? (
          <div role="status">
            <h1>{t.removedTitle}</h1>
            <p>{t.removedBody}</p>
          </div>
        ) : (
          <>
            <h1>{t.removeTitle}</h1>
            <p>{t.removeBody}</p>
            <Form method="post">
              <input type="hidden" name="lang" value={d.locale} />
              <button type="submit" className="danger">
                {t.removeButton}
              </button>
            </Form>
          </>
        )}
      </section>
    </div>
  );
}

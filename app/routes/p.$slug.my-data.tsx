// "What do you hold about me": a signer types their email and Handover emails that address what it
// holds under it. The answer is the same redirect and the same page whether or not anything is held
// (the lookup runs in a job). Works without JavaScript; same-origin POSTs only (server.mjs, ADR 006).
import type {
  ActionFunctionArgs,
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { requestSignerData } from "~/domain/privacy/data-request.server";
import { getMyDataPage } from "~/domain/petitions/public-petition.server";
import { dataRequestSchema } from "~/domain/privacy/retention";
import { clientIp } from "~/http/client-ip.server";
import { isLocale, resolveLocale, useT, withLang } from "~/lib/i18n";
import privacy from "~/locales/privacy";
import petitionStyles from "~/styles/petition.css";
import { WITHOUT_REACT } from "~/lib/page-handle";

export const handle = WITHOUT_REACT;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: petitionStyles }];
export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `${d.heading} — Handover` : "Handover" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await getMyDataPage({
    slug: params.slug ?? "",
    locale: (fallback) => resolveLocale(request, fallback),
  });
  if (!found) throw new Response("Not found", { status: 404 });
  const p = privacy[found.locale];
  return data(
    {
      locale: found.locale,
      slug: found.slug,
      title: found.title,
      heading: p.myDataTitle,
      retentionMonths: found.retentionMonths,
      sent: new URL(request.url).searchParams.get("sent") === "1",
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const h = new Headers(loaderHeaders);
  actionHeaders.forEach((value, key) => h.set(key, value));
  return h;
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const form = await request.formData().catch(() => new FormData());
  const lang = form.get("lang");
  const locale = isLocale(lang) ? lang : resolveLocale(request);
  const slug = params.slug ?? "";
  const raw = form.get("email");
  const email = typeof raw === "string" ? raw : "";
  const parsed = dataRequestSchema.safeParse({ email });
  if (!parsed.success)
    return data({ error: "email" as const, email: email.slice(0, 254), locale }, { status: 400 });
  const result = await requestSignerData({
    slug,
    email: parsed.data.email,
    ip: clientIp(context),
    locale,
  });
  if (result.status === "not_found") throw new Response("Not found", { status: 404 });
  if (result.status === "limited")
    return data({ error: "limited" as const, email: "", locale }, { status: 429 });
  // The same answer whether or not anything is held.
  return redirect(`/p/${encodeURIComponent(slug)}/my-data?lang=${locale}&sent=1`, 303);
}

export default function MyData() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const t = useT(privacy, a?.locale ?? d.locale);
  const locale = a?.locale ?? d.locale;
  const emailError = a?.error === "email";
  // A new form after each answer: the address typed does not stay on the screen (a shared phone).
  const formKey = useLocation().key;
  return (
    <div className="signer-narrow stack">
      <p className="small">
        <a href={withLang(`/p/${d.slug}`, locale)}>← {d.title}</a>
      </p>
      <section className="card stack" aria-labelledby="my-data-title">
        <h1 id="my-data-title">{t.myDataTitle}</h1>
        {d.sent && !a ? (
          <div role="status" className="notice ok" data-testid="my-data-sent">
            <h2>{t.myDataSentTitle}</h2>
            <p>{t.myDataSentBody}</p>
          </div>
        ) : null}
        <p>{t.myDataIntro}</p>
        {a?.error === "limited" ? (
          <p className="notice error" role="alert">
            {t.myDataLimited}
          </p>
        ) : null}
        <Form method="post" noValidate key={formKey}>
          <input type="hidden" name="lang" value={locale} />
          <div className="field">
            <label htmlFor="my-data-email">{t.myDataEmailLabel}</label>
            <span className="hint" id="my-data-email-hint">
              {t.myDataEmailHint}
            </span>
            <input
              id="my-data-email"
              name="email"
              type="email"
              inputMode="email"
              autoComplete="email"
              required
              maxLength={254}
              defaultValue={a?.email ?? ""}
              aria-invalid={emailError || undefined}
              aria-describedby={
                emailError ? "my-data-email-hint my-data-email-error" : "my-data-email-hint"
              }
            />
            {emailError ? (
              <p className="field-error" id="my-data-email-error">
                {t.myDataEmailError}
              </p>
            ) : null}
          </div>
          <button type="submit">{t.myDataSubmit}</button>
        </Form>
        <p className="small muted">{t.retentionNotice(d.retentionMonths)}</p>
      </section>
      <p className="small">
        <a href={withLang(`/p/${d.slug}`, locale)}>{t.myDataBack}</a>
      </p>
    </div>
  );
}

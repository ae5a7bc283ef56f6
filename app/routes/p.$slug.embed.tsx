// An embeddable sign widget (<iframe src="/p/<slug>/embed">): count, progress and a short form.
// A resource route with its own tiny HTML page, no site header, no JavaScript. The form posts to
// the petition page in the top window, where errors are shown and the thank-you page follows.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderToStaticMarkup } from "react-dom/server";
import { getPublicPetition } from "~/domain/petitions/public-petition.server";
import { formStartToken } from "~/domain/signing/form-start.server";
import signer from "~/locales/signer";
import { progressPercent } from "~/lib/goal";
import { resolveLocale } from "~/lib/i18n";
import { normalizeSource, withSource } from "~/lib/source-code";

const css = `
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1d1d1b;background:#fff}
.w{padding:14px;border:1px solid #ddd6c8;border-radius:8px}
h1{font-size:1.1rem;margin:0 0 6px;line-height:1.25}
.count{font-weight:800;margin:6px 0 2px}
.progress{height:10px;background:#ece6da;border-radius:999px;overflow:hidden;margin:6px 0 10px}
.progress span{display:block;height:100%;background:#8a2b06}
label{display:block;font-weight:600;font-size:.9rem;margin:8px 0 2px}
input{font:inherit;width:100%;box-sizing:border-box;padding:8px 10px;border:1px solid #8f897c;border-radius:6px;min-height:40px}
.row{display:grid;grid-template-columns:1fr 1fr;gap:8px}
button{margin-top:12px;width:100%;font:inherit;font-weight:700;min-height:44px;border-radius:6px;border:0;background:#8a2b06;color:#fff;cursor:pointer}
.hp{position:absolute;left:-9999px}
a{color:#8a2b06}
.small{font-size:.85rem;color:#4a4a45}
`;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await getPublicPetition({
    slug: params.slug!,
    locale: (fallback) => resolveLocale(request, fallback),
  });
  if (!found || "redirectTo" in found) return new Response("Not found", { status: 404 });
  const t = signer[found.locale];
  const p = found.petition;
  // The embed's own `?source=` (or "embed") follows the signer to the page and into the signature.
  const source = normalizeSource(new URL(request.url).searchParams.get("source")) ?? "embed";
  const pageUrl = withSource(`/p/${p.slug}?lang=${found.locale}`, source);
  const html = renderToStaticMarkup(
    <html lang={found.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{found.title}</title>
        <style dangerouslySetInnerHTML={{ __html: css }} />
      </head>
      <body>
        <main className="w">
          <h1 lang={found.textLocale}>
            <a href={pageUrl} target="_top">
              {found.title}
            </a>
          </h1>
          <p className="count">{t.verifiedCount(found.count)}</p>
          <div
            className="progress"
            role="img"
            aria-label={t.progressLabel(found.count, found.goal)}
          >
            <span style={{ width: `${progressPercent(found.count, found.goal)}%` }} />
          </div>
          {p.open ? (
            <form method="post" action={`/p/${p.slug}?index`} target="_top">
              <input type="hidden" name="lang" value={found.locale} />
              <input type="hidden" name="startedAt" value={formStartToken()} />
              <input type="hidden" name="source" value={source} />
              <input type="hidden" name="country" value={p.country === "US" ? "US" : "OTHER"} />
              <div className="row">
                <div>
                  <label htmlFor="e-first">{t.firstName}</label>
                  <input
                    id="e-first"
                    name="firstName"
                    required
                    maxLength={60}
                    autoComplete="given-name"
                  />
                </div>
                <div>
                  <label htmlFor="e-last">{t.lastName}</label>
                  <input
                    id="e-last"
                    name="lastName"
                    required
                    maxLength={60}
                    autoComplete="family-name"
                  />
                </div>
              </div>
              <label htmlFor="e-email">{t.email}</label>
              <input
                id="e-email"
                name="email"
                type="email"
                required
                maxLength={254}
                autoComplete="email"
              />
              {p.country === "US" ? (
                <>
                  <label htmlFor="e-zip">{t.postalCode}</label>
                  <input
                    id="e-zip"
                    name="postalCode"
                    required
                    maxLength={12}
                    inputMode="numeric"
                    autoComplete="postal-code"
                  />
                </>
              ) : (
                <>
                  <label htmlFor="e-city">{t.city}</label>
                  <input
                    id="e-city"
                    name="city"
                    required
                    maxLength={80}
                    autoComplete="address-level2"
                  />
                </>
              )}
              <div className="hp">
                <label htmlFor="e-website">{t.honeypot}</label>
                <input id="e-website" name="website" tabIndex={-1} autoComplete="off" />
              </div>
              <button type="submit">{t.submit}</button>
              <p className="small">{t.emailHint}</p>
            </form>
          ) : (
            <p>{t.closedNotice}</p>
          )}
          <p className="small">
            <a href={pageUrl} target="_top">
              {t.embedSignOn}
            </a>
          </p>
        </main>
      </body>
    </html>,
  );
  return new Response(`<!doctype html>${html}`, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "public, max-age=30",
      // Any site may frame the widget; it holds nothing private.
      "Content-Security-Policy": "frame-ancestors *",
    },
  });
}

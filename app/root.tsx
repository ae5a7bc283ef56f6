import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { getOptionalUser } from "~/http/auth.server";
import { explicitLocale, langCookie, resolveLocale, useLocale, useT, withLang } from "~/lib/i18n";
import commonMessages from "~/locales/common";
import { useNonce } from "~/lib/nonce";
import type { PageHandle } from "~/lib/page-handle";
import appStyles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const locale = resolveLocale(request, user?.locale ?? "en");
  const chosen = new URL(request.url).searchParams.get("lang");
  const headers = new Headers();
  // Remember an explicit switch so the next page keeps the language.
  if (chosen && chosen === locale && explicitLocale(request) === locale)
    headers.append("Set-Cookie", langCookie(locale));
  return data(
    { locale, user: user ? { id: user.id, name: user.name, email: user.email } : null },
    { headers },
  );
}

function Header() {
  const t = useT(commonMessages);
  const locale = useLocale();
  const location = useLocation();
  const root = useRouteLoaderData<typeof loader>("root");
  const other = locale === "en" ? "es" : "en";
  return (
    <header className="site-header">
      <div className="container header-row">
        <Link to="/" className="brand" aria-label={`${t.siteName} — ${t.home}`}>
          <span className="brand-mark" aria-hidden="true">
            ➜
          </span>{" "}
          {t.siteName}
        </Link>
        <nav aria-label={t.language} className="header-nav">
          <a
            href={withLang(location.pathname + location.search, other)}
            hrefLang={other}
            lang={other}
            className="lang-switch"
            aria-label={t.switchToLabel}
          >
            {t.switchTo}
          </a>
          {root?.user ? (
            <>
              <Link to="/dashboard">{t.dashboard}</Link>
              <form method="post" action="/logout" className="inline-form">
                <button type="submit" className="link-button">
                  {t.logOut}
                </button>
              </form>
            </>
          ) : (
            <Link to="/login">{t.logIn}</Link>
          )}
        </nav>
      </div>
    </header>
  );
}

function Footer() {
  const t = useT(commonMessages);
  return (
    <footer className="site-footer">
      <div className="container">
        <p>{t.footerAbout}</p>
        <p>{t.footerPrivacy}</p>
      </div>
    </footer>
  );
}

/**
 * A page that ships its own small script instead of React says so with `handle = { hydrate:
 * false }` (ADR 032). Decided on the server only: a page reached by an in-app navigation is
 * already running React and keeps it.
 */
function useShipsReact() {
  const matches = useMatches();
  return (
    typeof document !== "undefined" ||
    !matches.some((m) => (m.handle as PageHandle | undefined)?.hydrate === false)
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const locale = useLocale();
  const t = useT(commonMessages, locale);
  const shipsReact = useShipsReact();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">
          {t.skipToContent}
        </a>
        <Header />
        <main id="main" className="container main" tabIndex={-1}>
          {children}
        </main>
        <Footer />
        {shipsReact ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT(commonMessages);
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const forbidden = isRouteErrorResponse(error) && error.status === 403;
  return (
    <section className="error-page">
      <h1>
        {notFound ? t.notFoundTitle : forbidden ? String(error.data || "Forbidden") : t.errorTitle}
      </h1>
      <p>{notFound ? t.notFoundBody : forbidden ? "" : t.errorBody}</p>
      <p>
        <Link to="/">{t.backHome}</Link>
      </p>
    </section>
  );
}

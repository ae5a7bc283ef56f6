// Language choice for a request: ?lang= → the `lang` cookie (set by the switch) → Accept-Language
// → the page's own default (e.g. the petition's). Safe in the browser.
import { useMatches } from "@remix-run/react";
import { LOCALES, type Locale } from "../../db/schema/states";

export const LANG_COOKIE = "lang";

export const isLocale = (value: unknown): value is Locale =>
  typeof value === "string" && (LOCALES as readonly string[]).includes(value);

function cookieLocale(request: Request) {
  const match = /(?:^|;\s*)lang=(en|es)(?:;|$)/.exec(request.headers.get("Cookie") ?? "");
  return match ? (match[1] as Locale) : null;
}

function acceptLanguageLocale(request: Request): Locale | null {
  const header = request.headers.get("Accept-Language");
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { lang: tag!.trim().toLowerCase().split("-")[0], q: q ? Number(q.split("=")[1]) : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return (ranked.find((entry) => isLocale(entry.lang))?.lang as Locale) ?? null;
}

export function resolveLocale(request: Request, fallback: Locale = "en"): Locale {
  return requestedLocale(request) ?? fallback;
}

/** What the request asks for (?lang= → cookie → Accept-Language), or null to let the page decide. */
export function requestedLocale(request: Request): Locale | null {
  const param = new URL(request.url).searchParams.get("lang");
  if (isLocale(param)) return param;
  return cookieLocale(request) ?? acceptLanguageLocale(request);
}

/** Explicit choice only (?lang= or cookie); null when the page should decide. */
export function explicitLocale(request: Request): Locale | null {
  const param = new URL(request.url).searchParams.get("lang");
  if (isLocale(param)) return param;
  return cookieLocale(request);
}

export function langCookie(locale: Locale) {
  return `${LANG_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

/**
 * The page's locale: the deepest route whose loader data has a `locale` decides (a petition page
 * may follow the petition's language), else the root loader's choice.
 */
export function useLocale(): Locale {
  const matches = useMatches();
  for (let i = matches.length - 1; i >= 0; i--) {
    const data = matches[i]!.data as { locale?: unknown } | undefined;
    if (data && isLocale(data.locale)) return data.locale;
  }
  return "en";
}

/**
 * A namespace's strings in the page's language (or the given one). The caller imports the namespace
 * itself (`import signerMessages from "~/locales/signer"`), so a page's JavaScript carries only the
 * strings it shows: the signer's phone never downloads the organizer's.
 */
export function useT<Catalog extends Record<Locale, unknown>>(
  catalog: Catalog,
  locale?: Locale,
): Catalog["en"] {
  const current = useLocale();
  return catalog[locale ?? current];
}

/** The same URL with ?lang= set: the language switch is a plain link, so it works without JS. */
export function withLang(pathAndSearch: string, locale: Locale) {
  const url = new URL(pathAndSearch, "http://x");
  url.searchParams.set("lang", locale);
  return url.pathname + url.search + url.hash;
}

export { formatCount, plural, type PluralForms } from "./plural";

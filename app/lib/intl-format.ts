// Cached Intl formatters. Building an Intl.DateTimeFormat costs ~50–100 µs and a few KB (ICU data
// is resolved per instance); formatting with a built one costs ~1–3 µs. A board of a thousand
// events drew each time with a fresh formatter and spent most of its CPU there. Formatters are
// keyed by locale + options (the time zone is an option); the set of keys is small in practice
// (a few locales × the campaign's zones × a handful of option sets), and the cache is capped so a
// stream of odd keys cannot grow memory without bound. Safe in the browser.

const MAX_ENTRIES = 512;
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function keyOf(locale: string, options: object) {
  // Options objects are small and flat; sorting keys makes {a,b} and {b,a} share an entry.
  const entries = Object.entries(options)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${locale}|${JSON.stringify(entries)}`;
}

function cached<F>(cache: Map<string, F>, key: string, make: () => F): F {
  let f = cache.get(key);
  if (!f) {
    if (cache.size >= MAX_ENTRIES) cache.clear();
    f = make();
    cache.set(key, f);
  }
  return f;
}

/** A shared Intl.DateTimeFormat for this locale tag ("en-US") and options (incl. timeZone). */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions = {}) {
  return cached(
    dateFormats,
    keyOf(locale, options),
    () => new Intl.DateTimeFormat(locale, options),
  );
}

/** A shared Intl.NumberFormat for this locale tag and options. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}) {
  return cached(
    numberFormats,
    keyOf(locale, options),
    () => new Intl.NumberFormat(locale, options),
  );
}

/** The Intl locale tag Handover uses for a UI language. */
export const localeTag = (locale: "en" | "es" | string) => (locale === "es" ? "es-US" : "en-US");

/** 12,345 / 12.345 in the UI language (es-US groups with commas too). */
export function formatNumber(n: number, locale: "en" | "es" | string = "en") {
  return numberFormat(localeTag(locale)).format(n);
}

/** "December 8, 2026" / "8 de diciembre de 2026" for an instant, in a time zone. */
export function formatLongDate(instant: Date | string, locale: string, timeZone = "UTC") {
  return dateTimeFormat(localeTag(locale), {
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone,
  }).format(new Date(instant));
}

/** How many formatters are cached (for tests and the memory check). */
export function cachedFormatterCount() {
  return dateFormats.size + numberFormats.size;
}

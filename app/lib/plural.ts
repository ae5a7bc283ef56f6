// Counted phrases in English and Spanish. Imports only the import-free intl-format, so the locale
// files can use it too.
import { formatNumber, localeTag } from "./intl-format";

type Locale = "en" | "es";

// One PluralRules per language, made once: building Intl objects per call is among the costliest
// things a page render does (numbers use intl-format's shared formatters).
const pluralRules = new Map<Locale, Intl.PluralRules>();

export function formatCount(locale: Locale, n: number) {
  return formatNumber(n, locale);
}

/** Forms of a counted phrase; `#` is replaced by the formatted number. `zero` is optional. */
export type PluralForms = { one: string; other: string; zero?: string };

/**
 * "1 signature" / "2 signatures" / "1 firma" / "1.200 firmas": the CLDR plural category of `n` in
 * the language picks the form (English and Spanish only have one/other for whole numbers, but the
 * rules, not a `n === 1` test, decide).
 */
export function plural(locale: Locale, n: number, forms: PluralForms) {
  if (n === 0 && forms.zero !== undefined)
    return forms.zero.replaceAll("#", formatCount(locale, n));
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(localeTag(locale))));
  const form = rules.select(n) === "one" ? forms.one : forms.other;
  return form.replaceAll("#", formatCount(locale, n));
}

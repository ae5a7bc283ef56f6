// Counted phrases in English and Spanish. No imports, so the locale files can use it too.
type Locale = "en" | "es";

// One PluralRules and NumberFormat per language, made once: building Intl objects per call is
// among the costliest things a page render does.
const pluralRules = new Map<Locale, Intl.PluralRules>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();
const intlTag = (locale: Locale) => (locale === "es" ? "es-US" : "en-US");

export function formatCount(locale: Locale, n: number) {
  let f = numberFormats.get(locale);
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(intlTag(locale))));
  return f.format(n);
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
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(intlTag(locale))));
  const form = rules.select(n) === "one" ? forms.one : forms.other;
  return form.replaceAll("#", formatCount(locale, n));
}

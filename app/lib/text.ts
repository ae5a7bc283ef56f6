// Text that Postgres can store and people can read safely. Safe in the browser (no server imports).

// A NUL byte, or half of a UTF-16 surrogate pair: Postgres rejects both in text columns, and a
// rejected value inside a multi-row INSERT would fail every row beside it.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** False for text Postgres cannot store (NUL, lone surrogates). Use in every zod schema of a form. */
export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

// Bidirectional overrides/isolates (U+202A–U+202E, U+2066–U+2069) can make a name shown in a list
// read as something else ("evil\u202Egnp.exe"); zero-width characters hide text.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

/** The text with bidi overrides and zero-width characters removed, for display to other people. */
export function withoutInvisibleControls(value: string): string {
  return value.replace(BIDI_CONTROLS, "").replace(ZERO_WIDTH, "");
}

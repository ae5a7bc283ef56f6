// A petition's address from its title: "¡Alto a las redadas en Houston!" → "alto-a-las-redadas-en-houston".
// Pure and safe in the browser (the editor suggests it as the organizer types); the server still
// validates the address and reports one that is taken next to the field.

/** Longest address the petition form accepts. */
export const SLUG_MAX = 80;

/**
 * Lower-case ASCII letters, digits and single dashes: accents are removed ("ñ" → "n", "é" → "e"),
 * everything else becomes a dash, and the result is cut at a word boundary to `max` characters.
 */
export function slugify(text: string, max = SLUG_MAX) {
  const slug = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/ß/g, "ss")
    .replace(/[æÆ]/g, "ae")
    .replace(/[øØ]/g, "o")
    .replace(/[łŁ]/g, "l")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  const lastDash = cut.lastIndexOf("-");
  return (lastDash > max / 2 ? cut.slice(0, lastDash) : cut).replace(/-+$/, "");
}

// Source codes on share links and embeds (`?source=whatsapp-houston`): where a signature came from.
// Anything a visitor can type lands here, so only a short lowercase slug is kept; the rest is dropped.
export const MAX_SOURCE_LENGTH = 64;
const SOURCE = /^[a-z0-9][a-z0-9._-]*$/;

/** The normalised code, or null when absent or not a plausible code. */
export function normalizeSource(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const code = raw.trim().toLowerCase();
  if (!code || code.length > MAX_SOURCE_LENGTH || !SOURCE.test(code)) return null;
  return code;
}

/** A share URL carrying a source code. */
export function withSource(url: string, source: string | null | undefined) {
  const code = normalizeSource(source);
  if (!code) return url;
  return `${url}${url.includes("?") ? "&" : "?"}source=${encodeURIComponent(code)}`;
}

/** How signatures without a source code are grouped in the sources table (the page labels it in words). */
export const NO_SOURCE = "(none)";

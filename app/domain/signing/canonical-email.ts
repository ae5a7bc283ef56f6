// One signer, one signature: the address as its provider delivers it, so "Ana.Ruiz+bus@gmail.com"
// and "anaruiz@gmail.com" count once. Pure, so the browser may use it too.

// Providers that ignore dots in the local part, and providers that ignore a +tag.
const DOT_BLIND = new Set(["gmail.com", "googlemail.com"]);
const PLUS_TAGS = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "msn.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "protonmail.com",
  "proton.me",
  "pm.me",
  "fastmail.com",
  "yahoo.com",
]);

/** The address as its provider delivers it: lower-case, dots and +tags folded where they're ignored. */
export function canonicalEmail(email: string) {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf("@");
  if (at < 1) return lower;
  let local = lower.slice(0, at);
  let domain = lower.slice(at + 1);
  if (domain === "googlemail.com") domain = "gmail.com";
  // Yahoo's disposable addresses use "-", not "+".
  if (PLUS_TAGS.has(domain)) local = local.split(domain === "yahoo.com" ? "-" : "+")[0]!;
  if (DOT_BLIND.has(domain)) local = local.replaceAll(".", "");
  return `${local}@${domain}`;
}

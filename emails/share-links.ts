// Share links for a petition URL, used by the signer emails and the share panel. Each network's
// link carries its own source code (`?source=whatsapp`), so the dashboard can tell where signers came from.
import { withSource } from "../app/lib/source-code";

export function shareLinks(url: string, text: string) {
  const via = (source: string) => withSource(url, source);
  return {
    whatsapp: `https://wa.me/?text=${encodeURIComponent(`${text} ${via("whatsapp")}`)}`,
    facebook: `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(via("facebook"))}`,
    x: `https://twitter.com/intent/tweet?text=${encodeURIComponent(text)}&url=${encodeURIComponent(via("x"))}`,
    email: `mailto:?subject=${encodeURIComponent(text)}&body=${encodeURIComponent(`${text}\n\n${via("email")}`)}`,
  };
}

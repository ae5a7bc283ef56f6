// The wording every printed copy of a packet shares — the PDF and the HTML print view — so the two
// never drift apart. Pure: safe in the browser, no database, no pdfkit.
import type { Locale } from "#db/schema/states";
import packetLocale from "~/locales/packet";
import type { RouteGroup } from "./packet-routing.server";

export type PdfStrings = (typeof packetLocale)["en"]["pdf"];

/** The languages a packet is printed in, one page set each: a bilingual packet is English, then Spanish. */
export const pageLocales = (packet: { locale: Locale; bilingual: boolean }): Locale[] =>
  packet.bilingual ? ["en", "es"] : [packet.locale];

/** The string sets for a packet's languages, in printed order. */
export const printStrings = (packet: { locale: Locale; bilingual: boolean }): PdfStrings[] =>
  pageLocales(packet).map((l) => packetLocale[l].pdf);

/** One label for every language of the packet: "Anonymous / Anónimo" (once if both say the same). */
export function inEveryLanguage(strings: PdfStrings[], pick: (s: PdfStrings) => string) {
  return [...new Set(strings.map(pick))].join(" / ");
}

/** The heading printed above a run of rows of one group and kind. */
export function groupHeading({
  strings,
  group,
  kind,
  officeName,
}: {
  strings: PdfStrings[];
  group: RouteGroup;
  kind: "online" | "paper";
  officeName: string;
}) {
  return inEveryLanguage(strings, (s) =>
    kind === "online"
      ? group === "local"
        ? s.localHeading(officeName)
        : s.otherHeading
      : group === "local"
        ? s.paperLocalHeading(officeName)
        : s.paperOtherHeading,
  );
}

/** Markdown (as organizers write petitions) to plain paragraphs for print. */
export function markdownParagraphs(md: string) {
  return md
    .replace(/\r\n/g, "\n")
    .split(/\n{2,}/)
    .map((p) =>
      p
        .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
        .replace(/(\*\*|__|\*|_|`)/g, "")
        .replace(/^#{1,6}\s*/gm, "")
        .trim(),
    )
    .filter(Boolean);
}

// Signers sometimes type contact details into a comment; a packet must never carry them.
export function redactContact(text: string) {
  return text
    .replace(/[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/gi, "[…]")
    .replace(/\+?\d[\d\s().-]{7,}\d/g, "[…]");
}

// The cover letter's content — its date, recipient, paragraphs and the petition text — computed
// once for both the PDF and the HTML print view, so the office reads the same words on either.
// Pure: no database, no pdfkit; each renderer only lays these strings out.
import type { Locale } from "#db/schema/states";
import { formatDateWords } from "~/lib/zoned-time";
import packetLocale from "~/locales/packet";
import { markdownParagraphs } from "./print-wording";

/** "December 8, 2026" / "8 de diciembre de 2026": the cover letter's date, in the office's zone. */
export const letterDate = (instant: Date | string, timeZone: string, locale: Locale) =>
  formatDateWords(instant, timeZone, locale, { year: true, weekday: false });

export type LetterOffice = {
  name: string;
  decisionMaker: string;
  decisionMakerTitle: string;
  addressLine1: string;
  addressLine2: string;
  city: string;
  region: string;
  postalCode: string;
};

export type PetitionText = { title: string; summary: string; body: string };

/** One language's cover letter, followed by the petition it carries. */
export type CoverLetterPage = {
  locale: Locale;
  date: string;
  /** Decision maker, title, office, address lines; the first is printed bold. */
  recipient: string[];
  salutation: string;
  body: string;
  inPacket: string;
  privacy: string;
  ask: string;
  closing: string;
  signedBy: string;
  petitionHeading: string;
  petitionTitle: string;
  /** Empty when the petition has no summary. */
  petitionSummary: string;
  petitionParagraphs: string[];
};

export function coverLetterPages({
  locales,
  deliveryAt,
  timeZone,
  office,
  campaignName,
  texts,
  counts,
}: {
  /** The packet's languages, in printed order (one letter each). */
  locales: readonly Locale[];
  /** The letter is dated the day it is handed over, not the day the packet was generated. */
  deliveryAt: Date | string;
  timeZone: string;
  office: LetterOffice;
  campaignName: string;
  /** The petition's text for each of `locales`. */
  texts: PetitionText[];
  counts: {
    /** Verified online signatures on the whole petition at the snapshot. */
    onlineVerified: number;
    /** Paper signatures on the whole petition at the snapshot. */
    paperAll: number;
    /** Signers (online and paper) local to this office. */
    local: number;
    /** Signatures listed in this packet. */
    inPacket: number;
  };
}): CoverLetterPage[] {
  const dear = office.decisionMaker || office.name;
  const recipient = [
    dear,
    office.decisionMakerTitle,
    office.name,
    office.addressLine1,
    office.addressLine2,
    [office.city, [office.region, office.postalCode].filter(Boolean).join(" ")]
      .filter(Boolean)
      .join(", "),
  ].filter(Boolean);
  return locales.map((locale, i) => {
    const s = packetLocale[locale].pdf;
    const text = texts[i] ?? texts[0] ?? { title: "", summary: "", body: "" };
    return {
      locale,
      date: letterDate(deliveryAt, timeZone, locale),
      recipient,
      salutation: s.letterDear(dear),
      body: s.letterBody({
        title: text.title,
        total: counts.onlineVerified + counts.paperAll,
        online: counts.onlineVerified,
        paper: counts.paperAll,
        local: counts.local,
        office: office.name,
      }),
      inPacket: s.letterInPacket(counts.inPacket),
      privacy: s.letterPrivacy,
      ask: s.letterAsk,
      closing: s.letterClosing,
      signedBy: campaignName,
      petitionHeading: s.petitionHeading,
      petitionTitle: text.title,
      petitionSummary: text.summary,
      petitionParagraphs: markdownParagraphs(text.body),
    };
  });
}

// The packet's last page — counts, snapshot time, fingerprint and where to check it — computed once
// for both the PDF and the HTML print view. Pure: no database, no pdfkit.
import type { Locale } from "#db/schema/states";
import { formatInZone } from "~/lib/zoned-time";
import packetLocale from "~/locales/packet";

/** "December 5, 2026, 7:52:10 AM CST": when the list was closed. */
export const snapshotTime = (instant: Date | string, timeZone: string, locale: Locale) =>
  formatInZone(instant, timeZone, locale, {
    weekday: undefined,
    year: "numeric",
    month: "long",
    second: "2-digit",
  });

/** One language's section of the verification page. */
export type VerificationSection = {
  locale: Locale;
  heading: string;
  total: string;
  split: string;
  volumes: string;
  snapshot: string;
  fingerprintLabel: string;
  fingerprint: string;
  verifyAt: string;
  how: string;
};

export function verificationSections({
  locales,
  counts,
  snapshotAt,
  timeZone,
  fingerprint,
  verifyUrl,
  volumeCount,
}: {
  locales: readonly Locale[];
  /** What this packet lists: online and paper signatures, and how many of them are local. */
  counts: { online: number; paper: number; local: number };
  snapshotAt: Date | string;
  timeZone: string;
  fingerprint: string;
  verifyUrl: string;
  volumeCount: number;
}): VerificationSection[] {
  return locales.map((locale) => {
    const s = packetLocale[locale].pdf;
    return {
      locale,
      heading: s.verifyHeading,
      total: s.verifyTotal(counts.online + counts.paper),
      split: s.verifySplit(counts.online, counts.paper, counts.local),
      volumes: s.verifyVolumes(volumeCount),
      snapshot: s.verifySnapshot(snapshotTime(snapshotAt, timeZone, locale)),
      fingerprintLabel: s.verifyFingerprint,
      fingerprint,
      verifyAt: s.verifyUrl(verifyUrl),
      how: s.verifyHow,
    };
  });
}

// Which characters Helvetica can print, the embedded Unicode font for the rest, and how text is
// written straight into a page's content stream in Helvetica's WinAnsi encoding.
import fs from "node:fs";

// Characters Helvetica (WinAnsi) can print. Anything else (e.g. "ễ", Arabic, CJK) is drawn with an
// embedded Unicode font when one is installed, so no signer's name is mangled.
const WIN_ANSI_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
export const OUTSIDE_WIN_ANSI = new RegExp(`[^\\x20-\\x7e\\xa0-\\xff${WIN_ANSI_EXTRA}]`);
export const OUTSIDE_WIN_ANSI_ALL = new RegExp(OUTSIDE_WIN_ANSI.source, "g");

const UNICODE_FONT_CANDIDATES = [
  process.env.PACKET_UNICODE_FONT,
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/dejavu/DejaVuSans.ttf",
].filter(Boolean) as string[];
let unicodeFont: string | null | undefined;
/** The installed Unicode font, or null when none is (then such characters print as "?"). */
export function unicodeFontPath() {
  if (unicodeFont === undefined)
    unicodeFont = UNICODE_FONT_CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
  return unicodeFont;
}

/** A number as PDF content wants it: at most two decimals. */
export const num = (n: number) => (Math.round(n * 100) / 100).toString();

// cp1252 codes of the characters Helvetica's WinAnsiEncoding holds above 0x7f outside Latin-1.
const CP1252: Record<string, number> = {
  "€": 0x80,
  "‚": 0x82,
  ƒ: 0x83,
  "„": 0x84,
  "…": 0x85,
  "†": 0x86,
  "‡": 0x87,
  ˆ: 0x88,
  "‰": 0x89,
  Š: 0x8a,
  "‹": 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  "‘": 0x91,
  "’": 0x92,
  "“": 0x93,
  "”": 0x94,
  "•": 0x95,
  "–": 0x96,
  "—": 0x97,
  "˜": 0x98,
  "™": 0x99,
  š: 0x9a,
  "›": 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};

/** A PDF literal string body in WinAnsi bytes (one char per byte; pdfkit writes chars as bytes). */
export function winAnsi(text: string) {
  let out = "";
  for (const ch of text) {
    if (ch === "\\" || ch === "(" || ch === ")") out += `\\${ch}`;
    else {
      const code = ch.charCodeAt(0);
      out += code < 0x100 ? ch : String.fromCharCode(CP1252[ch] ?? 0x3f);
    }
  }
  return out;
}

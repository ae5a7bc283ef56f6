// Streams one packet volume to PDF with pdfkit. Pages are buffered per volume only (so the header
// can say "page N of M"), which bounds memory by the volume size, never by the whole list.
// Table rows are fixed-height and drawn without line wrapping: that keeps 100,000 rows fast.
import fs from "node:fs";
import PDFDocument from "pdfkit";
import type { ListRow } from "~/domain/packets/packet-routing.server";
import type { PaperSize } from "~/domain/packets/packet";

export type PdfStrings = (typeof import("~/locales/packet").default)["en"]["pdf"];

// Characters Helvetica (WinAnsi) can print. Anything else (e.g. "ễ", Arabic, CJK) is drawn with an
// embedded Unicode font when one is installed, so no signer's name is mangled.
const WIN_ANSI_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
const OUTSIDE_WIN_ANSI = new RegExp(`[^\\x20-\\x7e\\xa0-\\xff${WIN_ANSI_EXTRA}]`);
const UNICODE_FONT_CANDIDATES = [
  process.env.PACKET_UNICODE_FONT,
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/dejavu/DejaVuSans.ttf",
].filter(Boolean) as string[];
let unicodeFont: string | null | undefined;
function unicodeFontPath() {
  if (unicodeFont === undefined)
    unicodeFont = UNICODE_FONT_CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
  return unicodeFont;
}

const SIZES: Record<PaperSize, [number, number]> = { letter: [612, 792], a4: [595.28, 841.89] };
const MARGIN_X = 48;
const TOP = 66; // below the running header
const BOTTOM = 48;
const ROW_H = 13.5;
const FONT_SIZE = 8.5;

export type VolumeMeta = {
  packetId: string;
  petitionTitle: string;
  officeName: string;
  volume: number;
  volumeCount: number;
  paperSize: PaperSize;
  /** One or two string sets: bilingual packets print both, English first. */
  strings: PdfStrings[];
  createdAt: Date;
};

export type CoverContent = {
  /** The letter's date, one per language of `strings` (the delivery day, in the office's zone). */
  date: string[];
  recipient: string[]; // decision maker, title, office, address lines
  dearName: string;
  letter: Parameters<PdfStrings["letterBody"]>[0];
  inPacket: number;
  petition: { locale: string; title: string; summary: string; body: string }[];
  campaignName: string;
};

export type FinalContent = {
  total: number;
  online: number;
  paper: number;
  local: number;
  /** When the list was closed, one per language of `strings`. */
  snapshot: string[];
  fingerprint: string;
  verifyUrl: string;
  volumeCount: number;
};

/** Markdown (as organizers write petitions) to plain paragraphs for print. */
function markdownParagraphs(md: string) {
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

export class PacketVolumeWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly ended: Promise<Buffer>;
  private readonly width: number;
  private readonly height: number;
  private readonly cols: { x: number; w: number }[];
  private readonly rowsPerPage: number;
  private readonly headerHeight: number;
  private y = TOP;
  private rowsOnPage = 0;
  private inTable = false;
  private readonly s: PdfStrings;
  private readonly hasUnicode: boolean;

  constructor(private readonly meta: VolumeMeta) {
    [this.width, this.height] = SIZES[meta.paperSize];
    this.s = meta.strings[0]!;
    this.doc = new PDFDocument({
      size: [this.width, this.height],
      margins: { top: TOP, bottom: BOTTOM, left: MARGIN_X, right: MARGIN_X },
      bufferPages: true,
      autoFirstPage: false,
      info: {
        Title: `${meta.petitionTitle} — ${meta.officeName}`,
        Author: "Handover",
        Subject: bilingual(meta.strings, (s) => s.packet(meta.packetId)),
        CreationDate: meta.createdAt,
      },
    });
    this.doc.on("data", (c: Buffer) => this.chunks.push(c));
    // Memory: pages stay buffered until finish() (for "page N of M"), and pdfkit keeps each text
    // operator as its own small byte array in the page's content — a volume's comment pages
    // (tens of thousands of comments on a national petition) held ~130 KB a page that way. Once
    // a page is left, its content is joined into one buffer (same bytes, same order).
    let previous: { content?: { buffer?: unknown } } | null = null;
    this.doc.on("pageAdded", () => {
      const parts = previous?.content?.buffer;
      if (Array.isArray(parts) && parts.length > 1)
        previous!.content!.buffer = [Buffer.concat(parts as Uint8Array[])];
      previous = (this.doc as unknown as { page: typeof previous }).page;
    });
    this.ended = new Promise((resolve, reject) => {
      this.doc.on("end", () => resolve(Buffer.concat(this.chunks)));
      this.doc.on("error", reject);
    });
    const font = unicodeFontPath();
    this.hasUnicode = !!font;
    if (font) this.doc.registerFont("Uni", font);
    const inner = this.width - 2 * MARGIN_X;
    // Number, name, city, state, date: only what a signer agreed to have printed (no postal code).
    const widths = [36, inner * 0.36, inner * 0.28, inner * 0.13];
    widths.push(inner - widths.reduce((a, b) => a + b, 0));
    let x = MARGIN_X;
    this.cols = widths.map((w) => {
      const col = { x, w: w - 6 };
      x += w;
      return col;
    });
    this.headerHeight = ROW_H * (1.6 + 0.9 * (meta.strings.length - 1));
    this.rowsPerPage = Math.floor((this.height - BOTTOM - TOP - this.headerHeight) / ROW_H);
  }

  /** Rows that fit on one list page (deterministic: used by the HTML print view too). */
  get rowsPerListPage() {
    return this.rowsPerPage;
  }

  private addPage() {
    this.flush();
    this.doc.addPage();
    this.y = TOP;
    this.rowsOnPage = 0;
    this.inTable = false;
  }

  // Table text is written straight into the page's content stream, one string per page: pdfkit's
  // doc.text() allocates a buffer per operator, which at 100,000 rows costs more in garbage
  // collection than the drawing itself. Only cells that need the Unicode font take the slow path.
  private pending: string[] = [];
  private readonly widthCache = new Map<string, Map<string, number>>();

  private flush() {
    if (this.pending.length && this.doc.page) this.doc.addContent(this.pending.join("\n"));
    this.pending = [];
  }

  private fontRef(name: "Helvetica" | "Helvetica-Bold") {
    const doc = this.doc as any;
    doc.font(name);
    const font = doc._font;
    if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
    return font as {
      id: string;
      ascender: number;
      widthOfString: (s: string, size: number) => number;
    };
  }

  private textWidth(
    fontName: string,
    font: { widthOfString: (s: string, size: number) => number },
    text: string,
    size: number,
  ) {
    let cache = this.widthCache.get(fontName);
    if (!cache) this.widthCache.set(fontName, (cache = new Map()));
    let w = 0;
    for (const ch of text) {
      let cw = cache.get(ch);
      if (cw === undefined) cache.set(ch, (cw = font.widthOfString(ch, 1)));
      w += cw;
    }
    return w * size;
  }

  /** Draws `text` cut to `width` at the current row; a Unicode font for characters Helvetica cannot print. */
  private cell(
    text: string,
    x: number,
    width: number,
    bold = false,
    size = FONT_SIZE,
    yOffset = 3,
  ) {
    const fontName = bold ? "Helvetica-Bold" : "Helvetica";
    if (OUTSIDE_WIN_ANSI.test(text)) {
      if (this.hasUnicode) return this.slowCell(text, x, width, fontName, size, yOffset);
      text = text.replace(new RegExp(OUTSIDE_WIN_ANSI.source, "g"), "?");
    }
    const font = this.fontRef(fontName);
    let t = text;
    if (this.textWidth(fontName, font, t, size) > width) {
      while (t.length > 1 && this.textWidth(fontName, font, `${t}…`, size) > width)
        t = t.slice(0, -1);
      t = `${t.trimEnd()}…`;
    }
    const baseline = this.height - (this.y + yOffset) - (font.ascender / 1000) * size;
    this.pending.push(
      `q 0 g 1 0 0 -1 0 ${num(this.height)} cm BT /${font.id} ${num(size)} Tf 1 0 0 1 ${num(x)} ${num(baseline)} Tm (${winAnsi(t)}) Tj ET Q`,
    );
  }

  private slowCell(
    text: string,
    x: number,
    width: number,
    fontName: string,
    size: number,
    yOffset: number,
  ) {
    this.flush();
    const doc = this.doc;
    doc.font("Uni").fontSize(size).fillColor("#000");
    let t = text;
    if (doc.widthOfString(t) > width) {
      while (t.length > 1 && doc.widthOfString(`${t}…`) > width) t = t.slice(0, -1);
      t = `${t.trimEnd()}…`;
    }
    doc.text(t, x, this.y + yOffset, { lineBreak: false });
    doc.font(fontName);
  }

  private rule(y: number, width = 0.6) {
    this.pending.push(
      `${num(width)} w 0.27 G ${num(MARGIN_X)} ${num(y)} m ${num(this.width - MARGIN_X)} ${num(y)} l S 0 G`,
    );
  }

  // A bilingual header prints each language on its own line, so no label is cut ("State / E…").
  private tableHeader() {
    this.meta.strings.forEach((s, line) => {
      const labels = [line === 0 ? s.colNumber : "", s.colName, s.colCity, s.colRegion, s.colDate];
      labels.forEach((label, i) =>
        this.cell(label, this.cols[i]!.x, this.cols[i]!.w, true, FONT_SIZE - 0.5),
      );
      this.y += ROW_H * 0.9;
    });
    this.y += this.headerHeight - ROW_H * (0.9 * this.meta.strings.length + 0.4);
    this.rule(this.y);
    this.y += ROW_H * 0.4;
    this.inTable = true;
  }

  private ensureRowSlot() {
    if (this.doc.page == null || this.rowsOnPage >= this.rowsPerPage) this.addPage();
    if (!this.inTable) this.tableHeader();
  }

  /** A bold heading that takes one row slot (so pagination stays fixed-size). */
  heading(text: string) {
    this.ensureRowSlot();
    this.cell(text, MARGIN_X, this.width - 2 * MARGIN_X, true, FONT_SIZE + 0.5);
    this.y += ROW_H;
    this.rowsOnPage++;
  }

  /** One signature row. `number` is its position among the online signatures of the whole list. */
  row(r: ListRow, number: number) {
    this.ensureRowSlot();
    const s = this.s;
    if (this.rowsOnPage % 2 === 1) {
      this.pending.push(
        `0.94 g ${num(MARGIN_X - 3)} ${num(this.y)} ${num(this.width - 2 * MARGIN_X + 6)} ${num(ROW_H)} re f 0 g`,
      );
    }
    const c = this.cols;
    const unnamedPaper = r.kind === "paper" && r.name === null;
    const label = r.kind === "paper" ? s.paperLabel : String(number);
    // A bilingual packet says "Anonymous / Anónimo", so readers of either language understand.
    const name = unnamedPaper
      ? s.paperUnnamed(r.count)
      : (r.name ?? bilingual(this.meta.strings, (x) => x.anonymous));
    this.cell(label, c[0]!.x, c[0]!.w, r.kind === "paper");
    this.cell(name, c[1]!.x, unnamedPaper ? c[1]!.w + c[2]!.w : c[1]!.w);
    if (!unnamedPaper) this.cell(r.city, c[2]!.x, c[2]!.w);
    this.cell(r.region, c[3]!.x, c[3]!.w);
    this.cell(r.date, c[4]!.x, c[4]!.w);
    this.y += ROW_H;
    this.rowsOnPage++;
  }

  /** Flowing text: wraps and breaks pages on its own. */
  private para(
    text: string,
    opts: { size?: number; bold?: boolean; gap?: number; font?: string } = {},
  ) {
    this.flush();
    const doc = this.doc;
    const font = opts.font ?? (opts.bold ? "Helvetica-Bold" : "Helvetica");
    const uni = OUTSIDE_WIN_ANSI.test(text.replace(/\n/g, " "));
    const t =
      uni && !this.hasUnicode
        ? text.replace(new RegExp(OUTSIDE_WIN_ANSI.source, "g"), (c) => (c === "\n" ? c : "?"))
        : text;
    doc
      .font(uni && this.hasUnicode ? "Uni" : font)
      .fontSize(opts.size ?? 10.5)
      .fillColor("#000");
    doc.text(t, MARGIN_X, this.y, { width: this.width - 2 * MARGIN_X, lineGap: 2 });
    this.y = doc.y + (opts.gap ?? 8);
  }

  private ensureSpace(h: number) {
    if (this.y + h > this.height - BOTTOM) this.addPage();
  }

  cover(c: CoverContent) {
    this.meta.strings.forEach((s, i) => {
      this.addPage();
      this.para(c.date[i] ?? c.date[0]!, { size: 10, gap: 14 });
      c.recipient.forEach((line, j) =>
        this.para(line, { size: 10.5, bold: j === 0, gap: j === c.recipient.length - 1 ? 18 : 0 }),
      );
      this.para(s.letterDear(c.dearName), { gap: 10 });
      this.para(
        s.letterBody(
          i === 0 ? c.letter : { ...c.letter, title: c.petition[i]?.title ?? c.letter.title },
        ),
      );
      this.para(s.letterInPacket(c.inPacket));
      this.para(s.letterPrivacy);
      this.para(s.letterAsk, { gap: 16 });
      this.para(s.letterClosing, { gap: 2 });
      this.para(c.campaignName, { bold: true, gap: 24 });
      const text = c.petition[i] ?? c.petition[0]!;
      this.ensureSpace(80);
      this.para(s.petitionHeading, { size: 13, bold: true, gap: 6 });
      this.para(text.title, { size: 12, bold: true, gap: 6 });
      if (text.summary) this.para(text.summary, { size: 10.5, gap: 10 });
      for (const p of markdownParagraphs(text.body)) this.para(p, { size: 10, gap: 6 });
    });
    // The list starts on a fresh page.
    this.rowsOnPage = this.rowsPerPage;
  }

  comments(batch: { name: string | null; city: string; comment: string }[], first: boolean) {
    const doc = this.doc;
    const s = this.meta.strings;
    const w = this.width - 2 * MARGIN_X;
    if (first) {
      this.addPage();
      this.para(
        bilingual(s, (x) => x.commentsHeading),
        { size: 13, bold: true, gap: 4 },
      );
      this.para(
        bilingual(s, (x) => x.commentsIntro),
        { size: 9.5, gap: 12 },
      );
    }
    this.flush();
    for (const c of batch) {
      const quote = `“${redactContact(c.comment.trim())}”`;
      const by = this.s.commentBy(
        c.name ?? bilingual(this.meta.strings, (x) => x.anonymous),
        c.city,
      );
      const uni = this.hasUnicode && (OUTSIDE_WIN_ANSI.test(quote) || OUTSIDE_WIN_ANSI.test(by));
      doc.font(uni ? "Uni" : "Helvetica").fontSize(10);
      const h = doc.heightOfString(quote, { width: w, lineGap: 1.5 }) + 26;
      if (this.y + h > this.height - BOTTOM) this.addPage();
      doc
        .fillColor("#000")
        .text(
          this.hasUnicode ? quote : quote.replace(new RegExp(OUTSIDE_WIN_ANSI.source, "g"), "?"),
          MARGIN_X,
          this.y,
          { width: w, lineGap: 1.5 },
        );
      doc
        .font(uni ? "Uni" : "Helvetica-Oblique")
        .fontSize(9)
        .fillColor("#333")
        .text(by, MARGIN_X, doc.y + 2, { width: w, lineBreak: false });
      this.y = doc.y + 12;
    }
  }

  finalPage(f: FinalContent) {
    this.addPage();
    const s = this.meta.strings;
    for (const [i, x] of s.entries()) {
      if (i > 0) this.y += 18;
      this.para(x.verifyHeading, { size: 14, bold: true, gap: 10 });
      this.para(x.verifyTotal(f.total), { size: 12, bold: true, gap: 4 });
      this.para(x.verifySplit(f.online, f.paper, f.local), { gap: 4 });
      this.para(x.verifyVolumes(f.volumeCount), { gap: 4 });
      this.para(x.verifySnapshot(f.snapshot[i] ?? f.snapshot[0]!), { gap: 10 });
      this.para(x.verifyFingerprint, { bold: true, gap: 3 });
      this.para(f.fingerprint, { font: "Courier", size: 9.5, gap: 10 });
      this.para(x.verifyUrl(f.verifyUrl), { bold: true, gap: 6 });
      this.para(x.verifyHow, { size: 9, gap: 4 });
    }
  }

  /** Writes the running headers (now that M is known) and returns the finished file. */
  async finish(): Promise<{ bytes: Buffer; pageCount: number }> {
    const doc = this.doc;
    if (!doc.page) this.addPage();
    this.flush();
    const range = doc.bufferedPageRange();
    const total = range.count;
    const s = this.meta.strings;
    const right = this.width - MARGIN_X;
    const half = (this.width - 2 * MARGIN_X) / 2;
    const idLabel = [
      s[0]!.packet(this.meta.packetId),
      this.meta.volumeCount > 1 ? s[0]!.volume(this.meta.volume, this.meta.volumeCount) : null,
    ]
      .filter(Boolean)
      .join(" · ");
    for (let i = 0; i < total; i++) {
      doc.switchToPage(range.start + i);
      const pageLabel = s.map((x) => x.page(i + 1, total)).join(" · ");
      this.y = 20;
      this.cell(this.meta.petitionTitle, MARGIN_X, half + 40, true, 8.5, 0);
      this.rightCell(pageLabel, right, true, 8.5);
      this.y = 32;
      this.cell(this.meta.officeName, MARGIN_X, half + 40, false, 8, 0);
      this.rightCell(idLabel, right, false, 8);
      this.rule(50, 0.8);
      this.flush();
    }
    doc.end();
    return { bytes: await this.ended, pageCount: total };
  }

  private rightCell(text: string, right: number, bold: boolean, size: number) {
    const fontName = bold ? "Helvetica-Bold" : "Helvetica";
    const w = this.textWidth(fontName, this.fontRef(fontName), text, size);
    this.cell(text, right - w, w + 1, bold, size, 0);
  }
}

const num = (n: number) => (Math.round(n * 100) / 100).toString();

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
function winAnsi(text: string) {
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

function bilingual(strings: PdfStrings[], pick: (s: PdfStrings) => string) {
  return [...new Set(strings.map(pick))].join(" / ");
}

// One PDF document of a packet volume and the two ways text goes onto its pages: fixed cells cut to
// a width (fast, for table rows and headers) and flowing paragraphs that wrap and break pages.
// Pages stay buffered until the end (so the header can say "page N of M"), which bounds memory by
// the volume, never by the whole list.
import PDFDocument from "pdfkit";
import type { PaperSize } from "./packet";
import {
  num,
  OUTSIDE_WIN_ANSI,
  OUTSIDE_WIN_ANSI_ALL,
  unicodeFontPath,
  winAnsi,
} from "./pdf-fonts.server";

const SIZES: Record<PaperSize, [number, number]> = { letter: [612, 792], a4: [595.28, 841.89] };
export const MARGIN_X = 48;
export const TOP = 66; // below the running header
export const BOTTOM = 48;
export const FONT_SIZE = 8.5;

type FontName = "Helvetica" | "Helvetica-Bold";
type MeasuredFont = {
  id: string;
  ascender: number;
  widthOfString: (s: string, size: number) => number;
};

export class PdfCanvas {
  readonly doc: PDFKit.PDFDocument;
  readonly width: number;
  readonly height: number;
  readonly hasUnicode: boolean;
  /** Where the next line is drawn, from the top of the page. */
  y = TOP;
  private readonly chunks: Buffer[] = [];
  private readonly ended: Promise<Buffer>;
  private readonly onNewPage: () => void;

  constructor({
    paperSize,
    info,
    onNewPage,
  }: {
    paperSize: PaperSize;
    info: PDFKit.DocumentInfo;
    /** Called after every page this canvas adds (not pages pdfkit adds while flowing text). */
    onNewPage: () => void;
  }) {
    [this.width, this.height] = SIZES[paperSize];
    this.onNewPage = onNewPage;
    this.doc = new PDFDocument({
      size: [this.width, this.height],
      margins: { top: TOP, bottom: BOTTOM, left: MARGIN_X, right: MARGIN_X },
      bufferPages: true,
      autoFirstPage: false,
      info,
    });
    this.doc.on("data", (c: Buffer) => this.chunks.push(c));
    // Memory: pages stay buffered until the end (for "page N of M"), and pdfkit keeps each text
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
  }

  get innerWidth() {
    return this.width - 2 * MARGIN_X;
  }

  addPage() {
    this.flush();
    this.doc.addPage();
    this.y = TOP;
    this.onNewPage();
  }

  /** Ends the document and returns its bytes. */
  async end() {
    this.doc.end();
    return this.ended;
  }

  // Cell text is written straight into the page's content stream, one string per page: pdfkit's
  // doc.text() allocates a buffer per operator, which at 100,000 rows costs more in garbage
  // collection than the drawing itself. Only cells that need the Unicode font take the slow path.
  private pending: string[] = [];
  private readonly widthCache = new Map<string, Map<string, number>>();

  /** Writes the cells drawn so far into the current page. */
  flush() {
    if (this.pending.length && this.doc.page) this.doc.addContent(this.pending.join("\n"));
    this.pending = [];
  }

  private fontRef(name: FontName) {
    const doc = this.doc as any;
    doc.font(name);
    const font = doc._font;
    if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
    return font as MeasuredFont;
  }

  private textWidth(fontName: string, font: MeasuredFont, text: string, size: number) {
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

  /** Draws `text` cut to `width` at the current line; a Unicode font for characters Helvetica cannot print. */
  cell(text: string, x: number, width: number, bold = false, size = FONT_SIZE, yOffset = 3) {
    const fontName = bold ? "Helvetica-Bold" : "Helvetica";
    if (OUTSIDE_WIN_ANSI.test(text)) {
      if (this.hasUnicode) return this.slowCell(text, x, width, fontName, size, yOffset);
      text = text.replace(OUTSIDE_WIN_ANSI_ALL, "?");
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

  /** A cell whose right edge is at `right`. */
  rightCell(text: string, right: number, bold: boolean, size: number) {
    const fontName = bold ? "Helvetica-Bold" : "Helvetica";
    const w = this.textWidth(fontName, this.fontRef(fontName), text, size);
    this.cell(text, right - w, w + 1, bold, size, 0);
  }

  /** A horizontal rule across the text width. */
  rule(y: number, width = 0.6) {
    this.pending.push(
      `${num(width)} w 0.27 G ${num(MARGIN_X)} ${num(y)} m ${num(this.width - MARGIN_X)} ${num(y)} l S 0 G`,
    );
  }

  /** The light band behind every other table row. */
  band(height: number) {
    this.pending.push(
      `0.94 g ${num(MARGIN_X - 3)} ${num(this.y)} ${num(this.innerWidth + 6)} ${num(height)} re f 0 g`,
    );
  }

  /** Flowing text: wraps and breaks pages on its own. */
  para(text: string, opts: { size?: number; bold?: boolean; gap?: number; font?: string } = {}) {
    this.flush();
    const doc = this.doc;
    const font = opts.font ?? (opts.bold ? "Helvetica-Bold" : "Helvetica");
    const uni = OUTSIDE_WIN_ANSI.test(text.replace(/\n/g, " "));
    const t =
      uni && !this.hasUnicode
        ? text.replace(OUTSIDE_WIN_ANSI_ALL, (c) => (c === "\n" ? c : "?"))
        : text;
    doc
      .font(uni && this.hasUnicode ? "Uni" : font)
      .fontSize(opts.size ?? 10.5)
      .fillColor("#000");
    doc.text(t, MARGIN_X, this.y, { width: this.innerWidth, lineGap: 2 });
    this.y = doc.y + (opts.gap ?? 8);
  }

  /** A new page unless `height` still fits on this one. */
  ensureSpace(height: number) {
    if (this.y + height > this.height - BOTTOM) this.addPage();
  }
}

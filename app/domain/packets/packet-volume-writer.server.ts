// One packet volume as a PDF: the cover letter (volume 1), the signature table, the comments and
// the verification page (last volume), and a running header on every page. Table rows are
// fixed-height and drawn without line wrapping: that keeps 100,000 rows fast.
import type { CoverLetterPage } from "./cover-letter";
import type { PaperSize } from "./packet";
import type { ListRow } from "./packet-routing.server";
import { BOTTOM, FONT_SIZE, MARGIN_X, PdfCanvas, TOP } from "./pdf-canvas.server";
import { drawComments, type PrintedComment } from "./pdf-comments.server";
import { drawCoverLetter } from "./pdf-cover-letter.server";
import { drawVerificationPage } from "./pdf-verification-page.server";
import { inEveryLanguage, type PdfStrings } from "./print-wording";
import type { VerificationSection } from "./verification-page";

const ROW_H = 13.5;

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

export class PacketVolumeWriter {
  private readonly canvas: PdfCanvas;
  private readonly cols: { x: number; w: number }[];
  private readonly rowsPerPage: number;
  private readonly headerHeight: number;
  private readonly s: PdfStrings;
  private rowsOnPage = 0;
  private inTable = false;

  constructor(private readonly meta: VolumeMeta) {
    this.s = meta.strings[0]!;
    this.canvas = new PdfCanvas({
      paperSize: meta.paperSize,
      info: {
        Title: `${meta.petitionTitle} — ${meta.officeName}`,
        Author: "Handover",
        Subject: inEveryLanguage(meta.strings, (s) => s.packet(meta.packetId)),
        CreationDate: meta.createdAt,
      },
      onNewPage: () => {
        this.rowsOnPage = 0;
        this.inTable = false;
      },
    });
    const inner = this.canvas.innerWidth;
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
    this.rowsPerPage = Math.floor((this.canvas.height - BOTTOM - TOP - this.headerHeight) / ROW_H);
  }

  // A bilingual header prints each language on its own line, so no label is cut ("State / E…").
  private tableHeader() {
    const canvas = this.canvas;
    this.meta.strings.forEach((s, line) => {
      const labels = [line === 0 ? s.colNumber : "", s.colName, s.colCity, s.colRegion, s.colDate];
      labels.forEach((label, i) =>
        canvas.cell(label, this.cols[i]!.x, this.cols[i]!.w, true, FONT_SIZE - 0.5),
      );
      canvas.y += ROW_H * 0.9;
    });
    canvas.y += this.headerHeight - ROW_H * (0.9 * this.meta.strings.length + 0.4);
    canvas.rule(canvas.y);
    canvas.y += ROW_H * 0.4;
    this.inTable = true;
  }

  private ensureRowSlot() {
    if (this.canvas.doc.page == null || this.rowsOnPage >= this.rowsPerPage) this.canvas.addPage();
    if (!this.inTable) this.tableHeader();
  }

  /** A bold heading that takes one row slot (so pagination stays fixed-size). */
  heading(text: string) {
    this.ensureRowSlot();
    this.canvas.cell(text, MARGIN_X, this.canvas.innerWidth, true, FONT_SIZE + 0.5);
    this.canvas.y += ROW_H;
    this.rowsOnPage++;
  }

  /** One signature row. `number` is its position among the online signatures of the whole list. */
  row(r: ListRow, number: number) {
    this.ensureRowSlot();
    const s = this.s;
    const canvas = this.canvas;
    if (this.rowsOnPage % 2 === 1) canvas.band(ROW_H);
    const c = this.cols;
    const unnamedPaper = r.kind === "paper" && r.name === null;
    const label = r.kind === "paper" ? s.paperLabel : String(number);
    // A bilingual packet says "Anonymous / Anónimo", so readers of either language understand.
    const name = unnamedPaper
      ? s.paperUnnamed(r.count)
      : (r.name ?? inEveryLanguage(this.meta.strings, (x) => x.anonymous));
    canvas.cell(label, c[0]!.x, c[0]!.w, r.kind === "paper");
    canvas.cell(name, c[1]!.x, unnamedPaper ? c[1]!.w + c[2]!.w : c[1]!.w);
    if (!unnamedPaper) canvas.cell(r.city, c[2]!.x, c[2]!.w);
    canvas.cell(r.region, c[3]!.x, c[3]!.w);
    canvas.cell(r.date, c[4]!.x, c[4]!.w);
    canvas.y += ROW_H;
    this.rowsOnPage++;
  }

  cover(pages: CoverLetterPage[]) {
    drawCoverLetter(this.canvas, pages);
    // The list starts on a fresh page.
    this.rowsOnPage = this.rowsPerPage;
  }

  comments(batch: PrintedComment[], first: boolean) {
    drawComments(this.canvas, this.meta.strings, batch, first);
  }

  finalPage(sections: VerificationSection[]) {
    drawVerificationPage(this.canvas, sections);
  }

  /** Writes the running headers (now that M is known) and returns the finished file. */
  async finish(): Promise<{ bytes: Buffer; pageCount: number }> {
    const canvas = this.canvas;
    const doc = canvas.doc;
    if (!doc.page) canvas.addPage();
    canvas.flush();
    const range = doc.bufferedPageRange();
    const total = range.count;
    const s = this.meta.strings;
    const right = canvas.width - MARGIN_X;
    const half = canvas.innerWidth / 2;
    const idLabel = [
      s[0]!.packet(this.meta.packetId),
      this.meta.volumeCount > 1 ? s[0]!.volume(this.meta.volume, this.meta.volumeCount) : null,
    ]
      .filter(Boolean)
      .join(" · ");
    for (let i = 0; i < total; i++) {
      doc.switchToPage(range.start + i);
      const pageLabel = s.map((x) => x.page(i + 1, total)).join(" · ");
      canvas.y = 20;
      canvas.cell(this.meta.petitionTitle, MARGIN_X, half + 40, true, 8.5, 0);
      canvas.rightCell(pageLabel, right, true, 8.5);
      canvas.y = 32;
      canvas.cell(this.meta.officeName, MARGIN_X, half + 40, false, 8, 0);
      canvas.rightCell(idLabel, right, false, 8);
      canvas.rule(50, 0.8);
      canvas.flush();
    }
    return { bytes: await canvas.end(), pageCount: total };
  }
}

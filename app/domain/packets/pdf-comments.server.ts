// The signers' public comments in the PDF, after the list: quoted, attributed, contact details
// struck out. Called batch by batch so a national petition's comments never sit in memory at once.
import { BOTTOM, MARGIN_X, type PdfCanvas } from "./pdf-canvas.server";
import { OUTSIDE_WIN_ANSI, OUTSIDE_WIN_ANSI_ALL } from "./pdf-fonts.server";
import { inEveryLanguage, redactContact, type PdfStrings } from "./print-wording";

export type PrintedComment = { name: string | null; city: string; comment: string };

export function drawComments(
  canvas: PdfCanvas,
  strings: PdfStrings[],
  batch: PrintedComment[],
  first: boolean,
) {
  const doc = canvas.doc;
  const w = canvas.innerWidth;
  if (first) {
    canvas.addPage();
    canvas.para(
      inEveryLanguage(strings, (x) => x.commentsHeading),
      { size: 13, bold: true, gap: 4 },
    );
    canvas.para(
      inEveryLanguage(strings, (x) => x.commentsIntro),
      { size: 9.5, gap: 12 },
    );
  }
  canvas.flush();
  for (const c of batch) {
    const quote = `“${redactContact(c.comment.trim())}”`;
    const by = strings[0]!.commentBy(
      c.name ?? inEveryLanguage(strings, (x) => x.anonymous),
      c.city,
    );
    const uni = canvas.hasUnicode && (OUTSIDE_WIN_ANSI.test(quote) || OUTSIDE_WIN_ANSI.test(by));
    doc.font(uni ? "Uni" : "Helvetica").fontSize(10);
    const h = doc.heightOfString(quote, { width: w, lineGap: 1.5 }) + 26;
    if (canvas.y + h > canvas.height - BOTTOM) canvas.addPage();
    doc
      .fillColor("#000")
      .text(
        canvas.hasUnicode ? quote : quote.replace(OUTSIDE_WIN_ANSI_ALL, "?"),
        MARGIN_X,
        canvas.y,
        { width: w, lineGap: 1.5 },
      );
    doc
      .font(uni ? "Uni" : "Helvetica-Oblique")
      .fontSize(9)
      .fillColor("#333")
      .text(by, MARGIN_X, doc.y + 2, { width: w, lineBreak: false });
    canvas.y = doc.y + 12;
  }
}

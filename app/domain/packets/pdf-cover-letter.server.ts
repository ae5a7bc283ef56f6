// The cover letter in the PDF: one letter per language, each followed by the petition it carries.
// The words come from cover-letter.ts (shared with the print view); this only lays them out.
import type { CoverLetterPage } from "./cover-letter";
import type { PdfCanvas } from "./pdf-canvas.server";

export function drawCoverLetter(canvas: PdfCanvas, pages: CoverLetterPage[]) {
  for (const page of pages) {
    canvas.addPage();
    canvas.para(page.date, { size: 10, gap: 14 });
    page.recipient.forEach((line, j) =>
      canvas.para(line, {
        size: 10.5,
        bold: j === 0,
        gap: j === page.recipient.length - 1 ? 18 : 0,
      }),
    );
    canvas.para(page.salutation, { gap: 10 });
    canvas.para(page.body);
    canvas.para(page.inPacket);
    canvas.para(page.privacy);
    canvas.para(page.ask, { gap: 16 });
    canvas.para(page.closing, { gap: 2 });
    canvas.para(page.signedBy, { bold: true, gap: 24 });
    // The petition's heading never sits alone at the foot of a page.
    canvas.ensureSpace(80);
    canvas.para(page.petitionHeading, { size: 13, bold: true, gap: 6 });
    canvas.para(page.petitionTitle, { size: 12, bold: true, gap: 6 });
    if (page.petitionSummary) canvas.para(page.petitionSummary, { size: 10.5, gap: 10 });
    for (const p of page.petitionParagraphs) canvas.para(p, { size: 10, gap: 6 });
  }
}

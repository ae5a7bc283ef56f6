// The PDF's last page: counts, snapshot time, fingerprint and where to check it, in every language
// of the packet. The words come from verification-page.ts (shared with the print view).
import type { PdfCanvas } from "./pdf-canvas.server";
import type { VerificationSection } from "./verification-page";

export function drawVerificationPage(canvas: PdfCanvas, sections: VerificationSection[]) {
  canvas.addPage();
  sections.forEach((x, i) => {
    if (i > 0) canvas.y += 18;
    canvas.para(x.heading, { size: 14, bold: true, gap: 10 });
    canvas.para(x.total, { size: 12, bold: true, gap: 4 });
    canvas.para(x.split, { gap: 4 });
    canvas.para(x.volumes, { gap: 4 });
    canvas.para(x.snapshot, { gap: 10 });
    canvas.para(x.fingerprintLabel, { bold: true, gap: 3 });
    canvas.para(x.fingerprint, { font: "Courier", size: 9.5, gap: 10 });
    canvas.para(x.verifyAt, { bold: true, gap: 6 });
    canvas.para(x.how, { size: 9, gap: 4 });
  });
}

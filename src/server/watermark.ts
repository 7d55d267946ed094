import { PDFDocument, StandardFonts, degrees, rgb } from 'pdf-lib';

export interface Watermark {
  email: string;
  company: string;
  requestId: string;
  /** YYYY-MM-DD */
  date: string;
}

// Standard PDF fonts encode WinAnsi only; anything else would make pdf-lib throw.
const printable = (text: string) => text.normalize('NFKD').replace(/[^\x20-\x7E]/g, '?');

/**
 * Stamps every page with who received the document: a footer line and a light diagonal mark,
 * so a leaked copy names its source.
 */
export async function watermarkPdf(original: Uint8Array, mark: Watermark): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(original);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const line = printable(`Confidential - provided to ${mark.email} (${mark.company}) - request ${mark.requestId} - ${mark.date}`);
  const diagonal = printable(`${mark.email} - ${mark.requestId}`);
  for (const page of pdf.getPages()) {
    const { width, height } = page.getSize();
    const size = Math.min(8, (width - 40) / font.widthOfTextAtSize(line, 1));
    page.drawText(line, { x: 20, y: 12, size, font, color: rgb(0.45, 0.1, 0.1) });
    const big = Math.min(28, (Math.hypot(width, height) * 0.7) / font.widthOfTextAtSize(diagonal, 1));
    page.drawText(diagonal, {
      x: width * 0.14,
      y: height * 0.2,
      size: big,
      font,
      color: rgb(0.75, 0.2, 0.2),
      opacity: 0.16,
      rotate: degrees((Math.atan2(height, width) * 180) / Math.PI),
    });
  }
  pdf.setSubject(`Provided to ${printable(mark.email)} under request ${mark.requestId}`);
  return pdf.save();
}

import { PDFDocument, StandardFonts, degrees, rgb } from 'pdf-lib';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

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

/** Office Open XML formats marked through their XML; anything else gated cannot be marked. */
export const officeContentTypes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;
export type OfficeFormat = keyof typeof officeContentTypes;

const xmlText = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const markLine = (mark: Watermark) =>
  `Shared with ${mark.email} (${mark.company}) on ${mark.date}, request ${mark.requestId}. Confidential: do not forward.`.replace(/\s+/g, ' ');

const CORE = 'docProps/core.xml';
const coreNamespaces =
  'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

/** The document properties (File › Info) carry the mark: description and keywords, replacing any there were. */
function markCoreProperties(files: Record<string, Uint8Array>, line: string): void {
  const fields = `<dc:description>${xmlText(line)}</dc:description><cp:keywords>${xmlText(line)}</cp:keywords>`;
  const existing = files[CORE] && strFromU8(files[CORE]);
  if (existing?.includes('</cp:coreProperties>')) {
    const cleaned = existing
      .replace(/<dc:description\b[^>]*\/>|<dc:description\b[^>]*>[\s\S]*?<\/dc:description>/g, '')
      .replace(/<cp:keywords\b[^>]*\/>|<cp:keywords\b[^>]*>[\s\S]*?<\/cp:keywords>/g, '');
    files[CORE] = strToU8(cleaned.replace('</cp:coreProperties>', () => `${fields}</cp:coreProperties>`));
    return;
  }
  files[CORE] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties ${coreNamespaces}>${fields}</cp:coreProperties>`);
  const types = strFromU8(files['[Content_Types].xml']!);
  if (!types.includes('/docProps/core.xml'))
    files['[Content_Types].xml'] = strToU8(
      types.replace('</Types>', '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'),
    );
  const rels = files['_rels/.rels'] && strFromU8(files['_rels/.rels']);
  if (rels && !rels.includes('docProps/core.xml'))
    files['_rels/.rels'] = strToU8(
      rels.replace(
        '</Relationships>',
        '<Relationship Id="rIdCharterCore" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
      ),
    );
}

// Elements that follow <headerFooter> in a worksheet (ECMA-376 CT_Worksheet order): the header goes before the first present.
const afterHeaderFooter = [
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

/**
 * Every worksheet prints the mark in the centre of its page header, beside whatever header it
 * had ("&" is doubled: it starts a header code).
 */
function markWorksheet(xml: string, line: string): string {
  const centre = `&amp;C${xmlText(line.replace(/&/g, '&&'))}`;
  const existing = /<headerFooter\b[^>]*>([\s\S]*?)<\/headerFooter>/.exec(xml);
  if (existing) {
    const inner = /<oddHeader>[\s\S]*?<\/oddHeader>/.test(existing[1]!)
      ? existing[1]!.replace(
          /<oddHeader>([\s\S]*?)<\/oddHeader>/,
          (_, header: string) => `<oddHeader>${header.replace(/&amp;C[\s\S]*?(?=&amp;[LR]|$)/, '')}${centre}</oddHeader>`,
        )
      : `<oddHeader>${centre}</oddHeader>${existing[1]}`;
    return xml.replace(existing[0], () => existing[0].replace(existing[1]!, () => inner));
  }
  const headerFooter = `<headerFooter><oddHeader>${centre}</oddHeader></headerFooter>`;
  const cleaned = xml.replace(/<headerFooter\b[^>]*\/>/, '');
  for (const name of afterHeaderFooter) {
    const at = cleaned.search(new RegExp(`<${name}[\\s/>]`));
    if (at >= 0) return cleaned.slice(0, at) + headerFooter + cleaned.slice(at);
  }
  return cleaned.replace('</worksheet>', () => `${headerFooter}</worksheet>`);
}

/** The document opens with the mark as its first paragraph. */
function markWordDocument(xml: string, line: string): string {
  const paragraph = `<w:p><w:r><w:rPr><w:color w:val="666666"/><w:sz w:val="16"/></w:rPr><w:t xml:space="preserve">${xmlText(line)}</w:t></w:r></w:p>`;
  return xml.replace('<w:body>', () => `<w:body>${paragraph}`);
}

/**
 * Marks an XLSX or DOCX through its XML: the document properties name the recipient and request,
 * every worksheet prints it in its header and footer, a Word document opens with it. Throws when
 * the file is not the package it claims to be, so nothing goes out unmarked.
 */
export function watermarkOffice(original: Uint8Array, format: OfficeFormat, mark: Watermark): Uint8Array {
  const files = unzipSync(original);
  const line = markLine(mark);
  if (!files['[Content_Types].xml']) throw new Error(`not an Office Open XML package (${format})`);
  markCoreProperties(files, line);
  if (format === 'xlsx') {
    const sheets = Object.keys(files).filter((name) => /^xl\/worksheets\/[^/]+\.xml$/.test(name));
    if (sheets.length === 0) throw new Error('the workbook has no worksheets to mark');
    for (const name of sheets) files[name] = strToU8(markWorksheet(strFromU8(files[name]!), line));
  } else {
    const body = files['word/document.xml'];
    if (!body || !strFromU8(body).includes('<w:body>')) throw new Error('the Word document has no body to mark');
    files['word/document.xml'] = strToU8(markWordDocument(strFromU8(body), line));
  }
  return zipSync(files, { level: 6 });
}

// PDF layout for the example documents: a cursor that flows headings, paragraphs, lists and
// tables over A4 pages with pdf-lib. Only the standard Helvetica fonts are used, which encode
// WinAnsi characters only; clean() enforces that. Metadata dates come from each document's
// `updated` date, so the same input always gives the same bytes.

import pdfLib from 'pdf-lib'; // CommonJS package: import the default export
import { COMPANY, CREATOR, LEGAL_NAME } from './company.mjs';

const { PDFDocument, StandardFonts, rgb } = pdfLib;
const PRODUCER = 'pdf-lib';

const REPLACEMENTS = [
  [/[\u2010\u2011\u2012\u2013\u2014\u2212]/g, '-'],
  [/[\u2018\u2019\u201a]/g, "'"],
  [/[\u201c\u201d\u201e]/g, '"'],
  [/\u2026/g, '...'],
  [/[\u00a0\u2009\u202f]/g, ' '],
  [/\u2192/g, '->'],
  [/\u2264/g, '<='],
  [/\u2265/g, '>='],
];

/** Replaces typographic characters with ASCII and refuses anything outside Latin-1 (a WinAnsi subset). */
export function clean(value) {
  let text = String(value);
  for (const [pattern, replacement] of REPLACEMENTS) text = text.replace(pattern, replacement);
  const bad = text.match(/[^\x20-\x7e\xa0-\xff\n]/);
  if (bad) {
    throw new Error(`U+${bad[0].codePointAt(0).toString(16).padStart(4, '0')} cannot be encoded in WinAnsi: "${text}"`);
  }
  return text;
}

/** Splits "**bold** regular" markup into runs of { text, bold }. */
function parseRuns(text) {
  return clean(text)
    .split('**')
    .map((part, i) => ({ text: part, bold: i % 2 === 1 }))
    .filter((run) => run.text !== '');
}

/**
 * Wraps runs of text to maxWidth. Returns lines; each line is a list of { text, font, x }.
 * A "\n" forces a line break. Words longer than a line are broken by character.
 */
function wrapRuns(runs, fonts, size, maxWidth) {
  const words = [];
  let pendingSpace = false;
  for (const run of runs) {
    const font = run.bold ? fonts.bold : fonts.regular;
    for (const part of run.text.split(/(\n|[ \t]+)/)) {
      if (part === '\n') {
        words.push({ newline: true });
        pendingSpace = false;
      } else if (/^[ \t]+$/.test(part)) {
        pendingSpace = true;
      } else if (part) {
        words.push({ text: part, font, space: pendingSpace });
        pendingSpace = false;
      }
    }
  }
  const lines = [];
  let line = [];
  let width = 0;
  const push = () => {
    lines.push(line);
    line = [];
    width = 0;
  };
  for (const word of words) {
    if (word.newline) {
      push();
      continue;
    }
    let text = word.text;
    const spaceWidth = line.length && word.space ? word.font.widthOfTextAtSize(' ', size) : 0;
    let w = word.font.widthOfTextAtSize(text, size);
    if (line.length && width + spaceWidth + w > maxWidth) push();
    // Hard-break a word that cannot fit on a line of its own.
    while (w > maxWidth) {
      let cut = text.length - 1;
      while (cut > 1 && word.font.widthOfTextAtSize(text.slice(0, cut), size) > maxWidth - width) cut--;
      line.push({ text: text.slice(0, cut), font: word.font, x: width });
      push();
      text = text.slice(cut);
      w = word.font.widthOfTextAtSize(text, size);
    }
    const gap = line.length && word.space ? word.font.widthOfTextAtSize(' ', size) : 0;
    const last = line[line.length - 1];
    if (last && last.font === word.font) {
      last.text += (gap ? ' ' : '') + text;
    } else {
      line.push({ text: (gap && last ? ' ' : '') + text, font: word.font, x: width });
    }
    width += gap + w;
  }
  if (line.length) push();
  return lines;
}

/** Wraps plain text with one font: the small helper the layout code builds on. */
export function wrap(text, font, size, maxWidth) {
  const fonts = { regular: font, bold: font };
  return wrapRuns([{ text: clean(text), bold: false }], fonts, size, maxWidth).map((line) => line.map((run) => run.text).join(''));
}

function lineWidth(line, size) {
  const last = line[line.length - 1];
  return last ? last.x + last.font.widthOfTextAtSize(last.text, size) : 0;
}

function hex(value) {
  const n = parseInt(value.slice(1), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

export const C = {
  ink: hex('#0f172a'),
  ink2: hex('#334155'),
  muted: hex('#64748b'),
  rule: hex('#cbd5e1'),
  faint: hex('#e2e8f0'),
  zebra: hex('#f8fafc'),
  accent: hex('#0f766e'),
  accentInk: hex('#0b5f58'),
  accentSoft: hex('#e6f4f2'),
  white: rgb(1, 1, 1),
};

const A4 = [595.28, 841.89];
export const A4_LANDSCAPE = [841.89, 595.28];

export function longDate(iso) {
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${months[m - 1]} ${y}`;
}

// Page layout: a cursor that flows headings, paragraphs, lists and tables over A4 pages

export class Doc {
  static async create(meta, options = {}) {
    const pdf = await PDFDocument.create({ updateMetadata: false });
    const fonts = {
      regular: await pdf.embedFont(StandardFonts.Helvetica),
      bold: await pdf.embedFont(StandardFonts.HelveticaBold),
    };
    return new Doc(pdf, fonts, meta, options);
  }

  constructor(pdf, fonts, meta, options) {
    this.pdf = pdf;
    this.fonts = fonts;
    this.meta = meta;
    this.size = options.size ?? A4;
    this.margin = { top: 78, bottom: 66, left: 58, right: 58, ...options.margin };
    this.headerTitle = clean(options.headerTitle ?? meta.title);
    this.footerNote = clean(options.footerNote ?? '');
    this.author = options.author ?? LEGAL_NAME;
    this.pages = [];
    this.marks = {};
    this.addPage();
  }

  get left() {
    return this.margin.left;
  }
  get width() {
    return this.size[0] - this.margin.left - this.margin.right;
  }
  get atTop() {
    return this.y >= this.size[1] - this.margin.top - 0.5;
  }

  addPage() {
    this.page = this.pdf.addPage(this.size);
    this.pages.push(this.page);
    this.y = this.size[1] - this.margin.top;
  }

  mark(name) {
    this.marks[name] = this.pages.length;
  }

  space(h) {
    if (!this.atTop) this.y -= h;
  }

  ensure(h) {
    if (this.y - h < this.margin.bottom) this.addPage();
  }

  draw(text, x, y, { bold = false, size = 9.5, color = C.ink } = {}) {
    this.page.drawText(clean(text), { x, y, size, font: bold ? this.fonts.bold : this.fonts.regular, color });
  }

  drawCentered(text, y, opts = {}) {
    const font = opts.bold ? this.fonts.bold : this.fonts.regular;
    const w = font.widthOfTextAtSize(clean(text), opts.size ?? 9.5);
    this.draw(text, (this.size[0] - w) / 2, y, opts);
  }

  /** Flows wrapped text at the cursor, breaking pages between lines. */
  text(text, { size = 9.5, leading = size * 1.42, indent = 0, width, color = C.ink, bold = false, align = 'left', after = 6 } = {}) {
    const maxWidth = (width ?? this.width) - indent;
    const runs = parseRuns(text).map((run) => ({ ...run, bold: run.bold || bold }));
    for (const line of wrapRuns(runs, this.fonts, size, maxWidth)) {
      this.ensure(leading);
      let x = this.left + indent;
      if (align === 'center') x = this.left + indent + (maxWidth - lineWidth(line, size)) / 2;
      for (const run of line) {
        this.page.drawText(run.text, { x: x + run.x, y: this.y - size, size, font: run.font, color });
      }
      this.y -= leading;
    }
    this.y -= after;
  }

  p(text, opts) {
    this.text(text, opts);
  }

  title(text, subtitle) {
    this.text(text, { size: 22, leading: 27, bold: true, color: C.ink, after: 4 });
    if (subtitle) this.text(subtitle, { size: 11, leading: 15, color: C.ink2, after: 4 });
  }

  heading(text, level = 1) {
    const size = level === 1 ? 13.5 : 10.5;
    this.space(level === 1 ? 12 : 8);
    this.ensure(size * 1.3 + 40); // keep a heading with the start of what follows
    this.text(text, { size, leading: size * 1.3, bold: true, color: level === 1 ? C.accentInk : C.ink, after: level === 1 ? 5 : 3 });
  }

  bullets(items, { numbered = false, size = 9.5, after = 6 } = {}) {
    const indent = numbered ? 18 : 14;
    items.forEach((item, i) => {
      const leading = size * 1.42;
      this.ensure(leading);
      if (numbered) {
        this.draw(`${i + 1}.`, this.left + 2, this.y - size, { size, color: C.ink2 });
      } else {
        this.page.drawRectangle({ x: this.left + 3, y: this.y - size + 2.2, width: 3.2, height: 3.2, color: C.accent });
      }
      this.text(item, { size, leading, indent, after: 2.5 });
    });
    this.y -= after - 2.5;
  }

  /**
   * A table with wrapped cells. columns: [{ title, width (fraction) }]. Rows break between pages
   * and the header row repeats on each page.
   */
  table(columns, rows, { size = 8.5, leading = size * 1.36, pad = 4.5, header = true, zebra = true, boldFirst = false, after = 10 } = {}) {
    const total = columns.reduce((sum, c) => sum + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
    const layout = (cells, bold) =>
      cells.map((cell, i) =>
        wrapRuns(
          parseRuns(cell ?? '').map((run) => ({ ...run, bold: run.bold || bold || (boldFirst && i === 0) })),
          this.fonts,
          size,
          widths[i] - 2 * pad,
        ),
      );
    const heightOf = (cellLines) => Math.max(1, ...cellLines.map((l) => l.length)) * leading + 2 * pad - (leading - size) + 2;
    const drawRow = (cellLines, { fill, color = C.ink }) => {
      const h = heightOf(cellLines);
      if (fill) this.page.drawRectangle({ x: this.left, y: this.y - h, width: this.width, height: h, color: fill });
      cellLines.forEach((lines, i) => {
        lines.forEach((line, j) => {
          for (const run of line) {
            this.page.drawText(run.text, {
              x: xs[i] + pad + run.x,
              y: this.y - pad - size - j * leading + 1,
              size,
              font: run.font,
              color,
            });
          }
        });
      });
      this.y -= h;
      this.page.drawLine({ start: { x: this.left, y: this.y }, end: { x: this.left + this.width, y: this.y }, thickness: 0.5, color: C.rule });
    };
    const headerLines = header
      ? layout(
          columns.map((c) => c.title),
          true,
        )
      : null;
    const drawHeader = () => {
      if (!headerLines) return;
      this.page.drawLine({ start: { x: this.left, y: this.y }, end: { x: this.left + this.width, y: this.y }, thickness: 0.8, color: C.accent });
      drawRow(headerLines, { fill: C.accentSoft, color: C.accentInk });
    };
    const headerHeight = headerLines ? heightOf(headerLines) : 0;
    this.ensure(headerHeight + leading * 3);
    drawHeader();
    if (!headerLines) {
      this.page.drawLine({ start: { x: this.left, y: this.y }, end: { x: this.left + this.width, y: this.y }, thickness: 0.5, color: C.rule });
    }
    rows.forEach((row, r) => {
      const cellLines = layout(row, false);
      const h = heightOf(cellLines);
      if (this.y - h < this.margin.bottom) {
        this.addPage();
        drawHeader();
      }
      drawRow(cellLines, { fill: zebra && r % 2 === 1 ? C.zebra : undefined });
    });
    this.y -= after;
  }

  /** Label/value pairs as a borderless two-column table. */
  facts(pairs, { labelWidth = 0.27, size = 9 } = {}) {
    this.table(
      [
        { title: '', width: labelWidth },
        { title: '', width: 1 - labelWidth },
      ],
      pairs,
      { header: false, zebra: false, boldFirst: true, size },
    );
  }

  /** A tinted box with wrapped text, kept on one page. */
  callout(text, { size = 9, fill = C.accentSoft, color = C.ink, border = C.accent } = {}) {
    const pad = 9;
    const leading = size * 1.42;
    const lines = wrapRuns(parseRuns(text), this.fonts, size, this.width - 2 * pad - 3);
    const h = lines.length * leading + 2 * pad - (leading - size);
    this.ensure(h + 4);
    this.page.drawRectangle({ x: this.left, y: this.y - h, width: this.width, height: h, color: fill });
    this.page.drawRectangle({ x: this.left, y: this.y - h, width: 3, height: h, color: border });
    lines.forEach((line, j) => {
      for (const run of line) {
        this.page.drawText(run.text, { x: this.left + pad + 3 + run.x, y: this.y - pad - size - j * leading + 1, size, font: run.font, color });
      }
    });
    this.y -= h + 10;
  }

  /** Signature lines side by side: [{ name, role, note }]. */
  signatures(people, { line = true } = {}) {
    const gap = 24;
    const w = Math.min(220, (this.width - gap * (people.length - 1)) / people.length);
    this.ensure(70);
    const top = this.y - 30;
    people.forEach((person, i) => {
      const x = this.left + i * (w + gap);
      if (line) this.page.drawLine({ start: { x, y: top }, end: { x: x + w, y: top }, thickness: 0.6, color: C.ink2 });
      if (person.sign) this.draw(person.sign, x + 2, top + 6, { size: 12, color: C.accentInk, bold: true });
      this.draw(person.name, x, top - 12, { bold: true, size: 9 });
      this.draw(person.role, x, top - 24, { size: 8.5, color: C.ink2 });
      if (person.note) this.draw(person.note, x, top - 35, { size: 8.5, color: C.muted });
    });
    this.y = top - 48;
  }

  pageBreak() {
    if (!this.atTop) this.addPage();
  }

  drawChrome({ headerY, footerY } = {}) {
    const [w, h] = this.size;
    const hy = headerY ?? h - 40;
    const fy = footerY ?? 34;
    const n = this.pages.length;
    this.pages.forEach((page, i) => {
      page.drawText(clean(COMPANY), { x: this.left, y: hy, size: 8.5, font: this.fonts.bold, color: C.accentInk });
      const tw = this.fonts.regular.widthOfTextAtSize(this.headerTitle, 8.5);
      page.drawText(this.headerTitle, { x: w - this.margin.right - tw, y: hy, size: 8.5, font: this.fonts.regular, color: C.muted });
      page.drawLine({ start: { x: this.left, y: hy - 7 }, end: { x: w - this.margin.right, y: hy - 7 }, thickness: 0.6, color: C.rule });
      page.drawLine({ start: { x: this.left, y: fy + 12 }, end: { x: w - this.margin.right, y: fy + 12 }, thickness: 0.6, color: C.rule });
      if (this.footerNote) page.drawText(this.footerNote, { x: this.left, y: fy, size: 7.5, font: this.fonts.regular, color: C.muted });
      const label = `Page ${i + 1} of ${n}`;
      const lw = this.fonts.regular.widthOfTextAtSize(label, 7.5);
      page.drawText(label, { x: w - this.margin.right - lw, y: fy, size: 7.5, font: this.fonts.regular, color: C.muted });
    });
  }

  async save(chrome) {
    this.drawChrome(chrome);
    const date = new Date(`${this.meta.updated}T09:00:00Z`);
    this.pdf.setTitle(clean(this.meta.title));
    this.pdf.setAuthor(clean(this.author));
    if (this.meta.subject) this.pdf.setSubject(clean(this.meta.subject));
    this.pdf.setCreator(CREATOR);
    this.pdf.setProducer(PRODUCER);
    this.pdf.setLanguage('en-GB');
    this.pdf.setCreationDate(date);
    this.pdf.setModificationDate(date);
    return this.pdf.save({ useObjectStreams: true });
  }
}

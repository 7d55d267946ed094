// Regenerate the example trust-center documents listed in content/trust/documents.yaml: node scripts/make-example-documents.mjs
//
// Public documents are written to public/documents/, gated ones (access: nda or approval) to
// content/trust/gated/. Output is deterministic: metadata dates come from each document's
// `updated` date, so rerunning the script reproduces the same bytes. PDFs use only the
// standard Helvetica fonts, which can encode WinAnsi characters only; clean() enforces that.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync, crc32 } from 'node:zlib';
import pdfLib from 'pdf-lib'; // CommonJS package: import the default export

const { PDFDocument, StandardFonts, rgb } = pdfLib;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PUBLIC_DIR = join(root, 'public', 'documents');
const GATED_DIR = join(root, 'content', 'trust', 'gated');

const COMPANY = 'Kestrel Systems';
const LEGAL_NAME = 'Kestrel Systems GmbH';
const CREATOR = 'Kestrel Systems document generator (scripts/make-example-documents.mjs)';
const PRODUCER = 'pdf-lib';

// ---------------------------------------------------------------------------------------------
// documents.yaml: a minimal reader for the flat list it contains (id, title, access, file, updated)

function readDocumentList() {
  const text = readFileSync(join(root, 'content', 'trust', 'documents.yaml'), 'utf8');
  const docs = [];
  let current = null;
  for (const line of text.split('\n')) {
    const item = line.match(/^\s*-\s+id:\s*(\S+)\s*$/);
    if (item) {
      current = { id: item[1] };
      docs.push(current);
      continue;
    }
    const field = line.match(/^\s{4}(title|access|file|updated):\s*(.+?)\s*$/);
    if (field && current) current[field[1]] = field[2].replace(/^["']|["']$/g, '');
  }
  return docs;
}

// ---------------------------------------------------------------------------------------------
// Text helpers

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
function clean(value) {
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
function wrap(text, font, size, maxWidth) {
  const fonts = { regular: font, bold: font };
  return wrapRuns([{ text: clean(text), bold: false }], fonts, size, maxWidth).map((line) =>
    line.map((run) => run.text).join(''),
  );
}

function lineWidth(line, size) {
  const last = line[line.length - 1];
  return last ? last.x + last.font.widthOfTextAtSize(last.text, size) : 0;
}

function hex(value) {
  const n = parseInt(value.slice(1), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

const C = {
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
const A4_LANDSCAPE = [841.89, 595.28];

function longDate(iso) {
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${months[m - 1]} ${y}`;
}

// ---------------------------------------------------------------------------------------------
// Page layout: a cursor that flows headings, paragraphs, lists and tables over A4 pages

class Doc {
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
    const headerLines = header ? layout(columns.map((c) => c.title), true) : null;
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

// ---------------------------------------------------------------------------------------------
// ISO/IEC 27001 certificate (public)

async function isoCertificate(meta) {
  const certNo = 'BAC-27001-2509-0417';
  const doc = await Doc.create(
    { ...meta, subject: `ISO/IEC 27001:2022 certificate ${certNo} for ${LEGAL_NAME}` },
    {
      size: A4_LANDSCAPE,
      margin: { top: 70, bottom: 60, left: 42, right: 42 },
      footerNote: `Certificate ${certNo} issued by Baltic Assurance Certification GmbH, Rostock`,
      author: 'Baltic Assurance Certification GmbH',
    },
  );
  const [W, H] = doc.size;
  const page = doc.page;
  const frame = { x: 42, y: 54, w: W - 84, h: H - 118 };
  page.drawRectangle({ x: frame.x, y: frame.y, width: frame.w, height: frame.h, borderColor: C.accent, borderWidth: 2.2 });
  page.drawRectangle({ x: frame.x + 6, y: frame.y + 6, width: frame.w - 12, height: frame.h - 12, borderColor: C.accent, borderWidth: 0.6 });
  // Corner ornaments
  for (const [cx, cy] of [
    [frame.x + 6, frame.y + 6],
    [frame.x + frame.w - 6, frame.y + 6],
    [frame.x + 6, frame.y + frame.h - 6],
    [frame.x + frame.w - 6, frame.y + frame.h - 6],
  ]) {
    page.drawRectangle({ x: cx - 4, y: cy - 4, width: 8, height: 8, color: C.accent, rotate: { type: 'degrees', angle: 0 } });
  }

  let y = frame.y + frame.h - 46;
  // Certification body mark
  const mark = 'BALTIC ASSURANCE CERTIFICATION GMBH';
  const spaced = mark.split('').join(' ');
  doc.drawCentered(spaced, y, { bold: true, size: 10, color: C.accentInk });
  y -= 15;
  doc.drawCentered('Management system certification', y, { size: 8.5, color: C.muted });
  y -= 32;
  doc.drawCentered('CERTIFICATE', y, { bold: true, size: 30, color: C.ink });
  y -= 20;
  doc.drawCentered(`Certificate number ${certNo}`, y, { size: 10, color: C.ink2 });
  y -= 28;
  doc.drawCentered('This is to certify that the information security management system of', y, { size: 10.5, color: C.ink2 });
  y -= 30;
  doc.drawCentered(LEGAL_NAME, y, { bold: true, size: 22, color: C.ink });
  y -= 16;
  doc.drawCentered('Berlin, Germany, with the sites Berlin (headquarters, engineering and operations) and Lisbon, Portugal (engineering)', y, {
    size: 9,
    color: C.ink2,
  });
  y -= 24;
  doc.drawCentered('has been audited and found to conform to the requirements of', y, { size: 10.5, color: C.ink2 });
  y -= 26;
  doc.drawCentered('ISO/IEC 27001:2022', y, { bold: true, size: 18, color: C.accentInk });
  y -= 23;
  doc.drawCentered('Scope of certification', y, { bold: true, size: 9, color: C.ink });
  y -= 14;
  const scope =
    'The information security management system supporting the design, manufacture provisioning and operation of the KG-200 industrial IoT gateway and the Kestrel Cloud telemetry platform: KestrelOS firmware development, signing and over-the-air distribution; issuance of device identities, including the Kestrel-operated provisioning station at the contract manufacturer; and the development, hosting, operation and support of the multi-tenant cloud service in AWS eu-central-1 and eu-west-1. Statement of Applicability version 5.1 of 4 August 2025.';
  for (const line of wrap(scope, doc.fonts.regular, 9, 600)) {
    doc.drawCentered(line, y, { size: 9, color: C.ink2 });
    y -= 12.5;
  }

  // Dates
  y -= 8;
  const cols = [
    ['Initial certification', '15 September 2022'],
    ['Certificate issued', longDate('2025-09-15')],
    ['Valid until', longDate('2028-09-14')],
  ];
  const colW = 170;
  const startX = (W - colW * 3) / 2;
  cols.forEach(([label, value], i) => {
    const cx = startX + i * colW + colW / 2;
    const lw = doc.fonts.regular.widthOfTextAtSize(label, 8);
    const vw = doc.fonts.bold.widthOfTextAtSize(value, 10.5);
    doc.draw(label, cx - lw / 2, y, { size: 8, color: C.muted });
    doc.draw(value, cx - vw / 2, y - 14, { bold: true, size: 10.5, color: C.ink });
    if (i > 0) page.drawLine({ start: { x: startX + i * colW, y: y + 8 }, end: { x: startX + i * colW, y: y - 18 }, thickness: 0.5, color: C.rule });
  });

  // Signatures and seal
  const sigY = frame.y + 76;
  const sig = (x, name, role, script) => {
    doc.draw(script, x + 4, sigY + 6, { size: 13, bold: true, color: C.accentInk });
    page.drawLine({ start: { x, y: sigY }, end: { x: x + 190, y: sigY }, thickness: 0.6, color: C.ink2 });
    doc.draw(name, x, sigY - 12, { bold: true, size: 9 });
    doc.draw(role, x, sigY - 23, { size: 8, color: C.ink2 });
  };
  sig(frame.x + 52, 'Dr. Henrike Albers', 'Managing Director, Baltic Assurance Certification GmbH', 'H. Albers');
  sig(frame.x + frame.w - 52 - 190, 'Mikkel S\u00f8rensen', 'Lead Auditor, recertification audit July 2025', 'M. S\u00f8rensen');
  const sealX = W / 2;
  const sealY = sigY + 4;
  page.drawCircle({ x: sealX, y: sealY, size: 30, borderColor: C.accent, borderWidth: 1.6 });
  page.drawCircle({ x: sealX, y: sealY, size: 25.5, borderColor: C.accent, borderWidth: 0.5 });
  for (const [text, dy, size, bold] of [
    ['BAC', 2, 13, true],
    ['ISMS', -9, 6.5, false],
    ['27001', 13, 6.5, false],
  ]) {
    const font = bold ? doc.fonts.bold : doc.fonts.regular;
    const tw = font.widthOfTextAtSize(text, size);
    page.drawText(text, { x: sealX - tw / 2, y: sealY + dy - size / 2 + 1, size, font, color: C.accentInk });
  }

  const small = [
    `This certificate remains valid subject to satisfactory annual surveillance audits. Verify its status at https://verify.baltic-assurance.example/${certNo}.`,
    'Baltic Assurance Certification GmbH, Hafenstrasse 14, 18055 Rostock, Germany.',
  ];
  let sy = frame.y + 22;
  for (const line of small) {
    doc.drawCentered(line, sy + 8, { size: 7, color: C.muted });
    sy -= 9;
  }
  return doc.save({ headerY: H - 34, footerY: 26 });
}

// ---------------------------------------------------------------------------------------------
// KG-200 security whitepaper (public)

async function kg200Whitepaper(meta) {
  const doc = await Doc.create(
    { ...meta, subject: 'How the KG-200 industrial IoT gateway protects itself, your data and your network' },
    { footerNote: `${LEGAL_NAME} | KG-200 security whitepaper, version 2.1 | Public` },
  );
  doc.title('KG-200 security whitepaper', 'How the KG-200 industrial IoT gateway protects itself, your data and your network');
  doc.text(`Version 2.1, ${longDate(meta.updated)}. Applies to KG-200 hardware revisions B and C running KestrelOS 4.7 or later.`, {
    size: 8.5,
    color: C.muted,
    after: 10,
  });

  doc.heading('1. Summary');
  doc.p(
    'The KG-200 connects sensors, meters and controllers on your site to Kestrel Cloud. Because it sits between your operational technology (OT) network and the internet, we designed it on the assumption that every side of it may be hostile: the plant network it reads from, the networks it sends through, and anyone who can touch the unit. This paper describes the protections built into the gateway, the services behind it, and what we recommend when you install it.',
  );
  doc.bullets([
    '**Only Kestrel-signed firmware runs.** The boot chain is anchored in one-time-programmable fuses in the processor, and older, vulnerable releases cannot be reinstalled.',
    '**Each gateway has its own identity.** Its private key is generated inside a secure element and never leaves it, so an identity cannot be copied to another device.',
    '**Updates are signed, staged and reversible.** A gateway that cannot boot an update returns to the previous version on its own, and a bad release is halted before it reaches most of the fleet.',
    '**Outbound only.** The gateway opens no listening ports towards the internet and needs no inbound firewall rules. It does not route traffic between its network interfaces.',
    '**Telemetry is signed and numbered.** Kestrel Cloud rejects data that has been forged, altered or replayed.',
  ]);

  doc.heading('2. Hardware at a glance');
  doc.table(
    [
      { title: 'Component', width: 0.24 },
      { title: 'What it does for security', width: 0.76 },
    ],
    [
      ['Application processor', '64-bit ARM SoC (quad-core Cortex-A53) with hardware cryptographic acceleration. One-time-programmable fuses hold the hash of the Kestrel boot verification key and lock the device into secure boot mode at manufacture.'],
      ['Secure element', 'Certified tamper-resistant chip that generates and stores the device private key (ECDSA P-256), signs telemetry and TLS handshakes, and keeps the monotonic counters used for anti-rollback and message sequencing.'],
      ['Storage', '16 GB eMMC with two system partitions (A and B) holding read-only, integrity-checked firmware images, and a separate data partition encrypted with a key bound to the secure element.'],
      ['Interfaces', 'Two Gigabit Ethernet ports (uplink and OT), two RS-485 ports for Modbus RTU, an optional LTE Cat 4 modem, and a USB-C service port used only for local recovery with signed images.'],
      ['Debug access', 'JTAG and the serial console are permanently disabled by fuses on production units before they leave the factory.'],
      ['Tamper switch', 'Detects opening of the enclosure, even without power. The event is recorded by the secure element and reported at the next connection; you can set gateways to refuse to start until an administrator acknowledges it.'],
    ],
  );

  doc.heading('3. Secure boot and anti-rollback');
  doc.p(
    'When the KG-200 powers on, the boot ROM in the processor checks the signature of the first-stage bootloader against the key hash burned into its fuses. The bootloader in turn verifies the signed firmware image, which contains the Linux kernel, device tree and root file system. If any signature fails, the gateway does not run the image. Because the trust anchor is in fuses, it cannot be changed by software, by the USB-C service port or by replacing the storage chip.',
  );
  doc.p(
    'The root file system is read-only and protected with dm-verity: every block is checked against a signed hash tree when it is read, so a change to a single byte on storage is detected at run time, not only at boot. Configuration, buffered telemetry and certificates live on the separate encrypted data partition.',
  );
  doc.p(
    '**Anti-rollback.** Every release carries a security version number. When a release fixes a vulnerability that must not return, we raise that number, and the gateway records the new minimum in a monotonic counter in the secure element after a successful boot. From then on it refuses any image with a lower number, so an attacker cannot install an older, genuinely signed release to reopen a fixed flaw. Ordinary feature releases do not raise the number, so you can still move between recent versions.',
  );
  doc.p(
    '**Failed boots.** The gateway installs an update into the inactive partition and tries it once. If the new image does not complete its health check, which includes reaching Kestrel Cloud, three boots in a row, the gateway switches back to the previous partition without anyone on site.',
  );

  doc.heading('4. Secure element and device identity');
  doc.p(
    'Each KG-200 receives its identity on the production line of our contract manufacturer, Norrland Electronics in Poland, from a provisioning station that Kestrel owns, configures and audits. The station asks the secure element to generate a key pair; the private key is created inside the chip and cannot be exported. The station then sends a certificate signing request to the Kestrel Device Issuing CA, which issues an X.509 certificate containing the gateway serial number. Each certificate is recorded in our device registry with its batch and station. A gateway that is not in the registry is refused even if its certificate chains correctly.',
  );
  doc.bullets([
    '**PKI.** The device root CA is offline, held in a hardware security module (HSM) under two-person control and used only in recorded ceremonies. Issuing CA keys are held in AWS CloudHSM.',
    '**Issuance limits.** The issuing CA accepts requests only from registered stations and only up to the production quantity authorised for that day. Every month we reconcile certificates issued against units shipped and investigate any difference.',
    '**Lifetime and renewal.** Device certificates are valid for 10 years. From 12 months before expiry the gateway renews its certificate automatically over its authenticated connection.',
    '**Revocation.** When a gateway is reported stolen, fails a tamper check or is scrapped, its certificate is revoked and published within 4 hours, and Kestrel Cloud refuses its next connection. You can revoke your own gateways from Fleet > Gateways in Kestrel Cloud.',
    '**Clone detection.** The same identity connecting from two places at once raises a security alert and leads to revocation.',
  ]);

  doc.heading('5. Signed, staged updates');
  doc.p(
    'KestrelOS release images are built only by isolated build runners from reviewed, tagged source, with pinned toolchains, and each build produces a software bill of materials (SBOM) and a provenance record. Release images are signed with ECDSA P-256 keys that are generated in and never leave a dedicated HSM. The HSM signs only when two of five named key custodians present their smartcards, and at least one custodian comes from outside the firmware team. No single Kestrel employee can sign firmware.',
  );
  doc.p(
    'The gateway verifies the signature and security version of an update before writing it to the inactive partition, so the security of an update does not depend on the network that delivered it. Updates reach the fleet in four stages, with cohorts drawn at random across customers:',
  );
  doc.table(
    [
      { title: 'Stage', width: 0.14 },
      { title: 'Share of the fleet', width: 0.3 },
      { title: 'Minimum time before the next stage', width: 0.56 },
    ],
    [
      ['1', '1%', '24 hours'],
      ['2', '10%', '48 hours'],
      ['3', '50%', '48 hours'],
      ['4', '100%', '-'],
    ],
  );
  doc.p(
    'The rollout service halts a release automatically, and pages our firmware on-call engineer, if more than 0.5% of updated gateways in a stage fail to boot it or roll back, if fewer than 98% reconnect within 30 minutes, if crash or watchdog resets exceed twice the previous release, or if telemetry signature failures rise. Updates install only inside the maintenance windows you set for each site. You can defer a feature release for up to 90 days; security releases install in your next window.',
  );

  doc.heading('6. Telemetry integrity');
  doc.bullets([
    'Gateways connect to Kestrel Cloud over MQTT with mutual TLS 1.2 or 1.3. The gateway authenticates with its device certificate and pins the Kestrel Cloud server CA, refusing any other, so TLS inspection proxies cannot intercept the connection.',
    'Each batch of readings is signed by the secure element and carries a 64-bit sequence number that survives reboots. Kestrel Cloud rejects batches with a bad signature, a repeated or lower sequence number, or an identity that does not match the connection, and alerts our security team when rejections rise.',
    'The device and tenant used inside Kestrel Cloud come from the authenticated certificate and the device registry, never from the message content, so one gateway cannot publish data as another or into another customer\'s account.',
    'Gateways set their clocks using Network Time Security (NTS), which authenticates the time source. Readings with implausible timestamps are flagged rather than silently stored.',
  ]);

  doc.heading('7. Network behaviour');
  doc.p('These are all the connections a KG-200 makes. Everything is initiated by the gateway.');
  doc.table(
    [
      { title: 'Interface', width: 0.14 },
      { title: 'Destination', width: 0.27 },
      { title: 'Protocol and port', width: 0.25 },
      { title: 'Purpose', width: 0.34 },
    ],
    [
      ['Uplink', 'mqtt.eu.kestrel.example', 'MQTT over TLS, TCP 8883', 'Telemetry, health reports, configuration'],
      ['Uplink', 'updates.kestrel.example', 'HTTPS, TCP 443', 'Firmware downloads and certificate renewal'],
      ['Uplink', 'nts.kestrel.example', 'NTS-KE TCP 4460, NTP UDP 123', 'Authenticated time'],
      ['Uplink', 'Your DNS resolver', 'UDP and TCP 53', 'Name resolution (static entries also supported)'],
      ['OT', 'Only the devices you configure', 'Modbus TCP 502, OPC UA 4840, Modbus RTU on RS-485', 'Reading values as a client'],
    ],
  );
  doc.bullets([
    'There are no listening services on the uplink interface and no SSH server on the gateway. Kestrel support cannot open a shell on your gateway; diagnostics are collected in a bundle that your administrators trigger, with credentials removed.',
    'IP forwarding is disabled and enforced by the KestrelOS firewall: the gateway never routes or bridges packets between the OT and uplink interfaces.',
    'Write operations towards plant equipment (Modbus writes, OPC UA method calls) are disabled by default. Only your tenant administrators can enable them, per register, and every change is recorded in your audit log. Kestrel staff cannot change which plant systems a gateway reads from.',
    'Outbound traffic can pass through an HTTP CONNECT proxy. The LTE modem can use a private APN.',
  ]);

  doc.heading('8. Recommended placement in an OT architecture');
  doc.p(
    'Treat the KG-200 as a conduit between your control network and the outside world, in the sense of the zones and conduits model of IEC 62443-3-3. In a Purdue-style architecture we recommend placing it in the industrial DMZ (level 3.5):',
  );
  doc.bullets(
    [
      'Connect the OT port to a dedicated VLAN or segment, and allow it to reach only the controllers, meters and OPC UA servers it reads from, on the ports it needs.',
      'Allow the uplink port only the outbound connections in section 7. No inbound rules are needed; block everything else.',
      'Mount the gateway in a locked cabinet, turn on the tamper start-up lock for unattended sites, and keep the USB-C service port covered.',
      'Give each site a maintenance window that suits its operations, and forward your Kestrel Cloud audit log to your SIEM through the API.',
      'Report lost, stolen or replaced gateways so that we revoke them, and return them to us for secure disposal.',
    ],
    { numbered: true },
  );

  doc.heading('9. Vulnerability handling and assurance');
  doc.p(
    'We check the KestrelOS SBOM against public vulnerability data every night and fix vulnerabilities in released firmware within set deadlines: 30 days for critical, 60 days for high. We publish advisories on our trust center, and security researchers can reach us at security@kestrel.example under our vulnerability disclosure policy. Each hardware revision receives security updates for at least eight years after its last sale.',
  );
  doc.p(
    'An independent firm tests the gateway hardware, firmware and update mechanism together with Kestrel Cloud every year. Firmware signing, device identity and the update service are in scope of our ISO/IEC 27001:2022 certificate and our SOC 2 Type II report. A component assessment of the KG-200 against IEC 62443-4-2 at security level 2 is under way, with certification expected in 2027.',
  );
  doc.callout(
    '**Questions?** Our security team answers technical questions from customers and prospects at security@kestrel.example. Reports, certificates and our security questionnaire are available at https://trust.kestrel.example.',
  );
  return doc.save();
}

// ---------------------------------------------------------------------------------------------
// Data processing agreement template (public)

async function dpaTemplate(meta) {
  const doc = await Doc.create(
    { ...meta, subject: 'Kestrel Systems data processing agreement under Article 28 GDPR, version 2026-01' },
    { footerNote: `${LEGAL_NAME} | Data processing agreement, version 2026-01` },
  );
  doc.title('Data processing agreement', 'Standard terms under Article 28 GDPR for Kestrel Cloud and the KG-200');
  doc.text(`Version 2026-01, ${longDate(meta.updated)}`, { size: 8.5, color: C.muted, after: 10 });
  const s = { size: 9, after: 4.5 };
  doc.p(
    'This data processing agreement ("DPA") is between the customer named in the order form ("Customer", the controller) and Kestrel Systems GmbH, Berlin ("Kestrel", the processor). It forms part of the Kestrel Cloud subscription agreement ("Agreement") and applies whenever Kestrel processes personal data on the Customer\'s behalf. Signing an order form that refers to this DPA is acceptance of it; we countersign a copy on request.',
    s,
  );

  const clauses = [
    ['1. Definitions and order of precedence', [
      'Terms such as "personal data", "processing" and "personal data breach" have the meaning given in the GDPR (Regulation (EU) 2016/679). If this DPA conflicts with the Agreement, this DPA prevails; if the Standard Contractual Clauses apply and conflict with this DPA, the Clauses prevail.',
    ]],
    ['2. Subject matter and instructions', [
      'Kestrel processes personal data only to provide Kestrel Cloud and related support, as described in Annex 1, and only on the Customer\'s documented instructions. The Agreement, this DPA, the Customer\'s configuration of its tenant and its support requests are the Customer\'s complete instructions. Kestrel tells the Customer promptly if it believes an instruction breaks data protection law.',
    ]],
    ['3. Confidentiality and security', [
      'Everyone at Kestrel who can access personal data is bound by confidentiality and trained in data protection and security. Kestrel maintains the technical and organisational measures in Annex 2. It may improve them over time but will not reduce the overall level of protection.',
    ]],
    ['4. Sub-processors', [
      'The Customer authorises Kestrel to use the sub-processors listed at https://trust.kestrel.example/subprocessors/ (Annex 3 shows the list at the date of this version). Kestrel gives at least 30 days\' notice of a new sub-processor on that page, in its feed, and by email to the Customer\'s privacy contact. The Customer may object on reasonable data protection grounds within that period. If we cannot resolve the objection, the Customer may terminate the affected service and receive a pro-rata refund of prepaid fees. Kestrel imposes data protection terms on each sub-processor that are no less protective than this DPA and remains responsible for its performance.',
    ]],
    ['5. Location and international transfers', [
      'Customer data in Kestrel Cloud is stored in the European Union (AWS Frankfurt, with disaster recovery in Ireland). Where a sub-processor accesses personal data from outside the EEA, Kestrel relies on an adequacy decision, including the EU-US Data Privacy Framework for certified recipients, or on the EU Standard Contractual Clauses (Module 2 where the Customer is a controller, Module 3 where it is a processor), which are incorporated by reference. Our transfer impact assessments are available on request.',
    ]],
    ['6. Assistance', [
      'Kestrel forwards any request from a data subject to the Customer without undue delay and does not answer it except on the Customer\'s instruction. Kestrel Cloud provides export and deletion functions for the Customer to meet such requests itself. Kestrel helps the Customer, at reasonable request, with data protection impact assessments and consultations with supervisory authorities that concern the service.',
    ]],
    ['7. Personal data breaches', [
      'Kestrel notifies the Customer\'s registered security contact without undue delay and in any event within 48 hours of confirming a personal data breach affecting Customer personal data. The notice describes, as far as known, the nature of the breach, the categories and approximate number of data subjects and records, the likely consequences, the measures taken or proposed, and a contact point (the Kestrel DPO). Kestrel sends updates at least every 24 hours until the breach is contained. A notice is not an admission of fault.',
    ]],
    ['8. Audits', [
      'Kestrel makes its current SOC 2 Type II report and ISO/IEC 27001 certificate available under confidentiality, and answers one reasonable security questionnaire a year. If these do not answer the Customer\'s questions, or a supervisory authority requires it, the Customer may audit Kestrel once in any 12 months, on 30 days\' written notice, during business hours, through an auditor bound by confidentiality, and at its own cost. Audits of AWS and other sub-processors rely on their own independent reports.',
    ]],
    ['9. Return and deletion', [
      'After the Agreement ends, the Customer may export its data through the API or as Parquet files for 30 days. Kestrel then deletes the Customer\'s data from production within a further 30 days; copies in backups expire within 35 days after that and are not restored in the meantime. Kestrel confirms deletion in writing on request. Data that the law requires Kestrel to keep stays protected by this DPA for as long as it is kept.',
    ]],
    ['10. Liability, term and law', [
      'Liability under this DPA is subject to the limitations in the Agreement, except where the GDPR or the Standard Contractual Clauses do not allow it. This DPA lasts as long as Kestrel processes Customer personal data. It is governed by German law; the courts of Berlin have jurisdiction, except where the Standard Contractual Clauses provide otherwise.',
    ]],
  ];
  for (const [heading, paras] of clauses) {
    doc.heading(heading, 2);
    for (const text of paras) doc.p(text, s);
  }
  doc.space(6);
  doc.signatures([
    { name: 'For the Customer', role: 'Name, title and date' },
    { name: 'Sofia Lindqvist', role: 'Legal Counsel and Data Protection Officer', note: 'For Kestrel Systems GmbH' },
  ]);

  doc.heading('Annex 1: Description of the processing');
  doc.facts([
    ['Data subjects', 'Customer users of Kestrel Cloud (employees and contractors); people whose data appears in telemetry where the Customer chooses to collect it, such as drivers in cold-chain fleets or operators identified on a machine.'],
    ['Personal data', 'User account data (name, email address, phone number, role, SSO identifiers); audit logs and IP addresses; alarm notification contents; telemetry that can relate to a person, such as vehicle location or operator IDs; support ticket contents.'],
    ['Special categories', 'None. The Customer will not send special categories of data to Kestrel Cloud.'],
    ['Nature and purpose', 'Receiving, storing, analysing and displaying telemetry; sending alarm notifications; operating, securing and supporting the service.'],
    ['Duration and retention', 'The term of the Agreement plus the periods in section 9. Telemetry is kept for the retention period of the Customer\'s plan (24 months by default); account data for the term plus 90 days.'],
  ]);

  doc.heading('Annex 2: Technical and organisational measures');
  doc.bullets(
    [
      '**Certification.** ISO/IEC 27001:2022 certified information security management system; annual SOC 2 Type II examination (Security, Availability, Confidentiality); annual independent penetration test.',
      '**Access control.** Staff sign in through single sign-on with phishing-resistant MFA. No standing production access: time-limited, approved and logged sessions of at most 4 hours. Access reviewed quarterly and removed within one business day of departure.',
      '**Encryption.** TLS 1.2 or later for all traffic; mutual TLS with device certificates for gateways. Data at rest encrypted with AWS KMS customer-managed keys rotated annually.',
      '**Tenant isolation.** Tenant identity is taken from authenticated certificates and tokens; row-level security in the telemetry database; automated cross-tenant tests on every relevant change.',
      '**Logging and monitoring.** Central security logging kept for one year; alerting with 24/7 on-call paging.',
      '**Availability.** Encrypted daily backups in a separate AWS account with immutable retention; quarterly restore tests; annual disaster recovery test in a second EU region.',
      '**Secure development and vulnerabilities.** Peer review, automated tests and security scans on every change; vulnerabilities fixed within set deadlines (critical: 7 days in the cloud).',
      '**People and vendors.** Background checks where the law allows, annual security training, managed and encrypted laptops; security review of vendors before onboarding and annually for critical ones.',
    ],
    { size: 9 },
  );

  doc.heading('Annex 3: Sub-processors at 20 January 2026');
  doc.table(
    [
      { title: 'Sub-processor', width: 0.26 },
      { title: 'Purpose', width: 0.32 },
      { title: 'Location', width: 0.17 },
      { title: 'Transfer mechanism', width: 0.25 },
    ],
    [
      ['Amazon Web Services EMEA SARL', 'Hosting, storage, key management, backups', 'Germany; Ireland (DR)', 'No transfer (EU regions)'],
      ['Confluent, Inc.', 'Managed Kafka for the telemetry pipeline', 'Germany', 'No transfer; SCCs for support access'],
      ['Datadog, Inc.', 'Monitoring, logs, security alerting', 'EU', 'No transfer for stored data; DPF for support'],
      ['Functional Software, Inc. (Sentry)', 'Error tracking', 'Germany', 'No transfer for stored data; DPF for support'],
      ['PagerDuty, Inc.', 'On-call paging', 'United States', 'EU-US Data Privacy Framework'],
      ['Zendesk, Inc.', 'Support ticketing', 'EU', 'No transfer for stored data; SCCs for support'],
      ['ActiveCampaign, LLC (Postmark)', 'Transactional email', 'United States', 'Standard Contractual Clauses'],
      ['Twilio Inc.', 'SMS alarm notifications', 'United States', 'EU-US Data Privacy Framework'],
      ['Atlassian Pty Ltd (Statuspage)', 'Status page and incident notices', 'United States', 'DPF; Standard Contractual Clauses'],
    ],
    { size: 8 },
  );
  return doc.save();
}

// ---------------------------------------------------------------------------------------------
// SOC 2 Type II report sample (gated)

async function soc2Report(meta) {
  const auditor = 'Harwood & Lane LLP';
  const period = '1 April 2025 to 31 March 2026';
  const doc = await Doc.create(
    { ...meta, subject: `SOC 2 Type II report on Kestrel Cloud and KG-200 device services, ${period}` },
    {
      headerTitle: 'SOC 2 Type II report 2025-2026',
      footerNote: 'SAMPLE - fictional company | Confidential: distribution restricted to the parties in Section I',
    },
  );

  // Cover
  doc.y -= 70;
  doc.text('SOC 2 Type II report', { size: 12, bold: true, color: C.accentInk, after: 8 });
  doc.text(LEGAL_NAME, { size: 26, leading: 31, bold: true, after: 6 });
  doc.text('Kestrel Cloud and KG-200 device services', { size: 15, leading: 20, color: C.ink2, after: 18 });
  doc.text(
    'Independent service auditor\'s report on the description of the system and on the suitability of design and operating effectiveness of controls relevant to Security, Availability and Confidentiality',
    { size: 11, leading: 15.5, color: C.ink2, width: 400, after: 20 },
  );
  doc.facts(
    [
      ['Period examined', period],
      ['Trust services categories', 'Security, Availability, Confidentiality'],
      ['Service auditor', `${auditor}, Boston, Massachusetts`],
      ['Report date', longDate(meta.updated)],
    ],
    { labelWidth: 0.3, size: 9.5 },
  );
  doc.y -= 8;
  const tocY = doc.y;
  doc.y -= 150;
  doc.callout(
    '**Confidential.** This report is intended only for the management of Kestrel Systems GmbH, its customers during the period examined, and prospective customers and their auditors who have the knowledge to understand it. Do not copy or pass it on. Each copy distributed through the Kestrel trust center is watermarked with the name of its recipient.',
    { size: 8.5 },
  );

  // Section I
  doc.pageBreak();
  doc.mark('I');
  doc.heading('Section I: Independent service auditor\'s report');
  doc.p('To the management of Kestrel Systems GmbH');
  doc.heading('Scope', 2);
  doc.p(
    `We have examined the description in Section III of the Kestrel Cloud and KG-200 device services system of Kestrel Systems GmbH ("Kestrel") for the period ${period} (the "description"), and the suitability of design and operating effectiveness of the controls stated in it. Our examination was performed against the description criteria in DC section 200 (2018 Description Criteria, with revised implementation guidance, 2022) and the trust services criteria for Security, Availability and Confidentiality in TSP section 100 (2017 Trust Services Criteria, with revised points of focus, 2022) (the "applicable trust services criteria").`,
  );
  doc.p(
    'Kestrel uses subservice organisations for cloud hosting (Amazon Web Services), managed Kafka (Confluent), monitoring and security alerting (Datadog), and the premises of its contract manufacturer (Norrland Electronics). The description presents these on the carve-out basis: it identifies the controls Kestrel expects them to operate but does not include them, and our examination did not cover them. The description also names controls that Kestrel expects its customers to operate. Some criteria can be met only if those subservice organisation and customer controls are in place; we did not evaluate them.',
  );
  doc.heading('Responsibilities of Kestrel', 2);
  doc.p(
    'Kestrel is responsible for its service commitments and system requirements, for preparing the description and the assertion in Section II, for providing the services the description covers, for selecting the applicable criteria, and for designing, implementing and operating effective controls to meet its commitments and requirements.',
  );
  doc.heading('Our responsibilities', 2);
  doc.p(
    'Our responsibility is to express an opinion on the description and on the design and operating effectiveness of the controls, based on our examination. We conducted it under the attestation standards of the American Institute of Certified Public Accountants (AT-C sections 105 and 205). Those standards require us to plan and perform the examination to obtain reasonable assurance about whether, in all material respects, the description is presented in line with the description criteria and the controls were suitably designed and operated effectively throughout the period. We are independent of Kestrel and have met our other ethical responsibilities. We believe the evidence we obtained is sufficient and appropriate to support our opinion.',
  );
  doc.p(
    'Our work included understanding the system and Kestrel\'s commitments and requirements; assessing the risks that the description is not fairly presented and that controls were not suitably designed or did not operate effectively; testing the operation of the controls we considered necessary; and evaluating the overall presentation of the description. The tests and their results are listed in Section IV.',
  );
  doc.heading('Inherent limitations', 2);
  doc.p(
    'The description is prepared to meet the common needs of a broad range of readers and may not include every aspect of the system that a particular customer considers important. Any system of controls can fail to prevent or detect and correct an error or a security event, and conclusions about the suitability of design or operating effectiveness may not hold for later periods if the system or its controls change.',
  );
  doc.heading('Opinion', 2);
  doc.p('In our opinion, in all material respects:');
  doc.bullets(
    [
      `the description presents the Kestrel Cloud and KG-200 device services system as designed and implemented throughout the period ${period}, in line with the description criteria;`,
      'the controls stated in the description were suitably designed throughout the period to give reasonable assurance that Kestrel\'s service commitments and system requirements would be achieved under the applicable trust services criteria, if the controls operated effectively and if the subservice organisations and customers applied the complementary controls Kestrel assumed; and',
      'the controls stated in the description operated effectively throughout the period to give that reasonable assurance, on the same condition about complementary controls.',
    ],
    { numbered: true },
  );
  doc.heading('Restricted use', 2);
  doc.p(
    'This report, including the description of tests of controls and results in Section IV, is intended only for Kestrel, its customers during some or all of the period, and prospective customers, business partners and their auditors who understand the nature of the service, the applicable criteria, the complementary controls and the limitations of controls. It is not intended for anyone else.',
  );
  doc.signatures([{ name: auditor, role: 'Boston, Massachusetts', note: longDate(meta.updated), sign: 'Harwood & Lane LLP' }]);

  // Section II
  doc.pageBreak();
  doc.mark('II');
  doc.heading('Section II: Assertion of Kestrel Systems GmbH management');
  doc.p(
    `We have prepared the description in Section III of the Kestrel Cloud and KG-200 device services system for the period ${period}, based on the description criteria in DC section 200. The description is intended to give customers, prospective customers and their auditors information about the system, in particular the controls relevant to Security, Availability and Confidentiality.`,
  );
  doc.p(
    'The description identifies the subservice organisations we use (Amazon Web Services, Confluent, Datadog and Norrland Electronics) and the controls we expect them and our customers to operate. It does not include their controls.',
  );
  doc.p('We confirm, to the best of our knowledge and belief, that:');
  doc.bullets(
    [
      'the description presents the system as designed and implemented throughout the period, in line with the description criteria;',
      'the controls stated in the description were suitably designed throughout the period to give reasonable assurance that our service commitments and system requirements would be achieved under the applicable trust services criteria, if those controls operated effectively and the subservice organisations and customers applied the complementary controls we assume; and',
      'the controls stated in the description operated effectively throughout the period to give that reasonable assurance.',
    ],
    { numbered: true },
  );
  doc.p(`Berlin, ${longDate(meta.updated)}`, { after: 0 });
  doc.signatures([
    { name: 'Grace Chen', role: 'Chief Executive Officer', sign: 'G. Chen' },
    { name: 'Priya Raman', role: 'Head of Security and Compliance', sign: 'P. Raman' },
  ]);

  // Section III
  doc.pageBreak();
  doc.mark('III');
  doc.heading('Section III: Description of the system (summary)');
  doc.callout('This sample shows a summary of the description. The full report describes each component and control in more detail.', { size: 8.5 });
  doc.heading('Services provided', 2);
  doc.p(
    'Kestrel Systems GmbH, headquartered in Berlin with engineering teams in Berlin and Lisbon and about 140 employees, makes the KG-200 industrial IoT gateway and operates Kestrel Cloud, a multi-tenant platform that receives, stores and analyses telemetry from factories, utilities and cold-chain logistics fleets. The system in scope comprises Kestrel Cloud and the services Kestrel operates for the gateway fleet: firmware build and signing, over-the-air (OTA) updates, and device identity issuance.',
  );
  doc.heading('Principal service commitments and system requirements', 2);
  doc.bullets([
    'Monthly availability of 99.9% for device ingestion, the API and dashboards, with incidents published on the public status page.',
    'Customer data stored in the EU, encrypted in transit and at rest, isolated between tenants, and accessible to Kestrel staff only with approved, time-limited access.',
    'Only Kestrel-signed firmware, released in stages with automatic halt and rollback; each gateway holds a unique, non-exportable identity.',
    'Notification of security incidents affecting a customer within 48 hours of confirmation; deletion of customer data after the end of a contract within the agreed periods.',
  ]);
  doc.heading('Components of the system', 2);
  doc.facts(
    [
      ['Infrastructure', 'AWS eu-central-1 (production) and eu-west-1 (disaster recovery), managed with Terraform: Amazon EKS for services, MQTT broker cluster behind network load balancers, Confluent Cloud Kafka, TimescaleDB on encrypted Amazon EBS volumes, Amazon S3, AWS KMS and AWS CloudHSM for the device issuing CA. Firmware signing HSM in a controlled room in Berlin; provisioning station at Norrland Electronics, Poland.'],
      ['Software', 'KestrelOS gateway firmware; ingestion, validation and storage services; rules and alarm engine; web application and REST API; OTA campaign service; device registry and certificate services.'],
      ['People', 'Security and Compliance, Platform and SRE, Firmware, Cloud engineering, and IT and People Operations, under the Chief Technology Officer; the Head of Security and Compliance reports to the CEO.'],
      ['Data', 'Customer telemetry and device metadata, customer user accounts and audit logs, device certificates and registry records, firmware images and signing records.'],
      ['Procedures', 'Fifteen information security policies approved annually, runbooks for incidents, OTA rollback, ingestion outages, device identity compromise and access reviews, and the control activities in Section IV.'],
    ],
    { labelWidth: 0.18, size: 8.5 },
  );
  doc.heading('Complementary subservice organisation controls', 2);
  doc.table(
    [
      { title: 'Subservice organisation', width: 0.26 },
      { title: 'Controls Kestrel expects it to operate', width: 0.74 },
    ],
    [
      ['Amazon Web Services', 'Physical and environmental security of data centres; protection of the hypervisor and managed services; availability of the regions used; secure disposal of storage media.'],
      ['Confluent', 'Operation, patching and access control of the managed Kafka brokers; encryption of broker storage.'],
      ['Datadog', 'Integrity and availability of log and alerting data; restriction of Datadog staff access to customer data.'],
      ['Norrland Electronics', 'Physical access control to the production hall and the locked cage holding the Kestrel provisioning station; screening of line staff; reporting anomalies to Kestrel within 24 hours.'],
    ],
  );
  doc.heading('Complementary user entity controls', 2);
  doc.bullets([
    'Customers manage their own Kestrel Cloud users, connect their identity provider and remove access for their leavers.',
    'Customers protect gateways physically on their sites, report lost or stolen units, and segment their networks as described in the KG-200 security whitepaper.',
    'Customers keep API keys secret, set maintenance windows, and review their tenant audit log.',
  ]);
  doc.heading('Changes and incidents during the period', 2);
  doc.p(
    'In March 2026 Kestrel added Snowflake as a sub-processor for the optional Fleet Insights module, which is outside the scope of this report. No security incident during the period affected Kestrel\'s service commitments.',
  );

  // Section IV
  doc.pageBreak();
  doc.mark('IV');
  doc.heading('Section IV: Controls, tests of operating effectiveness and results');
  doc.p(
    `${auditor} tested controls using inquiry of the responsible staff combined with one or more of: **inspection** of documents, records, system configuration and logs; **observation** of the control being performed; and **reperformance** of the control. Where a control operates many times, we tested a sample from the whole period, as follows:`,
  );
  doc.table(
    [
      { title: 'How often the control operates', width: 0.5 },
      { title: 'Samples tested', width: 0.5 },
    ],
    [
      ['Annually', '1'],
      ['Quarterly', '2'],
      ['Monthly', '2'],
      ['Per event (changes, releases, joiners, leavers)', '25, or all if fewer than 25'],
      ['Automated or continuous', 'Configuration inspected, plus one instance of each outcome'],
    ],
    { size: 8.5 },
  );
  doc.p('A selection of the controls tested is shown below. The full report covers all 45 controls.');
  const noEx = 'No exceptions noted.';
  doc.table(
    [
      { title: 'Control and criteria', width: 0.14 },
      { title: 'Control activity (Kestrel)', width: 0.34 },
      { title: `Tests performed by ${auditor}`, width: 0.37 },
      { title: 'Results', width: 0.15 },
    ],
    [
      ['**AC-01**\nCC6.1', 'Staff access Kestrel systems through Okta single sign-on with phishing-resistant MFA; SMS, voice and push factors are disabled.', 'Inspected the Okta authentication policies and the list of connected applications; compared the application list to the system inventory; observed a sign-in being refused without a FIDO2 key.', noEx],
      ['**AC-03**\nCC6.2, CC6.3', 'System owners review user access to Okta, AWS, GitHub and production databases each quarter; removals are made within 5 business days.', 'For 2 quarters, inspected the review records and owner sign-off, and traced a sample of 10 removal decisions to the source systems.', noEx],
      ['**AC-04**\nCC6.2', 'Access of departing staff is removed within one business day of their last working day.', 'For 25 of 31 leavers, compared the last working day in the HR system with the Okta deactivation time and AWS and GitHub removal records.', noEx],
      ['**AC-05**\nCC6.1, CC6.3', 'There is no standing production access. Engineers request time-bound roles of at most 4 hours with a ticket reference; roles that can read telemetry need a second approval.', 'Inspected IAM Identity Center permission sets and session limits; for 25 sessions, traced the request, ticket and approval in the access bot log.', noEx],
      ['**CM-01**\nCC8.1', 'Every change to production code and infrastructure needs an approving review by someone other than its author; branch protection cannot be bypassed.', 'Inspected branch protection on the 14 production repositories; for 25 merged pull requests, inspected the review, approver and passing checks.', noEx],
      ['**FW-01**\nCC8.1, CC6.1', 'Firmware release images are signed in the HSM only with two of five key custodians present; each ceremony is logged.', 'For all 9 release signing ceremonies in the period, inspected the ceremony log, custodian list and HSM audit log, and compared image hashes to the release records.', noEx],
      ['**FW-02**\nCC8.1, A1.2', 'OTA releases go out in four stages and halt automatically when failure thresholds are exceeded.', 'Inspected the rollout service configuration; for 9 releases, inspected stage timing; inspected the halt event and rollback records for the one campaign halted in the period.', noEx],
      ['**DI-01**\nCC6.1', 'Each gateway receives a unique key and certificate at manufacture; issued certificates are reconciled with shipped units every month.', 'For 2 months, reperformed the reconciliation of issuing CA records against Norrland shipment records and inspected follow-up of differences.', noEx],
      ['**TI-03**\nCC6.1, C1.1', 'Tenant isolation is enforced by row-level security and tested automatically on each change to ingestion, storage or the API.', 'Inspected row-level security policies and the CI cross-tenant test suite; for 25 changes, confirmed the suite ran and passed before merge.', noEx],
      ['**DP-03**\nC1.2', 'Customer data is deleted after contract end within the agreed periods.', 'For all 4 tenants that left in the period, inspected the deletion job records and confirmed no tenant data remained in production.', noEx],
      ['**BC-02**\nA1.3', 'A production database backup is restored into an isolated account each quarter and checked against production.', 'For 2 quarters, inspected the restore records, checksum comparisons and time to restore.', noEx],
      ['**IR-02**\nCC7.4, CC7.5', 'The incident response plan is exercised once a year and actions are tracked to completion.', 'Inspected the exercise scenario, attendance, report and the status of its actions.', noEx],
      ['**VM-02**\nCC4.1, CC7.1', 'An independent firm tests Kestrel Cloud and the KG-200 each year; findings are fixed within set deadlines.', 'Inspected the test report and the tracking of each finding; confirmed high findings were retested.', noEx],
    ],
    { size: 7.8 },
  );

  // Table of contents on the cover, now that section pages are known
  const cover = doc.pages[0];
  let y = tocY - 6;
  cover.drawText('Contents', { x: doc.left, y, size: 10, font: doc.fonts.bold, color: C.accentInk });
  y -= 18;
  const toc = [
    ['I', 'Independent service auditor\'s report'],
    ['II', 'Assertion of Kestrel Systems GmbH management'],
    ['III', 'Description of the system (summary)'],
    ['IV', 'Controls, tests of operating effectiveness and results'],
  ];
  for (const [key, label] of toc) {
    const text = clean(`Section ${key}   ${label}`);
    const num = String(doc.marks[key]);
    cover.drawText(text, { x: doc.left, y, size: 9.5, font: doc.fonts.regular, color: C.ink });
    const tw = doc.fonts.regular.widthOfTextAtSize(text, 9.5);
    const nw = doc.fonts.regular.widthOfTextAtSize(num, 9.5);
    const right = doc.left + doc.width;
    const dotW = doc.fonts.regular.widthOfTextAtSize('.', 9.5);
    let dots = '';
    while (doc.left + tw + 8 + (dots.length + 1) * dotW < right - nw - 8) dots += '.';
    cover.drawText(dots, { x: right - nw - 6 - dots.length * dotW, y, size: 9.5, font: doc.fonts.regular, color: C.rule });
    cover.drawText(num, { x: right - nw, y, size: 9.5, font: doc.fonts.regular, color: C.ink });
    y -= 17;
  }
  return doc.save();
}

// ---------------------------------------------------------------------------------------------
// Penetration test summary (gated)

async function pentestSummary(meta) {
  const tester = 'Redmarsh Security Ltd';
  const doc = await Doc.create(
    { ...meta, subject: 'Summary of the 2026 independent penetration test of Kestrel Cloud and the KG-200 gateway' },
    { footerNote: 'Confidential: shared under NDA through the Kestrel trust center' },
  );
  doc.title('Penetration test summary 2026', 'Kestrel Cloud, the KG-200 gateway and the update and identity path');
  doc.text(`Issued ${longDate(meta.updated)}. Full report reference RMS-KST-2026-01, version 1.2.`, { size: 8.5, color: C.muted, after: 8 });

  doc.heading('Letter of attestation');
  doc.p(`${tester}, Leeds, United Kingdom. To Kestrel Systems GmbH, Berlin. ${longDate(meta.updated)}.`, { color: C.ink2 });
  doc.p(
    `${tester}, a CREST-accredited penetration testing provider, carried out an independent security assessment of Kestrel Cloud, the KG-200 industrial IoT gateway and the firmware update and device identity path between them from 4 May to 12 June 2026. The test was performed by four consultants holding CREST Certified Tester qualifications, two of them specialising in embedded hardware.`,
  );
  doc.p(
    'We found no critical vulnerabilities. We reported one high, four medium and six low severity findings, and five informational observations. Kestrel fixed the high finding on 16 June 2026, and we confirmed the fix by retest on 24 June 2026. We retested the four medium and four of the low findings by 8 July 2026 and found them resolved. Two low findings, concerning HTTP response headers on the public documentation site, remain open with fixes planned for the third quarter of 2026.',
  );
  doc.p(
    'In the areas we tested, we were unable to run unsigned code on the gateway, install an older firmware version, extract a device private key, or connect to Kestrel Cloud with a cloned or revoked device certificate.',
  );
  doc.signatures([{ name: 'Eleanor Brooks', role: `Director of Assurance, ${tester}`, sign: 'E. Brooks' }]);

  doc.heading('1. Engagement');
  doc.facts([
    ['Test window', '4 May to 12 June 2026; retests 24 June to 8 July 2026'],
    ['Approach', 'Grey box: testers had design documentation, API specifications, two separate test tenants with administrator and user accounts, and three production KG-200 units (hardware revision C, KestrelOS 4.8.0).'],
    ['Environments', 'Production EU service with dedicated test tenants for non-destructive tests; a production-equivalent staging environment for load, fuzzing and update tampering.'],
    ['Methods', 'OWASP Web Security Testing Guide and ASVS 4.0.3 level 2 for the web application and API; OWASP IoT Security Verification Standard for the gateway; manual review of the update client and provisioning flow.'],
  ]);

  doc.heading('2. Scope');
  doc.bullets([
    '**Kestrel Cloud:** web application, REST API, authentication and SSO, tenant isolation, and the MQTT ingestion endpoints, tested from the internet and as authenticated users of each test tenant.',
    '**KG-200 gateway:** circuit board and debug interfaces, secure element, tamper switch, secure boot and anti-rollback (including voltage fault injection against the boot ROM over three days), local network interfaces and southbound protocol handling, and the OTA update client.',
    '**Update and identity path:** attempts to install altered or unsigned firmware, replay or downgrade updates, and connect with cloned, self-issued or revoked device certificates.',
  ]);

  doc.heading('3. Results');
  doc.table(
    [
      { title: 'Severity', width: 0.28 },
      { title: 'Found', width: 0.24 },
      { title: 'Fixed and retested', width: 0.24 },
      { title: 'Open', width: 0.24 },
    ],
    [
      ['Critical', '0', '-', '-'],
      ['High', '1', '1', '0'],
      ['Medium', '4', '4', '0'],
      ['Low', '6', '4', '2'],
      ['Informational', '5', '-', '-'],
    ],
    { size: 8.5 },
  );
  doc.table(
    [
      { title: 'ID', width: 0.08 },
      { title: 'Finding', width: 0.55 },
      { title: 'Severity', width: 0.13 },
      { title: 'Status', width: 0.24 },
    ],
    [
      ['H-01', 'Alarm history export endpoint checked the caller\'s role but not that the requested alarm rule belonged to the caller\'s tenant; alarm rule names (not telemetry) of another tenant could be read.', 'High', 'Fixed 16 Jun; retested 24 Jun'],
      ['M-01', 'API refresh tokens stayed valid for up to 12 hours after a user was removed from a tenant.', 'Medium', 'Fixed; retested 1 Jul'],
      ['M-02', 'No rate limit on sign-in for local (non-SSO) accounts, allowing password guessing at high rates.', 'Medium', 'Fixed; retested 1 Jul'],
      ['M-03', 'Oversized Modbus TCP responses from a device on the OT network crashed the collector process, causing a watchdog restart of the gateway.', 'Medium', 'Fixed in KestrelOS 4.8.1; retested 8 Jul'],
      ['M-04', 'Diagnostic bundles included southbound OPC UA credentials in clear text.', 'Medium', 'Fixed in KestrelOS 4.8.1; retested 8 Jul'],
      ['L-01', 'Documentation site: no Content-Security-Policy header.', 'Low', 'Open; planned Q3 2026'],
      ['L-02', 'Documentation site: HSTS max-age below one year and no Referrer-Policy header.', 'Low', 'Open; planned Q3 2026'],
      ['L-03', 'Response time of the password reset form revealed whether an email address had an account.', 'Low', 'Fixed; retested 1 Jul'],
      ['L-04', 'CSV exports did not neutralise cell values starting with "=", allowing formula injection in spreadsheets.', 'Low', 'Fixed; retested 1 Jul'],
      ['L-05', 'MQTT endpoint disclosed the broker software version in a CONNACK property.', 'Low', 'Fixed; retested 1 Jul'],
      ['L-06', 'Tamper events raised while the gateway was offline were reported only after reconnection, without the time of the event.', 'Low', 'Fixed in KestrelOS 4.8.1; retested 8 Jul'],
    ],
    { size: 8 },
  );
  doc.p(
    'Informational observations covered session timeout settings, verbose API error messages, the absence of certificate transparency monitoring for the documentation domain, and two hardening suggestions for the provisioning documentation. Kestrel has accepted or scheduled each of them.',
  );

  doc.heading('4. The high-severity finding');
  doc.p(
    'The alarm history export endpoint took an alarm rule ID from the request and checked that the caller had the role needed to export alarms, but did not check that the rule belonged to the caller\'s tenant. A user of one tenant who guessed or obtained another tenant\'s rule ID could read that rule\'s name and trigger times. Telemetry values were not exposed, because telemetry queries are separately protected by row-level security in the database.',
  );
  doc.p(
    'Kestrel changed the endpoint to take the tenant from the caller\'s token and to scope the lookup to it, added the endpoint to the automated cross-tenant test suite, and reviewed the other 212 API endpoints for the same pattern without finding another case. A search of 12 months of API logs found no requests to the endpoint for rules of another tenant other than those made by the testers.',
  );

  doc.heading('5. Severity ratings');
  doc.p('Findings were rated on the likely impact on customers and the effort needed to exploit them in Kestrel\'s deployment, informed by CVSS v3.1 base scores.');
  doc.table(
    [
      { title: 'Rating', width: 0.2 },
      { title: 'Meaning', width: 0.8 },
    ],
    [
      ['Critical', 'Direct compromise of customer data or devices, with little effort or prior access.'],
      ['High', 'Significant exposure across tenants or devices under realistic conditions.'],
      ['Medium', 'Exposure that needs prior access, user interaction or specific conditions.'],
      ['Low', 'Limited exposure, or a weakness in hardening that makes other attacks easier.'],
      ['Informational', 'A good-practice observation without a direct risk.'],
    ],
    { size: 8.5 },
  );
  return doc.save();
}

// ---------------------------------------------------------------------------------------------
// CAIQ v4 questionnaire (gated): written as XLSX or PDF depending on the file name in documents.yaml

const CAIQ_COLUMNS = ['Question ID', 'Question (paraphrased)', 'Answer', 'Control ownership', 'Kestrel implementation', 'Customer responsibility'];

const CAIQ_ROWS = [
  ['A&A-02.1', 'Are independent audits and assessments of the service performed at least once a year?', 'Yes', 'CSP-owned', 'SOC 2 Type II examination every year by Harwood & Lane LLP (Security, Availability, Confidentiality; latest period 1 April 2025 to 31 March 2026). ISO/IEC 27001:2022 certificate from Baltic Assurance Certification GmbH, valid to 14 September 2028, with annual surveillance audits. Annual independent penetration test.', 'Request the reports through the trust center under NDA.'],
  ['AIS-04.1', 'Is a secure development lifecycle defined and followed for applications and firmware?', 'Yes', 'CSP-owned', 'Secure Development Policy; threat model for new features and firmware changes; annual secure development training; peer review of every change.', ''],
  ['AIS-05.1', 'Are automated security tests run before changes reach production?', 'Yes', 'CSP-owned', 'Required CI checks: unit and integration tests, Semgrep, gitleaks, dependency scanning and Trivy image scans; clang-tidy and cppcheck for firmware. Unresolved critical or high findings block the merge.', ''],
  ['AIS-07.1', 'Are application vulnerabilities fixed within defined time limits?', 'Yes', 'CSP-owned', 'Kestrel Cloud: critical 7 days, high 30, medium 90, low 180. KestrelOS: critical 30 days, high 60, medium at the next release and within 180 days.', 'Keep gateways on a supported KestrelOS version and do not defer security releases.'],
  ['BCR-08.1', 'Is customer data backed up regularly to a separate location?', 'Yes', 'CSP-owned', 'Daily encrypted backups to a separate AWS account with Vault Lock (immutable retention), copied to eu-west-1. Daily backups kept 35 days, monthly snapshots 12 months.', 'Export data you need to keep beyond your plan\'s retention period.'],
  ['BCR-08.2', 'Are backups restored periodically to confirm they can be used?', 'Yes', 'CSP-owned', 'Each quarter a randomly chosen production database backup is restored into an isolated account and checked against production.', ''],
  ['BCR-10.1', 'Is the disaster recovery plan exercised at least once a year?', 'Yes', 'CSP-owned', 'Annual failover of ingestion, storage and the API to eu-west-1 with replayed synthetic gateway traffic, measured against the RTO and RPO; results reported to the CTO.', ''],
  ['CCC-01.1', 'Are change management procedures defined and applied to all changes?', 'Yes', 'CSP-owned', 'Peer review and branch protection on every change; infrastructure as code in Terraform with drift detection; emergency changes reviewed after the fact.', ''],
  ['CCC-04.1', 'Are unauthorised changes to production prevented and detected?', 'Yes', 'CSP-owned', 'Only CI pipelines deploy to production; no standing human write access; Terraform drift detection and CloudTrail alerting on manual changes.', ''],
  ['CEK-03.1', 'Is customer data encrypted at rest and in transit?', 'Yes', 'CSP-owned', 'At rest: AWS KMS customer-managed keys, rotated annually, on all storage and backups. In transit: TLS 1.2 or later; gateways use mutual TLS with device certificates.', ''],
  ['CEK-08.1', 'Can customers manage their own encryption keys?', 'No', 'CSP-owned', 'Kestrel Cloud uses Kestrel-managed KMS keys. Customer-managed keys are not offered.', ''],
  ['DCS-07.1', 'Is physical access to facilities holding customer data restricted?', 'Yes', 'Third-party outsourced', 'Kestrel Cloud runs only on AWS; physical security is covered by AWS SOC 2 and ISO/IEC 27001 reports, reviewed annually. Offices hold no production systems. The firmware signing HSM is in a locked room with badge access and CCTV.', ''],
  ['DSP-04.1', 'Is data classified and handled according to its classification?', 'Yes', 'CSP-owned', 'Data classification in the data inventory; AWS resources tagged by classification; nightly check for Restricted resources missing encryption or logging.', ''],
  ['DSP-16.1', 'Are retention and deletion of customer data defined and enforced?', 'Yes', 'Shared CSP and CSC', 'Telemetry kept for the plan\'s retention period (24 months by default). After contract end: 30 days to export, deletion from production within 30 more days, backups expire within 35 days after that.', 'Choose the retention period and export data before the end of the export window.'],
  ['DSP-19.1', 'Can customers know where their data is stored and processed?', 'Yes', 'CSP-owned', 'AWS eu-central-1 (Frankfurt) with disaster recovery in eu-west-1 (Ireland). The sub-processor list on the trust center shows every third party and location.', ''],
  ['GRC-01.1', 'Is there an information security programme with policies reviewed and approved at least annually?', 'Yes', 'CSP-owned', 'ISO/IEC 27001 certified ISMS; 15 policies owned by named people and approved annually; policy changes are reviewed as pull requests.', ''],
  ['GRC-02.1', 'Is a formal risk assessment performed at least once a year?', 'Yes', 'CSP-owned', 'Annual risk assessment covering cloud, firmware, device identity, manufacturing and vendors, reviewed by the leadership team.', ''],
  ['HRS-01.1', 'Are background checks carried out on new staff?', 'Yes', 'CSP-owned', 'Before start, where local law allows (Germany and Portugal): identity, right to work and employment history; criminal record certificate for roles with production, signing or CA access.', ''],
  ['HRS-11.1', 'Do staff receive security awareness training at least annually?', 'Yes', 'CSP-owned', 'At onboarding and every year, with acknowledgement of the applicable policies recorded.', ''],
  ['IAM-07.1', 'Is access removed promptly when staff leave or change role?', 'Yes', 'CSP-owned', 'Within one business day of the last working day; at the time of notice for involuntary departures.', 'Remove your own leavers from your Kestrel Cloud tenant or identity provider.'],
  ['IAM-08.1', 'Is user access reviewed periodically?', 'Yes', 'Shared CSP and CSC', 'System owners review access to Okta, AWS, GitHub and production databases every quarter.', 'Review your tenant\'s users and API keys.'],
  ['IAM-10.1', 'Is privileged access restricted and time-limited?', 'Yes', 'CSP-owned', 'No standing production access. Time-bound roles of at most 4 hours, requested with a ticket; roles that can read telemetry need a second approval. All sessions logged.', ''],
  ['IAM-14.1', 'Is strong or multi-factor authentication required?', 'Yes', 'Shared CSP and CSC', 'Staff: Okta with phishing-resistant MFA (FIDO2 keys or passkeys). Customers: SAML or OIDC single sign-on, or local accounts with TOTP or WebAuthn MFA.', 'Enforce SSO or MFA for your users.'],
  ['IPY-01.1', 'Can customers export their data in a usable format?', 'Yes', 'CSP-owned', 'Through the API at any time and as Parquet files on request, including for 30 days after the contract ends.', ''],
  ['IVS-06.1', 'Are customers\' environments and data segregated from each other?', 'Yes', 'CSP-owned', 'Tenant taken from the device certificate or user token, never from request content; row-level security in TimescaleDB; automated cross-tenant tests on each relevant change; tenant isolation in the annual penetration test.', ''],
  ['IVS-09.1', 'Are networks protected against attack and unauthorised traffic?', 'Yes', 'Shared CSP and CSC', 'Services in private subnets behind load balancers and AWS WAF; security groups as code. Gateways accept no inbound connections and do not route between interfaces.', 'Segment the gateway as described in the KG-200 security whitepaper.'],
  ['LOG-02.1', 'Are security logs collected centrally, protected and retained?', 'Yes', 'CSP-owned', 'CloudTrail, EKS audit, Okta, GitHub, HSM and CA logs in the central SIEM, retained for one year with restricted access.', ''],
  ['LOG-03.1', 'Are security events monitored with alerting to responders?', 'Yes', 'CSP-owned', 'Detection rules page the 24/7 security on-call through PagerDuty, for example on break-glass use, privileged role grants or unusual certificate issuance.', ''],
  ['SEF-03.1', 'Is there an incident response plan with defined roles?', 'Yes', 'CSP-owned', 'Incident Response Policy with severity levels, 24/7 on-call for Platform and Security, and runbooks for security incidents, device identity compromise and OTA rollback.', 'Keep your security contact in Kestrel Cloud up to date.'],
  ['SEF-04.1', 'Is the incident response plan tested at least annually?', 'Yes', 'CSP-owned', 'Annual exercise with a written report and tracked actions.', ''],
  ['SEF-07.1', 'Are customers notified of security incidents that affect them?', 'Yes', 'CSP-owned', 'Email to the registered security contact within 48 hours of confirmation, then updates at least every 24 hours until resolved.', ''],
  ['STA-08.1', 'Are suppliers assessed for security risk before and during the relationship?', 'Yes', 'CSP-owned', 'Security review before onboarding; annual review of critical vendors and sub-processors, including AWS, Norrland Electronics and Okta.', ''],
  ['STA-09.1', 'Do customer contracts set out how sub-processor changes are notified?', 'Yes', 'CSP-owned', 'The DPA gives at least 30 days\' notice of new sub-processors on the trust center, in its feed and by email, with a right to object.', 'Subscribe to the sub-processor feed.'],
  ['TVM-06.1', 'Is penetration testing performed by an independent party?', 'Yes', 'CSP-owned', 'Annually, covering Kestrel Cloud, the KG-200 hardware and firmware and the update path. The 2026 test (May-June) found no critical issues; summary available under NDA.', ''],
  ['TVM-07.1', 'Are vulnerabilities identified through regular scanning?', 'Yes', 'CSP-owned', 'Dependabot and Trivy on every repository and image, AWS Inspector on hosts, and a nightly check of the KestrelOS SBOM against public advisories.', ''],
  ['TVM-09.1', 'Is there a public way to report vulnerabilities?', 'Yes', 'CSP-owned', 'Vulnerability disclosure policy on the trust center; security@kestrel.example and /.well-known/security.txt; advisories published with a CVE where applicable.', ''],
  ['UEM-08.1', 'Is storage on staff endpoints encrypted?', 'Yes', 'CSP-owned', 'Company laptops managed with Jamf or Intune, with FileVault or BitLocker enforced.', ''],
  ['UEM-09.1', 'Do endpoints run anti-malware or EDR?', 'Yes', 'CSP-owned', 'EDR agent enforced on all company laptops through device management.', ''],
  ['KG-01', 'Supplement: does the gateway run only vendor-signed firmware?', 'Yes', 'CSP-owned', 'Secure boot anchored in SoC fuses, dm-verity on the root file system, anti-rollback counter in the secure element; release keys in an HSM under two-person control.', ''],
  ['KG-02', 'Supplement: does the gateway need inbound network access?', 'No', 'Shared CSP and CSC', 'Outbound only: TCP 8883 (MQTT/TLS), 443 (updates) and NTS time. No SSH or other listening services.', 'Allow only these outbound connections from the uplink segment.'],
  ['KG-03', 'Supplement: is each device identity unique and protected?', 'Yes', 'CSP-owned', 'Key generated in the secure element at manufacture and never exported; certificate from Kestrel\'s device CA; revocation within 4 hours; clone detection.', 'Report lost or stolen gateways.'],
  ['KG-04', 'Supplement: can Kestrel change or write to plant equipment through the gateway?', 'No', 'Shared CSP and CSC', 'Write operations are disabled by default and can be enabled only by the customer\'s administrators, per register, with an audit record.', 'Decide whether to enable writes.'],
];

function xmlEscape(value) {
  return clean(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A deterministic ZIP (deflate) archive from [name, string] entries, with a fixed DOS timestamp. */
function zip(entries, date) {
  const [y, m, d] = date.split('-').map(Number);
  const dosTime = 9 << 11; // 09:00:00
  const dosDate = ((y - 1980) << 9) | (m << 5) | d;
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.from(content, 'utf8');
    const packed = deflateRawSync(data, { level: 9 });
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, packed);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + packed.length;
  }
  const centralBuf = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBuf, end]);
}

function caiqXlsx(meta) {
  const colLetter = (i) => String.fromCharCode(65 + i);
  const cell = (ref, value, style) =>
    value ? `<c r="${ref}" t="inlineStr" s="${style}"><is><t xml:space="preserve">${xmlEscape(value)}</t></is></c>` : `<c r="${ref}" s="${style}"/>`;
  const sheet = (rows, { widths, freeze, title, filter }) => {
    const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
    const body = rows
      .map(({ cells, style }, r) => `<row r="${r + 1}">${cells.map((v, c) => cell(`${colLetter(c)}${r + 1}`, v, typeof style === 'function' ? style(c) : style)).join('')}</row>`)
      .join('');
    const pane = freeze
      ? `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${freeze}" topLeftCell="A${freeze + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`
      : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
    const autoFilter = filter ? `<autoFilter ref="${filter}"/>` : '';
    const header = `&amp;L${xmlEscape(COMPANY)}&amp;R${xmlEscape(title)}`;
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${pane}<cols>${cols}</cols><sheetData>${body}</sheetData>${autoFilter}<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToHeight="0"/><headerFooter><oddHeader>${header}</oddHeader><oddFooter>&amp;LConfidential: shared under NDA&amp;RPage &amp;P of &amp;N</oddFooter></headerFooter></worksheet>`;
  };

  const title = 'Security questionnaire (CSA CAIQ v4)';
  const about = [
    { cells: [`${COMPANY}: ${title}`], style: 3 },
    { cells: [`Completed ${longDate(meta.updated)} by Priya Raman, Head of Security and Compliance. Contact: trust@kestrel.example`], style: 1 },
    { cells: ['Scope: Kestrel Cloud (AWS eu-central-1, disaster recovery in eu-west-1) and the KG-200 gateway with its firmware, update and device identity services.'], style: 1 },
    { cells: ['Questions follow the structure and IDs of the Consensus Assessments Initiative Questionnaire v4 and are paraphrased. Rows KG-01 to KG-04 are a Kestrel supplement for the gateway.'], style: 1 },
    { cells: ['Control ownership uses the CAIQ shared security responsibility terms: CSP = Kestrel, CSC = the customer.'], style: 1 },
    { cells: ['Supporting documents on https://trust.kestrel.example: SOC 2 Type II report, ISO/IEC 27001 certificate, penetration test summary, KG-200 security whitepaper, data processing agreement.'], style: 1 },
  ];
  const qa = [{ cells: CAIQ_COLUMNS, style: 2 }, ...CAIQ_ROWS.map((row) => ({ cells: row, style: (c) => (c === 2 ? 4 : 1) }))];

  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="3"><font><sz val="10"/><name val="Arial"/><family val="2"/></font><font><b/><sz val="10"/><color rgb="FF0B5F58"/><name val="Arial"/><family val="2"/></font><font><b/><sz val="14"/><name val="Arial"/><family val="2"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFE6F4F2"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left/><right/><top/><bottom style="thin"><color rgb="FFCBD5E1"/></bottom><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="top" wrapText="1"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
  const iso = `${meta.updated}T09:00:00Z`;
  const files = [
    ['[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`],
    ['_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`],
    ['docProps/core.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${xmlEscape(title)}</dc:title><dc:creator>${xmlEscape(LEGAL_NAME)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${iso}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${iso}</dcterms:modified></cp:coreProperties>`],
    ['docProps/app.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>${xmlEscape(CREATOR)}</Application></Properties>`],
    ['xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="About" sheetId="1" r:id="rId1"/><sheet name="CAIQ v4" sheetId="2" r:id="rId2"/></sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">'CAIQ v4'!$A$1:$F$${qa.length}</definedName><definedName name="_xlnm.Print_Titles" localSheetId="1">'CAIQ v4'!$1:$1</definedName></definedNames></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`],
    ['xl/styles.xml', styles],
    ['xl/worksheets/sheet1.xml', sheet(about, { widths: [140], title })],
    ['xl/worksheets/sheet2.xml', sheet(qa, { widths: [11, 42, 9, 17, 62, 36], freeze: 1, title, filter: `A1:F${qa.length}` })],
  ];
  return zip(files, meta.updated);
}

async function caiqPdf(meta) {
  const doc = await Doc.create(
    { ...meta, subject: 'Completed CSA CAIQ v4 questionnaire for Kestrel Cloud and the KG-200' },
    { size: A4_LANDSCAPE, margin: { top: 70, bottom: 58, left: 42, right: 42 }, footerNote: 'Confidential: shared under NDA through the Kestrel trust center' },
  );
  doc.title('Security questionnaire (CSA CAIQ v4)');
  doc.text(
    `Completed ${longDate(meta.updated)} by Priya Raman, Head of Security and Compliance. Questions follow the CAIQ v4 structure and IDs and are paraphrased; KG-01 to KG-04 are a Kestrel supplement for the gateway. CSP = Kestrel, CSC = the customer.`,
    { size: 8.5, color: C.muted, after: 8 },
  );
  doc.table(
    CAIQ_COLUMNS.map((title, i) => ({ title, width: [0.07, 0.2, 0.05, 0.1, 0.36, 0.22][i] })),
    CAIQ_ROWS.map((row) => [`**${row[0]}**`, ...row.slice(1)]),
    { size: 7, leading: 9, pad: 3.5 },
  );
  return doc.save({ headerY: A4_LANDSCAPE[1] - 34, footerY: 26 });
}

async function caiq(meta) {
  return extname(meta.file).toLowerCase() === '.xlsx' ? caiqXlsx(meta) : caiqPdf(meta);
}

// ---------------------------------------------------------------------------------------------

const GENERATORS = {
  'iso27001-certificate': isoCertificate,
  'kg200-security-whitepaper': kg200Whitepaper,
  'dpa-template': dpaTemplate,
  'soc2-type2-2026': soc2Report,
  'pentest-summary-2026': pentestSummary,
  'caiq-2026': caiq,
};

const documents = readDocumentList();
for (const meta of documents) {
  const generate = GENERATORS[meta.id];
  if (!generate) {
    console.warn(`skipped ${meta.id}: no generator for it in this script`);
    continue;
  }
  const ext = extname(meta.file).toLowerCase();
  if (meta.id !== 'caiq-2026' && ext !== '.pdf') throw new Error(`${meta.id}: this script writes PDFs, but documents.yaml names ${meta.file}`);
  const dir = meta.access === 'public' ? PUBLIC_DIR : GATED_DIR;
  mkdirSync(dir, { recursive: true });
  const bytes = await generate(meta);
  const target = join(dir, meta.file);
  writeFileSync(target, bytes);
  console.log(`${String(bytes.length).padStart(7)} bytes  ${target.slice(root.length + 1)}`);
}

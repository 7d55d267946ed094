// Regenerate the example trust-center documents listed in content/trust/documents.yaml:
//   node scripts/example/make-documents.mjs [--out DIR]
//
// Public documents are written to public/documents/, gated ones (access: nda or approval) to
// content/trust/gated/: under the project, or under DIR to compare with the committed files.
// Output is deterministic: dates come from each document's `updated` date, so rerunning the
// script reproduces the same bytes. Each document is drawn by its own module in documents/.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { caiq } from './documents/caiq.mjs';
import { dpaTemplate } from './documents/dpa.mjs';
import { isoCertificate } from './documents/iso-certificate.mjs';
import { kg200Whitepaper } from './documents/kg200-whitepaper.mjs';
import { pentestSummary } from './documents/pentest-summary.mjs';
import { soc2Report } from './documents/soc2-report.mjs';

const root = join(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = values.out ? resolve(values.out) : root;

/** The document ids in documents.yaml this script can draw; CAIQ alone may be XLSX as well as PDF. */
const GENERATORS = {
  'iso27001-certificate': isoCertificate,
  'kg200-security-whitepaper': kg200Whitepaper,
  'dpa-template': dpaTemplate,
  'soc2-type2-2026': soc2Report,
  'pentest-summary-2026': pentestSummary,
  'caiq-2026': caiq,
};

const { documents } = parse(readFileSync(join(root, 'content', 'trust', 'documents.yaml'), 'utf8'));
for (const meta of documents) {
  const generate = GENERATORS[meta.id];
  if (!generate) {
    console.warn(`skipped ${meta.id}: no generator for it in this script`);
    continue;
  }
  const ext = extname(meta.file).toLowerCase();
  if (meta.id !== 'caiq-2026' && ext !== '.pdf') throw new Error(`${meta.id}: this script writes PDFs, but documents.yaml names ${meta.file}`);
  const dir = meta.access === 'public' ? join(out, 'public', 'documents') : join(out, 'content', 'trust', 'gated');
  mkdirSync(dir, { recursive: true });
  const bytes = await generate(meta);
  const target = join(dir, meta.file);
  writeFileSync(target, bytes);
  console.log(`${String(bytes.length).padStart(7)} bytes  ${relative(out, target)}`);
}

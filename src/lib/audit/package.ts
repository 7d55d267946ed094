import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { zipSync } from 'fflate';
import { loadContent } from '../content/load.ts';
import { formatProblem, hasErrors } from '../content/problems.ts';
import { directorySource } from '../content/source.ts';
import { loadSnapshots, type SnapshotFile } from '../evidence/snapshots.ts';
import { buildGraph, type ComplianceGraph, type FrameworkNode } from '../graph/graph.ts';
import { OscalExportError, oscalExport, oscalJson } from '../oscal/export.ts';
import { toCsv } from '../publish/csv.ts';
import { periodText, type Period } from '../time/audit-period.ts';
import { processClock } from '../time/clock.ts';
import { documentsInForce, type DocumentInForce, type DocumentNotInForce } from './documents.ts';
import { evidenceInPeriod, evidenceIndex, evidenceIndexTable } from './evidence-index.ts';
import { documentHtml, tableHtml } from './html.ts';
import { controlMatrixTable, soaTable, type Table } from './tables.ts';

/** Bad input for a package (unknown framework, a period outside the evidence): exit 2, nothing written. */
export class AuditPackageError extends Error {}

/** Everything a package holds, read and checked before anything is written. */
export interface AuditPackagePlan {
  framework: FrameworkNode;
  period: Period;
  /** The day the package is made, from the one clock. */
  today: string;
  organisation: string;
  documents: DocumentInForce[];
  notInForce: DocumentNotInForce[];
  snapshots: SnapshotFile[];
  graph: ComplianceGraph;
  oscal: { path: string; text: string }[];
}

/** The folder and zip name: audit-package-soc2-2025-04-01-2026-03-31. */
export const packageName = (framework: string, period: Period) => `audit-package-${framework}-${period.from}-${period.to}`;

/**
 * Reads the content, evidence and git history for a package; refuses bad input with
 * AuditPackageError. Dates are judged as of `asOf`, by default the CLI's clock (CHARTER_NOW,
 * SOURCE_DATE_EPOCH, asOf in content/site.yaml, else now).
 */
export async function planAuditPackage(root: string, options: { framework: string; period: Period; asOf?: Date }): Promise<AuditPackagePlan> {
  const source = directorySource(root);
  const { content, problems } = await loadContent(source, [
    'site',
    'policies',
    'runbooks',
    'controls',
    'frameworks',
    'applicability',
    'systemBoundary',
    'sharedResponsibility',
  ]);
  const asOf = options.asOf ?? processClock(content.site?.data.asOf).now;
  const today = asOf.toISOString().slice(0, 10);
  const { graph, problems: references } = buildGraph(content);
  const errors = [...problems, ...references].filter((p) => p.severity === 'error');
  if (hasErrors(errors))
    throw new AuditPackageError(`the content has errors; fix them first (charter check lists them):\n${errors.map(formatProblem).join('\n')}`);
  const framework = graph.frameworks.get(options.framework as never);
  if (!framework) {
    throw new AuditPackageError(
      `--framework: no catalog for "${options.framework}" in frameworks/; use one of: ${[...graph.frameworks.keys()].sort().join(', ')}`,
    );
  }
  const { period } = options;
  if (period.to >= today)
    throw new AuditPackageError(`--period: ends on ${period.to}, which is not over yet (today is ${today}); a package covers a finished period`);
  const loaded = await loadSnapshots(source);
  const evidence = evidenceInPeriod(loaded.snapshots, period);
  if (evidence.fault) throw new AuditPackageError(`--period: ${evidence.fault}`);
  if (!content.systemBoundary) throw new AuditPackageError('content/system-boundary.yaml is missing: the OSCAL system security plan needs it');
  let oscal: AuditPackagePlan['oscal'];
  try {
    oscal = oscalExport({ graph, boundary: content.systemBoundary.data, responsibility: content.sharedResponsibility?.data, asOf }).map((file) => ({
      path: file.path,
      text: oscalJson(file),
    }));
  } catch (error) {
    if (error instanceof OscalExportError) throw new AuditPackageError(error.message);
    throw error;
  }
  const { documents, notInForce } = await documentsInForce(root, graph, period);
  return {
    framework,
    period,
    today,
    organisation: graph.site?.organisation.name ?? 'the organisation',
    documents,
    notInForce,
    snapshots: loaded.snapshots,
    graph,
    oscal,
  };
}

/** Prints pages to PDF; the CLI passes Chromium, tests may pass the same. */
export type PdfPrinter = (pages: readonly { html: string }[]) => Promise<Uint8Array[]>;

const text = (value: string) => new TextEncoder().encode(value);
const csv = (table: Table) => text(toCsv(table.header, table.rows));
const slugPart = (value: string) => value.replace(/[^A-Za-z0-9.-]+/g, '-');

/** Every file of the package but the manifest, by path inside the package folder. */
export async function auditPackageFiles(
  plan: AuditPackagePlan,
  print: PdfPrinter,
  extra: ReadonlyMap<string, Uint8Array> = new Map(),
): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const { framework, period, organisation } = plan;
  const periodLabel = periodText(period);
  const pages: { path: string; html: string }[] = [];
  for (const document of plan.documents) {
    pages.push({
      path: `${document.kind === 'policy' ? 'policies' : 'runbooks'}/${document.id}-${slugPart(document.version)}.pdf`,
      html: documentHtml(document, { organisation, period: periodLabel, repository: plan.graph.site?.portal.repository }),
    });
  }
  const tables: [string, string, Table][] = [
    [`${framework.id}-statement-of-applicability`, `${framework.data.name}: Statement of Applicability`, soaTable(framework)],
    [`${framework.id}-control-matrix`, `${framework.data.name}: control matrix`, controlMatrixTable(framework)],
    ['evidence/evidence-index', `Evidence collected ${periodLabel}`, evidenceIndexTable(evidenceIndex(plan.snapshots, period))],
  ];
  for (const [path, title, table] of tables) {
    files.set(`${path}.csv`, csv(table));
    pages.push({
      path: `${path}.pdf`,
      html: tableHtml(title, `${organisation} · audit period ${periodLabel} · as of ${plan.today}`, table.header, table.rows),
    });
  }
  const pdfs = await print(pages);
  pages.forEach((page, index) => files.set(page.path, pdfs[index]!));
  for (const file of plan.oscal) files.set(`oscal/${file.path}`, text(file.text));
  for (const [path, bytes] of extra) files.set(path, bytes);
  files.set('README.txt', text(readme(plan)));
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

function readme(plan: AuditPackagePlan): string {
  const lines = [
    `${plan.organisation}: audit package for ${plan.framework.data.name}`,
    `Audit period: ${plan.period.from} to ${plan.period.to} (both days included). Made on ${plan.today} by charter audit-package.`,
    '',
    'policies/, runbooks/  each version in force during the period, as read from git, with a cover page',
    `${plan.framework.id}-statement-of-applicability.csv/.pdf, ${plan.framework.id}-control-matrix.csv/.pdf`,
    'evidence/evidence-index.csv/.pdf  every evidence snapshot collected in the period, per control, with its SHA-256 and chain status',
    'acknowledgements/, access-log/  policy acknowledgements and the gated-document access log for the period',
    'oscal/  the catalogs, component definition and system security plan as OSCAL 1.1.3 JSON',
    'manifest.json  every file of the package with its SHA-256',
  ];
  if (plan.notInForce.length) {
    lines.push('', 'Documents with no version in force during the period:');
    for (const d of plan.notInForce) lines.push(`- ${d.kind} ${d.id} (${d.title}): ${d.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

export interface Manifest {
  organisation: string;
  framework: string;
  period: Period;
  madeOn: string;
  files: { path: string; bytes: number; sha256: string }[];
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Writes `<out>/<name>/` with manifest.json and `<out>/<name>.zip` holding the same files. */
export async function writeAuditPackage(
  plan: AuditPackagePlan,
  out: string,
  files: ReadonlyMap<string, Uint8Array>,
): Promise<{ folder: string; zip: string; manifest: Manifest }> {
  const name = packageName(plan.framework.id, plan.period);
  const manifest: Manifest = {
    organisation: plan.organisation,
    framework: plan.framework.id,
    period: plan.period,
    madeOn: plan.today,
    files: [...files].map(([path, bytes]) => ({ path, bytes: bytes.length, sha256: sha256(bytes) })),
  };
  const all = new Map(files).set('manifest.json', text(`${JSON.stringify(manifest, null, 2)}\n`));
  const folder = join(out, name);
  await rm(folder, { recursive: true, force: true });
  for (const [path, bytes] of all) {
    await mkdir(dirname(join(folder, path)), { recursive: true });
    await writeFile(join(folder, path), bytes);
  }
  // Fixed times in the archive: the zip's bytes change only when a file does.
  const mtime = new Date(`${plan.today}T00:00:00Z`);
  const zip = zipSync(Object.fromEntries([...all].map(([path, bytes]) => [`${name}/${path}`, [bytes, { mtime }]])));
  const zipPath = join(out, `${name}.zip`);
  await writeFile(zipPath, zip);
  return { folder, zip: zipPath, manifest };
}

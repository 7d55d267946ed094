import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { collectors } from '../lib/collectors/index.ts';
import { periodText } from '../lib/audit-period.ts';
import { processClock, today } from '../lib/clock.ts';
import { formatDate } from '../lib/dates.ts';
import { loadSnapshots, snapshotJsonSchema } from '../lib/evidence.ts';
import { collectEvidence, importEvidence, type AppendResult } from '../lib/evidence-collect.ts';
import { declaredWindows, recentWindows, type AuditWindow } from '../lib/evidence-freshness.ts';
import { snapshotHistoryProblems } from '../lib/evidence-git.ts';
import { attentionOrder, evidenceReport } from '../lib/evidence-report.ts';
import { evidenceProblems } from '../lib/evidence-verify.ts';
import { buildGraph } from '../lib/graph.ts';
import { loadContent } from '../lib/load.ts';
import { formatProblem, hasErrors, sortProblems, type Problem } from '../lib/problems.ts';
import { directorySource } from '../lib/source.ts';
import { plural } from '../lib/words.ts';
import { periodOption } from './options.ts';

export const evidenceUsage = `Usage:
  charter evidence verify [--root DIR]
      check every snapshot's hash, its collector's chain and, in git, that no committed
      snapshot was deleted or changed
  charter evidence collect <collector> [--root DIR] [--since TIME] [--controls ID,ID]
      run a collector and add its snapshot; collectors:
${[...collectors.values()].map((c) => `        ${c.name.padEnd(24)} ${c.description}`).join('\n')}
  charter evidence import <file> [--root DIR]
      validate a snapshot your own script wrote and add it to its collector's chain
  charter evidence status [--root DIR] [--window ID | --period FROM..TO]
      freshness and gaps per control, over the last 6 months, the last 12 months
      (--window last-12-months), an audit period content/site.yaml declares (--window
      and its id), or any period (--period 2025-04-01..2026-03-31)
  charter evidence schema
      print the JSON Schema of the snapshot a script writes (docs/evidence.schema.json)`;


function printProblems(problems: readonly Problem[]): void {
  for (const problem of sortProblems(problems)) console.error(formatProblem(problem));
}

async function verify(root: string): Promise<number> {
  const source = directorySource(root);
  const { content } = await loadContent(source, ['site', 'controls']);
  const { graph } = buildGraph(content);
  const clock = processClock(content.site?.data.asOf);
  const [problems, history, { snapshots }] = await Promise.all([
    evidenceProblems(source, graph, today(clock)),
    snapshotHistoryProblems(root),
    loadSnapshots(source),
  ]);
  const all = [...problems, ...history];
  const report = evidenceReport(graph, snapshots, clock.now.toISOString(), { windows: [] });
  const broken = new Set(all.map((p) => snapshots.find((s) => s.file === p.file)?.data.collector ?? p.file.replace(/^evidence-snapshots\//, '').split('.')[0]));
  for (const collector of report.collectors) {
    const mark = broken.has(collector.name) ? '✗' : '✓';
    console.log(`${mark} ${collector.name}: ${plural(collector.snapshots, 'snapshot')}, ${collector.first.slice(0, 10)} to ${collector.last.slice(0, 10)}, supports ${collector.controls.join(', ')}`);
  }
  if (!snapshots.length) console.log('no snapshots in evidence-snapshots/ yet; add some with charter evidence collect or import');
  printProblems(all);
  if (hasErrors(all)) {
    console.error(`\n✗ ${plural(all.length, 'problem')} in evidence-snapshots/`);
    return 1;
  }
  if (snapshots.length) console.log(`\n✓ ${plural(snapshots.length, 'snapshot')} from ${plural(report.collectors.length, 'collector')}: every chain verifies`);
  return 0;
}

function reportAppend(result: AppendResult): number {
  if (result.file === undefined) {
    printProblems(result.problems);
    return 1;
  }
  console.log(`✓ wrote ${result.file} (sequence ${String(result.snapshot.sequence)}, sha256 ${String(result.snapshot.hash).slice(0, 12)}…)`);
  console.log(`  ${String(result.snapshot.summary)}`);
  return 0;
}

async function collect(root: string, name: string | undefined, values: { since?: string; controls?: string }): Promise<number> {
  if (!name) {
    console.error(`charter evidence collect: name a collector\n\n${evidenceUsage}`);
    return 2;
  }
  if (values.since && Number.isNaN(Date.parse(values.since))) {
    console.error(`charter evidence collect: --since: expected a time such as 2026-11-01 or 2026-11-01T00:00:00Z, got "${values.since}"`);
    return 2;
  }
  const needsStore = name === 'policy-acknowledgements' || name === 'report-access';
  const store = needsStore ? (await import('../server/evidence-store.ts')).openEvidenceStore() : undefined;
  try {
    const result = await collectEvidence(root, name, {
      since: values.since ? new Date(values.since).toISOString().replace(/\.\d+Z$/, 'Z') : undefined,
      controls: values.controls?.split(',').map((c) => c.trim()).filter(Boolean),
      store,
    });
    if ('skipped' in result) {
      console.error(`charter evidence collect: skipped ${name}: ${result.skipped}`);
      return 0;
    }
    return reportAppend(result);
  } finally {
    store?.close();
  }
}

async function status(root: string, options: { window?: string; period?: string }): Promise<number> {
  const source = directorySource(root);
  const { content } = await loadContent(source, ['site', 'controls', 'frameworks', 'policies', 'runbooks']);
  const { graph } = buildGraph(content);
  const { snapshots } = await loadSnapshots(source);
  const clock = processClock(content.site?.data.asOf);
  const asOf = clock.now.toISOString();
  const period = periodOption(options, false);
  const windows = [...recentWindows(today(clock)), ...declaredWindows(content.site?.data.frameworks ?? [])];
  const window: AuditWindow | undefined = period
    ? { id: periodText(period), label: `the period ${periodText(period)}`, ...period, kind: 'declared' }
    : windows.find((w) => w.id === (options.window ?? windows[0]!.id));
  if (!window) {
    console.error(`charter evidence status: --window must be one of ${windows.map((w) => w.id).join(', ')}; or give --period FROM..TO`);
    return 2;
  }
  const report = evidenceReport(graph, snapshots, asOf, { windows: [window] });
  console.log(`Evidence as of ${formatDate(asOf.slice(0, 10))}; continuity over ${window.kind === 'rolling' ? window.label.toLowerCase() : window.label} (${window.from} to ${window.to})\n`);
  const rows = [...report.controls].sort((a, b) => attentionOrder[a.freshness.status] - attentionOrder[b.freshness.status] || a.control.code.localeCompare(b.control.code, 'en', { numeric: true }));
  for (const row of rows) {
    const c = row.continuity.get(window.id)!;
    const latest = row.freshness.latest ? `latest ${row.freshness.latest.slice(0, 10)}` : 'no evidence';
    const gaps = row.freshness.status === 'missing' ? '' : `; ${c.covered} of ${plural(c.periods.length, 'period')} covered, ${plural(c.gaps, 'gap')}${c.open ? `, ${c.open} open` : ''}`;
    console.log(`${row.freshness.status.padEnd(8)} ${row.control.code.padEnd(7)} ${row.control.data.frequency.padEnd(11)} ${latest}${gaps}`);
  }
  return 0;
}

export async function evidenceCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      root: { type: 'string', default: '.' },
      since: { type: 'string' },
      controls: { type: 'string' },
      window: { type: 'string' },
      period: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [action, argument] = positionals;
  const root = resolve(values.root!);
  if (values.help || !action) {
    console.log(evidenceUsage);
    return action || values.help ? 0 : 2;
  }
  switch (action) {
    case 'verify':
      return verify(root);
    case 'collect':
      return collect(root, argument, values);
    case 'import':
      if (!argument) {
        console.error(`charter evidence import: name the snapshot file to import\n\n${evidenceUsage}`);
        return 2;
      }
      return reportAppend(await importEvidence(root, argument));
    case 'status':
      return status(root, values);
    case 'schema':
      console.log(JSON.stringify(snapshotJsonSchema(), null, 2));
      return 0;
    default:
      console.error(`charter evidence: unknown action "${action}"\n\n${evidenceUsage}`);
      return 2;
  }
}

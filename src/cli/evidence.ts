import { InvalidArgumentError } from 'commander';
import { collectors } from '../lib/evidence/collectors/index.ts';
import { periodText } from '../lib/time/audit-period.ts';
import { processClock, today } from '../lib/time/clock.ts';
import { formatDate } from '../lib/time/dates.ts';
import { loadSnapshots, snapshotJsonSchema } from '../lib/evidence/snapshots.ts';
import type { KeyObject } from 'node:crypto';
import { collectEvidence, importEvidence, type AppendResult } from '../lib/evidence/collect.ts';
import { SIGNING_KEY_VARIABLE, signingKeyFromEnvironment, type SnapshotSignature } from '../lib/evidence/signatures.ts';
import { declaredWindows, recentWindows, type AuditWindow } from '../lib/evidence/freshness.ts';
import { RESET_TRAILER, snapshotHistory } from '../lib/evidence/history.ts';
import { attentionOrder, evidenceReport } from '../lib/evidence/report.ts';
import { evidenceProblems } from '../lib/evidence/verify.ts';
import { buildGraph } from '../lib/graph/graph.ts';
import { loadContent } from '../lib/content/load.ts';
import { formatProblem, hasErrors, sortProblems, type Problem } from '../lib/content/problems.ts';
import { directorySource } from '../lib/content/source.ts';
import { plural } from '../lib/words.ts';
import type { CharterCommand } from './command.ts';
import { periodOption, periodOptions, rootOf, type PeriodValues } from './options.ts';

function printProblems(problems: readonly Problem[]): void {
  for (const problem of sortProblems(problems)) console.error(formatProblem(problem));
}

async function verify(root: string): Promise<number> {
  const source = directorySource(root);
  const { content } = await loadContent(source, ['site', 'controls']);
  const { graph } = buildGraph(content);
  const clock = processClock(content.site?.data.asOf);
  const [problems, history, { snapshots }] = await Promise.all([evidenceProblems(source, graph, today(clock)), snapshotHistory(root), loadSnapshots(source)]);
  const all = [...problems, ...history.problems];
  const report = evidenceReport(graph, snapshots, clock.now.toISOString(), { windows: [] });
  const broken = new Set(all.map((p) => snapshots.find((s) => s.file === p.file)?.data.collector ?? p.file.replace(/^evidence-snapshots\//, '').split('.')[0]));
  for (const collector of report.collectors) {
    const mark = broken.has(collector.name) ? '✗' : '✓';
    console.log(
      `${mark} ${collector.name}: ${plural(collector.snapshots, 'snapshot')}, ${collector.first.slice(0, 10)} to ${collector.last.slice(0, 10)}, supports ${collector.controls.join(', ')}`,
    );
  }
  if (!snapshots.length) console.log('no snapshots in evidence-snapshots/ yet; add some with charter evidence collect or import');
  if (history.reset)
    console.log(
      `\nThe git history of evidence-snapshots/ is checked from ${history.reset.commit} (${history.reset.date}) on: its ${RESET_TRAILER} trailer says "${history.reset.reason}"; snapshots committed before it are not compared.`,
    );
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
  const signature = result.snapshot.signature as SnapshotSignature | undefined;
  if (signature) console.log(`  signed with key ${signature.key} (${SIGNING_KEY_VARIABLE})`);
  return 0;
}

/** The signing key from CHARTER_EVIDENCE_KEY, or an exit code of 2 when it is set but unusable. */
function signingKey(): KeyObject | undefined | 2 {
  try {
    return signingKeyFromEnvironment();
  } catch (error) {
    console.error(`charter evidence: ${(error as Error).message}`);
    return 2;
  }
}

async function collect(root: string, name: string, values: { since?: string; controls?: string }): Promise<number> {
  const key = signingKey();
  if (key === 2) return 2;
  const needsStore = name === 'policy-acknowledgements' || name === 'report-access';
  const store = needsStore ? (await import('../server/evidence-store.ts')).openEvidenceStore() : undefined;
  try {
    const result = await collectEvidence(root, name, {
      since: values.since,
      controls: values.controls
        ?.split(',')
        .map((c) => c.trim())
        .filter(Boolean),
      store,
      signingKey: key,
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

async function status(root: string, options: PeriodValues & { window?: string }, command: CharterCommand): Promise<number> {
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
  if (!window) command.error(`--window must be one of ${windows.map((w) => w.id).join(', ')}; or give --period FROM..TO`);
  const report = evidenceReport(graph, snapshots, asOf, { windows: [window] });
  console.log(
    `Evidence as of ${formatDate(asOf.slice(0, 10))}; continuity over ${window.kind === 'rolling' ? window.label.toLowerCase() : window.label} (${window.from} to ${window.to})\n`,
  );
  const rows = [...report.controls].sort(
    (a, b) => attentionOrder[a.freshness.status] - attentionOrder[b.freshness.status] || a.control.code.localeCompare(b.control.code, 'en', { numeric: true }),
  );
  for (const row of rows) {
    const c = row.continuity.get(window.id)!;
    const latest = row.freshness.latest ? `latest ${row.freshness.latest.slice(0, 10)}` : 'no evidence';
    const gaps =
      row.freshness.status === 'missing'
        ? ''
        : `; ${c.covered} of ${plural(c.periods.length, 'period')} covered, ${plural(c.gaps, 'gap')}${c.open ? `, ${c.open} open` : ''}`;
    console.log(`${row.freshness.status.padEnd(8)} ${row.control.code.padEnd(7)} ${row.control.data.frequency.padEnd(11)} ${latest}${gaps}`);
  }
  return 0;
}

/** --since: a date or time, kept as UTC to the second as snapshots record it. */
function sinceTime(value: string): string {
  if (Number.isNaN(Date.parse(value))) throw new InvalidArgumentError('Expected a time such as 2026-11-01 or 2026-11-01T00:00:00Z');
  return new Date(value).toISOString().replace(/\.\d+Z$/, 'Z');
}

export function evidenceCommand(program: CharterCommand): void {
  const evidence = program.command('evidence').description('evidence snapshots and their chains');

  evidence
    .command('verify')
    .description("check every snapshot's hash, its collector's chain and, in git, that no committed snapshot was deleted or changed")
    .action((_options: object, command: CharterCommand) => verify(rootOf(command)));

  evidence
    .command('collect')
    .description('run a collector and add its snapshot')
    .argument('<collector>', 'which collector to run (listed below)')
    .option('--since <time>', 'collect what happened since this date or time', sinceTime)
    .option('--controls <ids>', 'the controls the snapshot supports, e.g. AC-01,AC-02')
    .addHelpText('after', `\nCollectors:\n${[...collectors.values()].map((c) => `  ${c.name.padEnd(24)} ${c.description}`).join('\n')}`)
    .action((name: string, options: { since?: string; controls?: string }, command: CharterCommand) => {
      if (!collectors.has(name))
        command.error(
          `unknown collector "${name}"; choose one of ${[...collectors.keys()].join(', ')}, or add snapshots from other systems with charter evidence import`,
        );
      return collect(rootOf(command), name, options);
    });

  evidence
    .command('import')
    .description("validate a snapshot your own script wrote and add it to its collector's chain")
    .argument('<file>', 'the snapshot file (JSON)')
    .action(async (file: string, _options: object, command: CharterCommand) => {
      const key = signingKey();
      return key === 2 ? 2 : reportAppend(await importEvidence(rootOf(command), file, undefined, key));
    });

  periodOptions(
    evidence
      .command('status')
      .description('freshness and gaps per control, over the last 6 months unless a window or period is given')
      .option('--window <id>', 'last-6-months, last-12-months, or the id of an audit period content/site.yaml declares'),
    'any period',
  ).action((options: PeriodValues & { window?: string }, command: CharterCommand) => status(rootOf(command), options, command));

  evidence
    .command('schema')
    .description('print the JSON Schema of the snapshot a script writes (docs/evidence.schema.json)')
    .action(() => {
      console.log(JSON.stringify(snapshotJsonSchema(), null, 2));
      return 0;
    });
}

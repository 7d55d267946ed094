import type { Coverage } from '../graph/coverage.ts';
import { formatDate } from '../time/dates.ts';
import type { AcknowledgementDue, DocumentChange, FieldChange, RequirementState, ReviewSummary } from './diff.ts';
import type { Problem } from '../content/problems.ts';
import { plural } from '../words.ts';

/**
 * The review summary as Markdown for a pull request's job summary. Written for compliance
 * owners who read it in the browser: the verdict first, then what changed, in tables.
 */

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
}

function where(problem: Problem): string {
  const at = problem.line ? `${problem.file}, line ${problem.line}` : problem.file;
  return `${code(at)}${problem.field ? ` (${problem.field})` : ''}: ${problem.message}`;
}

const isDate = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

function show(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (isDate(value)) return formatDate(value);
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

const fieldChange = (change: FieldChange) => `${change.field}: ${show(change.before)} → ${show(change.after)}`;

const statusLabel: Record<DocumentChange['status'], string> = {
  added: '➕ added',
  removed: '➖ removed',
  changed: '✏️ changed',
  renamed: '🔀 moved',
};

function versionCell(change: DocumentChange): string {
  const version = change.version;
  if (!version) return '—';
  if (change.status === 'added') return version.after ?? '—';
  if (change.status === 'removed') return version.before ?? '—';
  if (version.bump === 'none') return change.status === 'renamed' ? version.after! : `${version.after} ❌ not bumped`;
  if (version.bump === 'lower') return `${version.before} → ${version.after} ❌ lower`;
  return `${version.before} → ${version.after} (${version.bump})`;
}

function whatChanged(change: DocumentChange): string {
  if (change.status === 'added' || change.status === 'removed') return '';
  const parts = [...(change.bodyChanged ? ['text'] : []), ...change.fieldsChanged.filter((field) => field !== 'version')];
  if (change.previousFile) parts.push(`file moved from ${change.previousFile}`);
  return parts.join(', ');
}

function documentTable(changes: readonly DocumentChange[], noun: string, withVersion: boolean): string {
  const header = withVersion ? [noun, 'Change', 'Version', 'What changed'] : [noun, 'Change', 'What changed'];
  return table(
    header,
    changes.map((change) => {
      const name = `${change.title} (${code(change.file)})`;
      return withVersion
        ? [name, statusLabel[change.status], versionCell(change), whatChanged(change)]
        : [name, statusLabel[change.status], whatChanged(change)];
    }),
  );
}

function acknowledgementRow(due: AcknowledgementDue): string[] {
  const version = due.previousVersion ? `${due.previousVersion} → ${due.version}` : due.version;
  const who = due.audience.join(', ');
  const action = due.acknowledgement ? `🔔 **${who}** must acknowledge again` : `${who} should be told (no acknowledgement required)`;
  const first = due.reason === 'new policy' ? `🔔 **${who}** must acknowledge` : action;
  return [due.title, version, due.reason, first];
}

function coverageText(value: Coverage | undefined): string {
  if (!value) return '—';
  const applicable = value.total - value.excluded;
  return `${value.covered} of ${applicable} (${Math.round(value.ratio * 100)}%)`;
}

const stateLabel: Record<RequirementState, string> = { covered: 'covered', excluded: 'excluded', uncovered: 'uncovered', absent: 'not in catalog' };

function requirementState(before: RequirementState, after: RequirementState): string {
  const now = after === 'uncovered' ? `⚠️ ${stateLabel[after]}` : stateLabel[after];
  return before === after ? now : `${stateLabel[before]} → ${now}`;
}

const list = (items: readonly string[]) => (items.length ? items.join(', ') : '—');

export function reviewSummaryMarkdown(summary: ReviewSummary): string {
  const out: string[] = ['## Policy review', ''];
  out.push(`Compares ${code(summary.base)} with ${summary.head}.`, '');

  if (summary.errors) {
    out.push(`❌ **${plural(summary.errors, 'problem')} must be fixed before this change can be merged.**`);
  } else if (!summary.hasChanges) {
    out.push('✅ **No changes to policies, runbooks, controls or other compliance content.**');
  } else {
    out.push(`✅ **No problems found.** Read the changes below; merging this pull request approves them.`);
  }
  if (summary.warnings) out.push('', `⚠️ ${plural(summary.warnings, 'point')} to check before approving.`);

  const errors = [...summary.invalid, ...summary.findings.filter((f) => f.severity === 'error')];
  if (errors.length) {
    out.push('', '### ❌ Must be fixed', '');
    if (summary.invalid.length) out.push('The proposed content does not pass `charter check`; documents with errors are left out of the comparison below.', '');
    for (const problem of errors) out.push(`- ${where(problem)}`);
  }
  const warnings = summary.findings.filter((f) => f.severity === 'warning');
  if (warnings.length) {
    out.push('', '### ⚠️ Check before approving', '');
    for (const problem of warnings) out.push(`- ${where(problem)}`);
  }

  const policies = summary.documents.filter((d) => d.kind === 'policy');
  const runbooks = summary.documents.filter((d) => d.kind === 'runbook');
  if (policies.length) out.push('', '### Policies', '', documentTable(policies, 'Policy', true));
  if (runbooks.length) out.push('', '### Runbooks', '', documentTable(runbooks, 'Runbook', false));

  if (summary.acknowledgements.length) {
    out.push(
      '',
      '### 🔔 Who must acknowledge',
      '',
      'A major version, a newly required acknowledgement or a wider audience asks people to read the policy and acknowledge it in the portal.',
      '',
      table(['Policy', 'Version', 'Why', 'Who'], summary.acknowledgements.map(acknowledgementRow)),
    );
  }

  const sub = summary.subprocessors;
  if (sub.added.length || sub.removed.length || sub.changed.length || sub.edited.length) {
    out.push('', '### Sub-processors', '');
    if (sub.customersMustBeNotified) {
      out.push(
        '📣 **Customers must be notified** of added and removed sub-processors before the change takes effect, as the data processing agreement requires.',
        '',
      );
    }
    const rows = [
      ...sub.added.map((s) => ['➕ added', s.name, s.purpose, s.data.join(', '), s.location, s.transferMechanism]),
      ...sub.removed.map((s) => ['➖ removed', s.name, s.purpose, s.data.join(', '), s.location, s.transferMechanism]),
    ];
    if (rows.length) out.push(table(['Change', 'Sub-processor', 'Purpose', 'Data', 'Location', 'Transfer mechanism'], rows));
    if (sub.changed.length || sub.edited.length) {
      if (rows.length) out.push('');
      out.push(
        table(
          ['Changed sub-processor', 'What changed', 'In the public feed'],
          [
            ...sub.changed.map((s) => [s.name, s.changes.map(fieldChange).join('; '), '📣 announced as changed']),
            ...sub.edited.map((s) => [s.name, s.changes.map(fieldChange).join('; '), 'not announced: no material field changed']),
          ],
        ),
      );
    }
  }

  if (summary.controls.length) {
    out.push(
      '',
      '### Controls',
      '',
      table(
        ['Control', 'Change', 'Framework requirements', 'Policies and runbooks', 'Other fields'],
        summary.controls.map((c) => [
          `${c.code} ${c.title}`,
          c.status === 'added' ? '➕ added' : c.status === 'removed' ? '➖ removed' : '✏️ changed',
          [...c.mappingsAdded.map((m) => `➕ ${m}`), ...c.mappingsRemoved.map((m) => `➖ ${m}`)].join(' ') || '—',
          [...c.policiesAdded, ...c.runbooksAdded]
            .map((m) => `➕ ${m}`)
            .concat([...c.policiesRemoved, ...c.runbooksRemoved].map((m) => `➖ ${m}`))
            .join(' ') || '—',
          list(c.fieldsChanged),
        ]),
      ),
    );
  }

  if (summary.frameworks.length) {
    out.push(
      '',
      '### Framework coverage',
      '',
      'Covered means at least one control maps to the requirement; excluded requirements do not count.',
      '',
      table(
        ['Framework', 'Covered before', 'Covered after', 'Newly uncovered'],
        summary.frameworks.map((f) => [
          f.name,
          coverageText(f.before),
          coverageText(f.after),
          f.newlyUncovered.length
            ? `⚠️ ${f.requirements
                .filter((r) => f.newlyUncovered.includes(r.id))
                .map((r) => `${r.code} ${r.title}`)
                .join('; ')}`
            : '—',
        ]),
      ),
    );
    const requirementRows = summary.frameworks.flatMap((f) =>
      f.requirements.map((r) => [f.name, `${r.code} ${r.title}`, requirementState(r.before, r.after), `${list(r.controlsBefore)} → ${list(r.controlsAfter)}`]),
    );
    if (requirementRows.length) {
      out.push(
        '',
        `<details><summary>${plural(requirementRows.length, 'requirement')} whose controls changed</summary>`,
        '',
        table(['Framework', 'Requirement', 'Status', 'Controls before → after'], requirementRows),
        '',
        '</details>',
      );
    }
  }

  if (summary.reviewDates.length) {
    out.push(
      '',
      '### Review dates',
      '',
      table(
        ['Policy', 'What changed', 'Next review'],
        summary.reviewDates.map((r) => [
          r.title,
          r.changes.map(fieldChange).join('; '),
          r.nextReview.before === r.nextReview.after
            ? formatDate(r.nextReview.after)
            : `${formatDate(r.nextReview.before)} → ${formatDate(r.nextReview.after)}`,
        ]),
      ),
    );
  }

  if (summary.otherChanges.length) {
    out.push('', '### Other content', '');
    for (const change of summary.otherChanges) out.push(`- ${code(change.file)} ${change.status}`);
  }

  out.push('', "<sub>Written by `charter diff`. Merging the pull request is the approval: the portal shows the merge on each policy's history.</sub>", '');
  return out.join('\n');
}

import { checkContent } from '../lib/content/check.ts';
import { processClock, type Clock } from '../lib/time/clock.ts';
import { formatDate } from '../lib/time/dates.ts';
import type { ContentSet } from '../lib/content/load.ts';
import { formatProblem, hasErrors } from '../lib/content/problems.ts';
import { directorySource } from '../lib/content/source.ts';
import { plural } from '../lib/words.ts';
import type { CharterCommand } from './command.ts';
import { rootOf } from './options.ts';

/**
 * Prints every problem, then a one-line verdict; `ok` is false when any is an error. `clock` is
 * the one dates were judged by; `content` the documents it read.
 */
export async function runCheck(root: string, options: { quiet?: boolean } = {}): Promise<{ ok: boolean; clock: Clock; content: ContentSet }> {
  const { problems, graph, content } = await checkContent(directorySource(root));
  const clock = processClock(content.site?.data.asOf);
  for (const problem of problems) console.error(formatProblem(problem));
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const counted = `${graph.policies.size} policies, ${graph.runbooks.size} runbooks, ${graph.controls.size} controls, ${graph.requirements.size} framework requirements`;
  if (errors) console.error(`\n✗ ${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${counted}`);
  else if (!options.quiet || warnings) console.log(`✓ content is valid: ${counted}${warnings ? ` (${plural(warnings, 'warning')})` : ''}`);
  if (clock.source !== 'system')
    console.log(
      `  dates judged as of ${formatDate(clock.now.toISOString().slice(0, 10))} (${clock.source === 'asOf' ? 'asOf in content/site.yaml' : clock.source})`,
    );
  return { ok: !hasErrors(problems), clock, content };
}

export function checkCommand(program: CharterCommand): void {
  program
    .command('check')
    .description('validate content and cross-references; lists every problem, exits 1 on any error')
    .action(async (_options: object, command: CharterCommand) => ((await runCheck(rootOf(command))).ok ? 0 : 1));
}

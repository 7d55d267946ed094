import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkContent } from '../lib/check.ts';
import { processClock, type Clock } from '../lib/clock.ts';
import { formatDate } from '../lib/dates.ts';
import { formatProblem, hasErrors } from '../lib/problems.ts';
import { directorySource } from '../lib/source.ts';

/** Prints every problem, then a one-line verdict; `ok` is false when any is an error. `clock` is the one dates were judged by. */
export async function runCheck(root: string, options: { quiet?: boolean } = {}): Promise<{ ok: boolean; clock: Clock }> {
  const { problems, graph, content } = await checkContent(directorySource(root));
  const clock = processClock(content.site?.data.asOf);
  for (const problem of problems) console.error(formatProblem(problem));
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const counted = `${graph.policies.size} policies, ${graph.runbooks.size} runbooks, ${graph.controls.size} controls, ${graph.requirements.size} framework requirements`;
  if (errors) console.error(`\n✗ ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${counted}`);
  else if (!options.quiet || warnings) console.log(`✓ content is valid: ${counted}${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}`);
  if (clock.source !== 'system') console.log(`  dates judged as of ${formatDate(clock.now.toISOString().slice(0, 10))} (${clock.source === 'asOf' ? 'asOf in content/site.yaml' : clock.source})`);
  return { ok: !hasErrors(problems), clock };
}

export async function checkCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { root: { type: 'string', default: '.' } } });
  return (await runCheck(resolve(values.root!))).ok ? 0 : 1;
}

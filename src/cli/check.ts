import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkContent } from '../lib/check.ts';
import { formatProblem, hasErrors } from '../lib/problems.ts';
import { directorySource } from '../lib/source.ts';

/** Prints every problem, then a one-line verdict; exits 1 when any is an error. */
export async function runCheck(root: string, options: { quiet?: boolean } = {}): Promise<boolean> {
  const { problems, graph } = await checkContent(directorySource(root));
  for (const problem of problems) console.error(formatProblem(problem));
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const counted = `${graph.policies.size} policies, ${graph.runbooks.size} runbooks, ${graph.controls.size} controls, ${graph.requirements.size} framework requirements`;
  if (errors) console.error(`\n✗ ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${counted}`);
  else if (!options.quiet || warnings) console.log(`✓ content is valid: ${counted}${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}`);
  return !hasErrors(problems);
}

export async function checkCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { root: { type: 'string', default: '.' } } });
  return (await runCheck(resolve(values.root!))) ? 0 : 1;
}

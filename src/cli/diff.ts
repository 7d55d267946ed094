import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Option } from 'commander';
import { checkContent } from '../lib/content/check.ts';
import { reviewSummaryMarkdown } from '../lib/review/diff-markdown.ts';
import { diffContent, type ContentSnapshot, type ReviewSummary } from '../lib/review/diff.ts';
import { buildGraph } from '../lib/graph/graph.ts';
import { loadContent } from '../lib/content/load.ts';
import { formatProblem, type Problem } from '../lib/content/problems.ts';
import { directorySource, gitRevisionSource } from '../lib/content/source.ts';
import { plural } from '../lib/words.ts';
import { readSnapshotTexts } from '../lib/evidence/rewrites.ts';
import type { CharterCommand } from './command.ts';
import { rootOf } from './options.ts';

const run = promisify(execFile);

/** A base the user named that git cannot find: exit 2, not a content failure. */
export class UnknownRevisionError extends Error {}

/** Resolves a ref to a commit, or explains why it cannot be compared with. */
async function resolveBase(root: string, base: string): Promise<string> {
  try {
    await run('git', ['-C', root, 'rev-parse', '--is-inside-work-tree']);
  } catch {
    throw new UnknownRevisionError(`${root} is not inside a git repository; charter diff compares the working tree with a git revision`);
  }
  try {
    const { stdout } = await run('git', ['-C', root, 'rev-parse', '--verify', '--quiet', `${base}^{commit}`]);
    return stdout.trim();
  } catch {
    throw new UnknownRevisionError(
      `unknown git revision "${base}"; name a branch, tag or commit (e.g. origin/main). In CI, check out with fetch-depth: 0 so the base branch is available`,
    );
  }
}

/** Loads the content at `base` and in the working tree under `root`, and compares them. */
export async function compareWithBase(root: string, base: string): Promise<{ summary: ReviewSummary; problems: Problem[]; baseProblems: Problem[] }> {
  const commit = await resolveBase(root, base);
  const loaded = await loadContent(gitRevisionSource(root, commit));
  const built = buildGraph(loaded.content);
  const before: ContentSnapshot = {
    label: `${base} (${commit.slice(0, 7)})`,
    content: loaded.content,
    graph: built.graph,
    problems: [...loaded.problems, ...built.problems],
    evidence: await readSnapshotTexts(gitRevisionSource(root, commit)),
  };
  const checked = await checkContent(directorySource(root));
  const after: ContentSnapshot = {
    label: 'the proposed content',
    content: checked.content,
    graph: checked.graph,
    problems: checked.problems,
    evidence: await readSnapshotTexts(directorySource(root)),
  };
  return {
    summary: diffContent(before, after),
    problems: checked.problems,
    baseProblems: before.problems!.filter((p) => p.severity === 'error'),
  };
}

export function diffCommand(program: CharterCommand): void {
  program
    .command('diff')
    .description('the review summary of the content changes since a git revision, for pull requests')
    .requiredOption('--base <ref>', 'the branch, tag or commit to compare with, e.g. origin/main')
    .addOption(new Option('--format <format>', 'how to print the summary').choices(['markdown', 'json']).default('markdown'))
    .action((options: { base: string; format: 'markdown' | 'json' }, command: CharterCommand) => diff(rootOf(command), options));
}

async function diff(root: string, values: { base: string; format: 'markdown' | 'json' }): Promise<number> {
  let result: Awaited<ReturnType<typeof compareWithBase>>;
  try {
    result = await compareWithBase(root, values.base);
  } catch (error) {
    if (error instanceof UnknownRevisionError) {
      console.error(`charter diff: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const { summary, problems, baseProblems } = result;
  console.log(values.format === 'json' ? JSON.stringify(summary, null, 2) : reviewSummaryMarkdown(summary));

  // The log gets the same findings in the file:line form editors and CI annotations understand.
  for (const problem of problems) console.error(formatProblem(problem));
  for (const finding of summary.findings) console.error(formatProblem(finding));
  if (baseProblems.length) {
    console.error(`note: the content at ${values.base} has ${plural(baseProblems.length, 'error')}; documents with errors there count as added`);
  }
  if (summary.errors) console.error(`\n✗ ${plural(summary.errors, 'error')}: fix ${summary.errors === 1 ? 'it' : 'them'} before merging`);
  return summary.errors ? 1 : 0;
}

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { loadContent } from '../lib/content/load.ts';
import { formatProblem, hasErrors } from '../lib/content/problems.ts';
import { directorySource } from '../lib/content/source.ts';
import { buildGraph } from '../lib/graph/graph.ts';
import { OscalExportError, oscalExport, oscalJson, type OscalFile } from '../lib/oscal/export.ts';
import { processClock } from '../lib/time/clock.ts';
import type { CharterCommand } from './command.ts';
import { rootOf } from './options.ts';

/** The OSCAL files for the content under `root`, or the problems that stop them. */
export async function oscalFiles(root: string): Promise<{ files: OscalFile[] } | { errors: string[] }> {
  const { content, problems } = await loadContent(directorySource(root), ['site', 'controls', 'frameworks', 'systemBoundary', 'sharedResponsibility']);
  const { graph, problems: references } = buildGraph(content);
  const all = [...problems, ...references];
  if (hasErrors(all)) return { errors: [...all.filter((p) => p.severity === 'error').map(formatProblem), 'fix these first (charter check lists them)'] };
  if (!content.systemBoundary) return { errors: ['content/system-boundary.yaml is missing: the system security plan needs the system boundary'] };
  try {
    const files = oscalExport({
      graph,
      boundary: content.systemBoundary.data,
      responsibility: content.sharedResponsibility?.data,
      asOf: processClock(content.site?.data.asOf).now,
    });
    return { files };
  } catch (error) {
    if (error instanceof OscalExportError) return { errors: [error.message] };
    throw error;
  }
}

/** Writes the files under `out`, creating folders as needed. */
export async function writeOscalFiles(out: string, files: readonly OscalFile[]): Promise<void> {
  for (const file of files) {
    const path = join(out, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, oscalJson(file));
  }
}

export function oscalCommand(program: CharterCommand): void {
  program
    .command('oscal')
    .description('write the catalogs, component definition and system security plan as OSCAL 1.1.3 JSON')
    .requiredOption('--out <dir>', 'the folder to write the OSCAL files into')
    .action(async (options: { out: string }, command: CharterCommand) => {
      const result = await oscalFiles(rootOf(command));
      if ('errors' in result) {
        for (const error of result.errors) console.error(error);
        return 2;
      }
      const out = resolve(options.out);
      await writeOscalFiles(out, result.files);
      for (const file of result.files) console.log(`✓ ${join(options.out, file.path)}`);
      console.log(`\n✓ ${result.files.length} OSCAL 1.1.3 files in ${options.out}`);
      return 0;
    });
}

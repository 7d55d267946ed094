import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { periodText, type Period } from '../lib/time/audit-period.ts';
import { plural } from '../lib/words.ts';
import type { CharterCommand } from './command.ts';
import { periodOption, periodOptions, rootOf, type PeriodValues } from './options.ts';

const charterBin = fileURLToPath(new URL('../../bin/charter.mjs', import.meta.url));
const encode = (text: string) => new TextEncoder().encode(text);

/**
 * The acknowledgement export and the access log for the period, from `charter acks export` and
 * `charter requests export` over CHARTER_DB or CHARTER_DATABASE_URL; a note saying so when no database is configured.
 */
export async function storeExports(root: string, period: Period): Promise<Map<string, Uint8Array>> {
  // Where the other commands look: CHARTER_DATABASE_URL, else CHARTER_DB, else .charter/charter.db.
  const database = process.env.CHARTER_DB || '.charter/charter.db';
  const files = new Map<string, Uint8Array>();
  if (!process.env.CHARTER_DATABASE_URL && !existsSync(resolve(database))) {
    const note = (what: string) =>
      encode(
        `No database was configured (CHARTER_DATABASE_URL is not set and CHARTER_DB is ${database}, which does not exist), ` +
          `so this package holds no ${what} for ${periodText(period)}.\n` +
          'Run charter audit-package with CHARTER_DB (SQLite) or CHARTER_DATABASE_URL (PostgreSQL) pointing at the portal database to include it.\n',
      );
    files.set('acknowledgements/NONE.txt', note('policy acknowledgements'));
    files.set('access-log/NONE.txt', note('access log'));
    return files;
  }
  const work = await mkdtemp(join(tmpdir(), 'charter-audit-'));
  try {
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, [charterBin, '--root', root, ...args], { env: process.env, maxBuffer: 256 * 1024 * 1024 });
    await run('acks', 'export', '--period', periodText(period), '--out', join(work, 'acknowledgements'));
    await run('requests', 'export', '--period', periodText(period), '--format', 'csv', '--out', join(work, 'access-log.csv'));
    await run('requests', 'export', '--period', periodText(period), '--format', 'json', '--out', join(work, 'access-log.json'));
    for (const entry of await readdir(work, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const path = relative(work, join(entry.parentPath, entry.name));
      files.set(path.startsWith('access-log') ? `access-log/${path}` : path, new Uint8Array(await readFile(join(work, path))));
    }
    return files;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export function auditPackageCommand(program: CharterCommand): void {
  periodOptions(
    program
      .command('audit-package')
      .description('write the documents, SoA, matrix, evidence index, acknowledgements, access log and OSCAL for an audit period, as a folder and a .zip')
      .requiredOption('--framework <id>', 'the framework the audit is against, e.g. soc2 or iso27001')
      .requiredOption('--out <dir>', 'the folder to write the package folder and .zip into'),
    'the audit period',
  )
    .addHelpText(
      'after',
      '\nPDFs are printed with Chromium (CHROMIUM_PATH, else /usr/bin/chromium). CHARTER_DB is the portal database to read acknowledgements and the access log from.',
    )
    .action(async (options: PeriodValues & { framework: string; out: string }, command: CharterCommand) => {
      const root = rootOf(command);
      const period = periodOption(options, true)!;
      // Loaded here, not above: PDF printing, Markdown and ZIP are needed by this command only.
      const { AuditPackageError, auditPackageFiles, planAuditPackage, writeAuditPackage } = await import('../lib/audit/package.ts');
      const { ChromiumMissingError, chromiumExecutable, printPdfs } = await import('../lib/audit/pdf.ts');
      try {
        const plan = await planAuditPackage(root, { framework: options.framework, period });
        chromiumExecutable();
        const files = await auditPackageFiles(plan, (pages) => printPdfs(pages), await storeExports(root, period));
        const written = await writeAuditPackage(plan, resolve(options.out), files);
        console.log(`✓ ${written.folder}`);
        console.log(`✓ ${written.zip}`);
        console.log(
          `  ${plural(plan.documents.filter((d) => d.kind === 'policy').length, 'policy version')}, ${plural(plan.documents.filter((d) => d.kind === 'runbook').length, 'runbook version')}, ${plural(written.manifest.files.length, 'file')} in manifest.json`,
        );
        for (const missing of plan.notInForce) console.log(`  not in force during ${periodText(period)}: ${missing.kind} ${missing.id} (${missing.reason})`);
        return 0;
      } catch (error) {
        if (error instanceof AuditPackageError || error instanceof ChromiumMissingError) {
          console.error(`${command.path()}: ${error.message}`);
          return 2;
        }
        throw error;
      }
    });
}

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { postgresMissing } from './postgres.ts';

/** The browser the build tests drive: Debian's Chromium, or CHROMIUM_PATH. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Fails at once, in one line, when a program the build tests need is missing, instead of one
 * timeout per test.
 */
export async function checkPrerequisites(): Promise<void> {
  const missing: string[] = [];
  await promisify(execFile)(chromiumPath, ['--version']).catch(() => {
    missing.push(`Chromium is not at ${chromiumPath}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH`);
  });
  const postgres = postgresMissing();
  if (postgres) missing.push(postgres);
  if (missing.length) throw new Error(`the build tests cannot run here. ${missing.join('; ')}`);
}

import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { charterProgram, run } from '../src/cli/main.ts';
import { makeFixture, type Fixture } from './fixture.ts';

const project = join(import.meta.dirname, '..');
const charterWith = (env: Record<string, string>, ...args: string[]) =>
  promisify(execFile)(process.execPath, [join(project, 'bin/charter.mjs'), ...args], { cwd: project, env: { ...process.env, ...env } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
const charter = (...args: string[]) => charterWith({}, ...args);

describe('the charter command', () => {
  let fixture: Fixture;
  beforeEach(async () => {
    fixture = await makeFixture();
  });
  afterEach(async () => {
    await fixture.cleanup();
  });

  it('passes on the example content shipped with the repository', async () => {
    const result = await charter('check');
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✓ content is valid: \d+ policies, \d+ runbooks, \d+ controls/);
  });

  it('exits 1 and names file, line and field when content is broken', async () => {
    await fixture.edit('content/policies/access-control.mdx', (t) => t.replace('  - AC-02', '  - AC-02\n  - AC-99'));
    const result = await charter('check', '--root', fixture.root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('content/policies/access-control.mdx:12: controls[2]: unknown control "AC-99"');
    expect(result.stderr).toContain('✗ 1 error');
  });

  it('builds nothing when the content is invalid', async () => {
    await fixture.edit('content/controls/AC-01.yaml', (t) => t.replace('frequency: continuous', 'frequency: sometimes'));
    const out = join(fixture.root, 'dist');
    const result = await charter('build', '--root', fixture.root, '--out', out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'content/controls/AC-01.yaml:7: frequency: must be one of "continuous", "daily", "weekly", "monthly", "quarterly", "semiannual", "annual", got the text "sometimes"',
    );
    expect(result.stderr).toContain('Nothing was built');
    expect(existsSync(out)).toBe(false);
  });

  it('judges dates as of CHARTER_NOW, and refuses one that is not a date with exit 2, building nothing', async () => {
    // The fixture's policy took effect on 2026-03-01 and is reviewed annually: overdue from 2027-03-02.
    const before = await charterWith({ CHARTER_NOW: '2027-03-01' }, 'check', '--root', fixture.root);
    expect(before.stderr).not.toContain('review overdue');
    expect(before.stdout).toContain('dates judged as of 1 March 2027 (CHARTER_NOW)');
    const after = await charterWith({ CHARTER_NOW: '2027-03-02T08:00:00Z' }, 'check', '--root', fixture.root);
    expect(after.stderr).toMatch(/content\/policies\/access-control\.mdx:\d+: warning: effective: review overdue since 2027-03-01/);
    expect(after.code).toBe(0);

    const out = join(fixture.root, 'dist');
    const result = await charterWith({ CHARTER_NOW: 'next tuesday' }, 'build', '--root', fixture.root, '--out', out);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('charter build: CHARTER_NOW: expected a date such as 2026-11-30 or a time such as 2026-11-30T12:00:00Z, got "next tuesday"\n');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a period that is not a date range, ends before it starts or spans more than three years, with exit 2', async () => {
    const cases = [
      ['2026-13-01..2027-01-01', '--period: "2026-13-01" is not a date written as YYYY-MM-DD'],
      ['2026-04-01..2025-04-01', '--period: ends on 2025-04-01, before it starts on 2026-04-01'],
      ['2020-01-01..2026-01-01', '--period: is longer than 3 years (2020-01-01 to 2026-01-01)'],
    ];
    for (const [period, message] of cases) {
      const result = await charter('evidence', 'status', '--root', fixture.root, '--period', period!);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
    }
    const exports = await charterWith({ CHARTER_DB: join(fixture.root, 'charter.db') }, 'acks', 'export', '--root', fixture.root, '--period', '2026-04-01');
    expect(exports.code).toBe(2);
    expect(exports.stderr).toContain('--period: expected FROM..TO such as 2025-04-01..2026-03-31, got "2026-04-01"');
    expect(existsSync(join(fixture.root, 'charter.db'))).toBe(false);
  });

  it('explains an unknown command', async () => {
    const result = await charter('chek');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "chek"');
  });
});

describe('the charter command line', () => {
  const tree = (command: Command): string[] => [command.name(), ...command.commands.flatMap((c) => tree(c).map((path) => `${command.name()} ${path}`))];
  const commands = tree(charterProgram()).map((path) => path.split(' ').slice(1));

  it('has the commands and subcommands the README lists', () => {
    expect(commands.map((c) => c.join(' '))).toEqual([
      '',
      'check',
      'build',
      'serve',
      'diff',
      'requests',
      'requests list',
      'requests approve',
      'requests deny',
      'requests revoke',
      'requests export',
      'requests erase',
      'requests anonymise',
      'requests verify',
      'requests report',
      'acks',
      'acks export',
      'acks remind',
      'acks status',
      'acks verify',
      'subscribers',
      'subscribers notify',
      'mail',
      'mail status',
      'mail retry',
      'evidence',
      'evidence verify',
      'evidence collect',
      'evidence import',
      'evidence status',
      'evidence schema',
      'oscal',
      'audit-package',
    ]);
  });

  it('answers --help and -h with exit 0 and its usage, for every command and subcommand', async () => {
    for (const command of commands) {
      for (const flag of ['--help', '-h']) {
        const path = ['charter', ...command].join(' ');
        const result = await runCaptured([...command, flag]);
        expect({ path, flag, code: result.code, stderr: result.stderr }).toEqual({ path, flag, code: 0, stderr: '' });
        expect(result.stdout).toContain(`Usage: ${path} `);
        expect(result.stdout).toContain('--root <dir>');
      }
    }
    // The same through bin/charter.mjs, at each level.
    for (const args of [['-h'], ['requests', '--help'], ['requests', 'export', '-h']]) {
      const result = await charter(...args);
      expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 0, stderr: '' });
      expect(result.stdout).toContain(`Usage: ${['charter', ...args.slice(0, -1)].join(' ')} `);
    }
  });

  it('names every action in the top-level usage, and prints it with exit 2 when no command is given', async () => {
    const help = await charter('--help');
    expect(help.stdout).toMatch(/requests <action> +gated document requests and their access log: list,\s+approve, deny, revoke, export, erase, anonymise/);
    expect(help.stdout).toContain('evidence <action>');
    const bare = await charter();
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Usage: charter [options] [command]');
    const group = await charter('acks');
    expect(group.code).toBe(2);
    expect(group.stderr).toContain('Usage: charter acks [options] [command]');
  });

  it('exits 2 with the message and the usage on stderr for a wrong option, command, argument or value', async () => {
    const cases: [string[], string, string][] = [
      [['check', '--bogus'], 'charter check: unknown option "--bogus"', 'charter check'],
      [['requests', 'list', '--reason', 'x'], 'charter requests list: unknown option "--reason"', 'charter requests list'],
      [['acks', 'stat'], 'charter acks: unknown command "stat"', 'charter acks'],
      [['requests', 'approve'], 'charter requests approve: missing required argument "id"', 'charter requests approve'],
      [['diff'], 'charter diff: required option "--base <ref>" not specified', 'charter diff'],
      [
        ['diff', '--base', 'main', '--format', 'yaml'],
        'charter diff: option "--format <format>" argument "yaml" is invalid. Allowed choices are markdown, json.',
        'charter diff',
      ],
      [
        ['build', '--target', 'intranet'],
        'charter build: option "--target <site>" argument "intranet" is invalid. Allowed choices are portal, trust.',
        'charter build',
      ],
      [
        ['serve', '--portal-port', 'eighty'],
        'charter serve: option "--portal-port <port>" argument "eighty" is invalid. Expected a port number from 1 to 65535',
        'charter serve',
      ],
      [['evidence', 'collect', 'nope'], 'charter evidence collect: unknown collector "nope"', 'charter evidence collect'],
    ];
    for (const [args, message, usage] of cases) {
      const result = await runCaptured(args);
      expect({ args, code: result.code, stdout: result.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(result.stderr.startsWith(message)).toBe(true);
      expect(result.stderr).toContain(`Usage: ${usage} `);
    }
    // The same through bin/charter.mjs.
    const result = await charter('check', '--bogus');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^charter check: unknown option "--bogus"\n\nUsage: charter check /);
  });

  it('prints the version from package.json', async () => {
    const { version } = JSON.parse(await readFile(join(project, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) expect(await charter(flag)).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('says what went wrong in one line, with the stack trace only under --debug or DEBUG=charter', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'charter-cli-'));
    try {
      const env = { CHARTER_DB: join(folder, 'charter.db') };
      const plain = await charterWith(env, 'requests', 'approve', 'nope');
      expect(plain).toEqual({ code: 1, stdout: '', stderr: 'charter requests approve: no request with id nope\n' });
      for (const debug of [
        await charterWith(env, 'requests', 'approve', 'nope', '--debug'),
        await charterWith({ ...env, DEBUG: 'charter' }, 'requests', 'approve', 'nope'),
      ]) {
        expect(debug.code).toBe(1);
        expect(debug.stderr).toMatch(/^charter requests approve: Error: no request with id nope\n {4}at /);
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('prints no Node warning for the commands that open the database, and still prints other warnings', async () => {
    const fixture = await makeFixture();
    try {
      const env = { CHARTER_DB: join(fixture.root, 'charter.db') };
      for (const args of [
        ['acks', 'status'],
        ['requests', 'list'],
      ]) {
        const result = await charterWith(env, ...args, '--root', fixture.root);
        expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 0, stderr: '' });
      }
      // Node 22 announces node:sqlite as experimental, Node 24 no longer does: emit the notice ourselves, after the CLI started.
      const warn = `setTimeout(() => { process.emitWarning('SQLite is an experimental feature and might change at any time', 'ExperimentalWarning'); process.emitWarning('a warning Charter must not hide'); }, 300)`;
      const { stderr } = await promisify(execFile)(process.execPath, [
        '--import',
        `data:text/javascript,${encodeURIComponent(warn)}`,
        join(project, 'bin/charter.mjs'),
        '--version',
      ]);
      expect(stderr).toContain('Warning: a warning Charter must not hide');
      expect(stderr).not.toContain('ExperimentalWarning');
    } finally {
      await fixture.cleanup();
    }
  });

  it('says in one line that an older Node is too old, for every command', async ({ skip }) => {
    const oldNode = ['/usr/bin/node', '/usr/local/bin/node']
      .map((path) => ({ path, version: nodeVersion(path) }))
      .find(({ version }) => version && olderThan(version, [22, 12]));
    skip(!oldNode, 'no Node older than 22.12 at /usr/bin/node or /usr/local/bin/node');
    for (const args of [['check'], ['--help'], ['acks', 'status'], ['evidence', 'verify']]) {
      const result = await promisify(execFile)(oldNode!.path, [join(project, 'bin/charter.mjs'), ...args], { cwd: project, env: {} }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
      );
      expect(result).toEqual({ code: 1, stderr: `Charter needs Node 22.12 or later; this is ${oldNode!.version}\n` });
    }
  });
});

/** Runs the CLI in this process (help and usage errors touch nothing), capturing what it prints. */
async function runCaptured(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const printed = { stdout: '', stderr: '' };
  const capture = (stream: 'stdout' | 'stderr') =>
    vi.spyOn(process[stream], 'write').mockImplementation(((chunk: string | Uint8Array) => {
      printed[stream] += String(chunk);
      return true;
    }) as typeof process.stdout.write);
  const spies = [capture('stdout'), capture('stderr')];
  try {
    return { code: await run(args), ...printed };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

/** The version of the Node at `path` (20.20.2), or undefined when there is none. */
function nodeVersion(path: string): string | undefined {
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8', env: {} }).trim().replace(/^v/, '');
  } catch {
    return undefined;
  }
}

const olderThan = (version: string, [major, minor]: [number, number]) => {
  const [a = 0, b = 0] = version.split('.').map(Number);
  return a < major || (a === major && b < minor);
};

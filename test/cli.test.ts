import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
  beforeEach(async () => { fixture = await makeFixture(); });
  afterEach(async () => { await fixture.cleanup(); });

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
    expect(result.stderr).toContain('content/controls/AC-01.yaml:7: frequency: must be one of "continuous", "daily", "weekly", "monthly", "quarterly", "semiannual", "annual", got the text "sometimes"');
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

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, type Fixture } from './fixture.ts';

const project = join(import.meta.dirname, '..');
const charter = (...args: string[]) =>
  promisify(execFile)(process.execPath, [join(project, 'bin/charter.mjs'), ...args], { cwd: project }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

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

  it('explains an unknown command', async () => {
    const result = await charter('chek');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "chek"');
  });
});

import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../src/cli/main.ts';

// Bad input is refused before Chromium starts, so these need Node only.
const project = join(import.meta.dirname, '..');

describe('charter audit-package refuses bad input, exit 2, nothing written', () => {
  let out: string;
  let errors: string[];
  beforeEach(async () => {
    out = join(await mkdtemp(join(tmpdir(), 'charter-audit-bad-')), 'package');
    errors = [];
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation((message: string) => errors.push(message));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(join(out, '..'), { recursive: true, force: true });
  });
  const auditPackage = (...args: string[]) => run(['--root', project, 'audit-package', '--out', out, ...args]);

  it('an unknown framework names the ones there are', async () => {
    expect(await auditPackage('--framework', 'pci-dss', '--period', '2026-04-01..2026-09-30')).toBe(2);
    expect(errors.join('\n')).toContain(
      '--framework: no catalog for "pci-dss" in frameworks/; use one of: iec62443-3-3, iec62443-4-2, iso27001, nist-csf, soc2',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('a period outside the evidence says where the evidence is', async () => {
    expect(await auditPackage('--framework', 'soc2', '--period', '2024-01-01..2024-12-31')).toBe(2);
    expect(errors.join('\n')).toMatch(
      /--period: no evidence snapshot was collected between 2024-01-01 and 2024-12-31; the evidence runs from 2026-\d\d-\d\d to 2026-\d\d-\d\d/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('a period that is not over yet', async () => {
    expect(await auditPackage('--framework', 'iso27001', '--period', '2026-04-01..2027-03-31')).toBe(2);
    expect(errors.join('\n')).toContain('--period: ends on 2027-03-31, which is not over yet (today is 2026-11-22)');
    expect(existsSync(out)).toBe(false);
  });

  it('a malformed period, through the shared period parser', async () => {
    expect(await auditPackage('--framework', 'soc2', '--period', '2026-04-01..2026-02-30')).toBe(2);
    expect(errors.join('\n')).toContain('--period: "2026-02-30" is not a date written as YYYY-MM-DD');
    expect(existsSync(out)).toBe(false);
  });

  it('without Chromium, says how to install it', async () => {
    vi.stubEnv('CHROMIUM_PATH', join(out, 'no-chromium'));
    try {
      expect(await auditPackage('--framework', 'soc2', '--period', '2026-04-01..2026-09-30')).toBe(2);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(errors.join('\n')).toContain('apt-get install chromium');
    expect(existsSync(out)).toBe(false);
  });
});

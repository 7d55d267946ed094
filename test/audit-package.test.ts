import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { storeExports } from '../src/cli/audit-package.ts';
import { run } from '../src/cli/main.ts';
import { AcknowledgementStore } from '../src/server/acknowledgement-store.ts';
import { openStore } from '../src/server/store/database.ts';

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

describe('the audit package reads acknowledgements and the access log from the portal database', () => {
  it('exports only the records of the period from a real SQLite file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'charter-audit-db-'));
    const path = join(dir, 'charter.db');
    const store = await openStore({ path });
    let at = new Date('2026-05-10T09:00:00Z');
    const acknowledgements = new AcknowledgementStore(store, () => at);
    await acknowledgements.record({ person: 'priya.raman@kestrel.example', policyId: 'access-control', version: '2.3.0', contentHash: 'a'.repeat(64) });
    at = new Date('2026-11-01T09:00:00Z');
    await acknowledgements.record({ person: 'marcus.webb@kestrel.example', policyId: 'access-control', version: '2.3.0', contentHash: 'a'.repeat(64) });
    await store.close();
    vi.stubEnv('CHARTER_DB', path);
    vi.stubEnv('CHARTER_DATABASE_URL', undefined);
    try {
      const files = await storeExports(project, { from: '2026-04-01', to: '2026-09-30' });
      expect([...files.keys()].sort()).toEqual([
        'access-log/access-log.csv',
        'access-log/access-log.json',
        'acknowledgements/acknowledgements-2026-04-01-2026-09-30.csv',
        'acknowledgements/acknowledgements-2026-04-01-2026-09-30.json',
      ]);
      const csv = new TextDecoder().decode(files.get('acknowledgements/acknowledgements-2026-04-01-2026-09-30.csv'));
      expect(csv).toContain('priya.raman@kestrel.example,access-control,2.3.0');
      expect(csv).not.toContain('marcus.webb');
      const log = new TextDecoder().decode(files.get('access-log/access-log.csv'));
      expect(log).toContain('policy.acknowledged');
      expect(log).not.toContain('marcus.webb');
    } finally {
      vi.unstubAllEnvs();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

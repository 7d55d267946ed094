import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReportRequestStore } from '../src/server/report-requests.ts';
import type { Store } from '../src/server/store/database.ts';
import { openTestStore, stopPostgresAfterAll, storeKinds } from './stores.ts';

const run = promisify(execFile);
const project = join(import.meta.dirname, '..');
const context = { ip: '203.0.113.9', userAgent: 'test' };

stopPostgresAfterAll();

describe.each(storeKinds)('charter requests report and verify (%s)', (kind) => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'charter-report-'));
    store = await openTestStore(kind, dir);
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const charter = (...args: string[]) =>
    run(process.execPath, [join(project, 'bin/charter.mjs'), ...args], {
      cwd: project,
      env: { ...process.env, ...(kind === 'postgres' ? { CHARTER_DATABASE_URL: store.location } : { CHARTER_DB: store.location }) },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('answers who requested, was approved for and downloaded which document in a period, per company, and checks the chain', async () => {
    let now = new Date('2026-08-10T09:00:00Z');
    const requests = new ReportRequestStore(store, () => now);
    const make = async (email: string, approve: boolean) => {
      const request = await requests.create(
        { documentId: 'soc2-type2-2026', name: 'N', email, company: 'C', reason: 'review', domain: email.split('@')[1]!, status: 'awaiting-nda' },
        context,
      );
      await requests.acceptNda(request.id, { version: '1.0', hash: 'h' }, context, false, approve ? { decision: { outcome: 'approved', actor: 'rule' } } : {});
      return request.id;
    };
    const first = await make('ana@acme.example', true);
    await make('ben@acme.example', false);
    await requests.recordDownload(first, context);
    now = new Date('2026-08-12T15:30:00Z');
    await requests.recordDownload(first, context);
    await requests.eraseEmail('ana@acme.example'); // anonymised requests still count
    now = new Date('2026-10-02T08:00:00Z'); // outside the quarter
    await make('cy@other.example', true);

    const report = await charter('requests', 'report', '--period', '2026-07-01..2026-09-30', '--format', 'json');
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout).lines).toEqual([
      {
        domain: 'acme.example',
        documentId: 'soc2-type2-2026',
        requests: 2,
        approved: 1,
        denied: 0,
        refused: 0,
        revoked: 0,
        ndaAcceptances: 2,
        downloads: 2,
        lastActivity: '2026-08-12T15:30:00.000Z',
      },
    ]);

    expect(await charter('requests', 'verify')).toMatchObject({ code: 0, stdout: expect.stringContaining('chain is intact: 11 rows') });
    expect(await charter('acks', 'verify')).toMatchObject({ code: 0 });
    // Someone edits a row behind the store's back (after removing the append-only trigger).
    if (kind === 'sqlite') await sql`DROP TRIGGER audit_log_no_update`.execute(store.db);
    else await sql`DROP TRIGGER audit_log_append_only ON audit_log`.execute(store.db);
    await sql`UPDATE audit_log SET actor = 'mallory' WHERE seq = 4`.execute(store.db);
    expect(await charter('requests', 'verify')).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('broken at row 4: its content does not match its hash'),
    });
  }, 60_000);
});

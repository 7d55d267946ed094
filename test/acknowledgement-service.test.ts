import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcknowledgementService, loadPortalSettings } from '../src/server/acknowledgement-service.ts';
import { AcknowledgementStore } from '../src/server/acknowledgement-store.ts';
import type { Store } from '../src/server/store/database.ts';
import { openTestStore, stopPostgresAfterAll, storeKinds } from './stores.ts';

const project = join(import.meta.dirname, '..');
const noMail = { async send() {}, close() {} };

stopPostgresAfterAll();

describe.each(storeKinds)('acknowledgement coverage (%s)', (kind) => {
  let dir: string;
  let db: Store;
  let service: AcknowledgementService;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'charter-coverage-'));
    db = await openTestStore(kind, dir);
    const settings = await loadPortalSettings(project, 'evidence-snapshots/roster.csv');
    service = new AcknowledgementService(settings, new AcknowledgementStore(db), noMail, () => '2026-11-22');
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is shown to the people listed in content/site.yaml, whatever the case of their address', async () => {
    const report = await service.coverageFor({ email: 'Grace.Chen@kestrel.example' });
    expect(report).toBeDefined();
    expect(report!.policies.length).toBeGreaterThan(0);
    for (const row of report!.policies) expect(row.done + row.due + row.overdue).toBe(row.people.length);
  });

  it('is refused to people who are on the roster but own and approve nothing', async () => {
    expect(await service.coverageFor({ email: 'mei.tanaka@kestrel.example' })).toBeUndefined();
  });

  it('counts each person once per applicable policy, most open first', async () => {
    const current = await service.myPolicies({ email: 'mei.tanaka@kestrel.example' });
    await service.acknowledge({ email: 'mei.tanaka@kestrel.example' }, current[0]!.policyId, current[0]!.policy.version);
    const { people } = (await service.coverageFor({ email: 'grace.chen@kestrel.example' }))!;
    const mei = people.find((p) => p.email === 'mei.tanaka@kestrel.example')!;
    expect(mei).toEqual({
      email: 'mei.tanaka@kestrel.example',
      name: 'Mei Tanaka',
      total: current.length,
      open: current.filter((s) => s.status !== 'done').length - 1,
    });
    expect(people.map((p) => p.open)).toEqual([...people.map((p) => p.open)].sort((a, b) => b - a));
  });
});

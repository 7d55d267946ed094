import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { openStore, type DialectName, type Store } from '../src/server/store/database.ts';
import { startPostgres, type PostgresCluster } from './postgres.ts';

/** The service-level suites run once per store: the default SQLite file and PostgreSQL. */
export const storeKinds: readonly DialectName[] = ['sqlite', 'postgres'];

let cluster: Promise<PostgresCluster> | undefined;

/** A fresh, migrated store of the kind: a file in `dir`, or a new database in this file's PostgreSQL cluster. */
export async function openTestStore(kind: DialectName, dir: string): Promise<Store> {
  if (kind === 'sqlite') return openStore({ path: join(dir, 'store.db') });
  cluster ??= startPostgres();
  return openStore({ url: await (await cluster).createDatabase(), path: '' });
}

/** Starts this test file's PostgreSQL cluster before its tests (initdb takes seconds) and stops it after them. */
export function stopPostgresAfterAll(): void {
  beforeAll(async () => {
    cluster ??= startPostgres();
    await cluster;
  }, 60_000);
  afterAll(async () => {
    const started = cluster;
    cluster = undefined;
    if (started) await (await started).stop();
  }, 30_000);
}

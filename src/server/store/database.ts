import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, PostgresDialect, sql, type SelectQueryBuilder } from 'kysely';
import { wallClock } from '../../lib/time/clock.ts';
import { migrations as allMigrations, type Migration } from './migrations.ts';
import { NodeSqliteDialect } from './node-sqlite-dialect.ts';
import type { Schema } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

/** A transaction (or the database outside one) and the dialect it speaks. */
export interface Tx {
  db: Kysely<Schema>;
  dialect: DialectName;
}

/** Advisory lock spaces in PostgreSQL: one key per thing that must be serialised across instances. */
const LOCK_MIGRATIONS = 1;
const LOCK_AUDIT_CHAIN = 2;
const LOCK_RATE_LIMIT = 3;

/**
 * The database of record: SQLite in one file by default, PostgreSQL when CHARTER_DATABASE_URL
 * names one, so several server instances can share it. One query per operation serves both,
 * written with Kysely; each store runs a change and its audit row in one transaction.
 */
export class Store {
  readonly db: Kysely<Schema>;
  readonly dialect: DialectName;
  /** Where it lives, for messages; never includes a password. */
  readonly location: string;

  constructor(db: Kysely<Schema>, dialect: DialectName, location: string) {
    this.db = db;
    this.dialect = dialect;
    this.location = location;
  }

  /** Runs `work` in one transaction: all of it commits, or none. SQLite's take the write lock up front. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((db) => work({ db, dialect: this.dialect }));
  }

  get tx(): Tx {
    return { db: this.db, dialect: this.dialect };
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}

/** Read-then-write on a row: PostgreSQL locks it; SQLite's IMMEDIATE transaction already holds the write lock. */
export function forUpdate<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>, tx: Tx): SelectQueryBuilder<DB, TB, O> {
  return tx.dialect === 'postgres' ? query.forUpdate() : query;
}

/** Serialises appends to the audit chain across instances (PostgreSQL), until the transaction ends. */
export async function lockAuditChain(tx: Tx): Promise<void> {
  if (tx.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${LOCK_AUDIT_CHAIN}, 0)`.execute(tx.db);
}

/** Serialises counting and recording hits for one rate-limit key across instances (PostgreSQL). */
export async function lockRateLimitKey(tx: Tx, key: string): Promise<void> {
  if (tx.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${LOCK_RATE_LIMIT}, hashtext(${key}))`.execute(tx.db);
}

export interface StoreLocation {
  /** postgres://… selects PostgreSQL. */
  url?: string;
  /** The SQLite file otherwise. */
  path: string;
}

/** Where the store is, from the environment: CHARTER_DATABASE_URL, else CHARTER_DB, else .charter/charter.db. */
export function storeLocation(env: NodeJS.ProcessEnv = process.env): StoreLocation {
  return { url: env.CHARTER_DATABASE_URL || undefined, path: env.CHARTER_DB || '.charter/charter.db' };
}

/** Opens the store, creating its tables or bringing them up to date (unless read-only). */
export async function openStore(location: StoreLocation, options: { readOnly?: boolean; migrations?: readonly Migration[] } = {}): Promise<Store> {
  const migrations = options.migrations ?? allMigrations;
  if (location.url) {
    if (!/^postgres(ql)?:\/\//.test(location.url))
      throw new Error('CHARTER_DATABASE_URL must start with postgres:// (for example postgres://charter@db.internal/charter)');
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: location.url, max: 10 });
    const store = new Store(new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) }), 'postgres', redact(location.url));
    if (!options.readOnly) await migratePostgres(store, migrations);
    return store;
  }
  const path = location.path;
  if (path !== ':memory:' && !options.readOnly) mkdirSync(dirname(path), { recursive: true });
  const raw = new DatabaseSync(path, options.readOnly ? { readOnly: true } : {});
  raw.exec('PRAGMA busy_timeout = 10000;');
  if (!options.readOnly) {
    raw.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      PRAGMA foreign_keys = ON;
      CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL);
    `);
    migrateSqlite(raw, migrations);
  }
  return new Store(new Kysely<Schema>({ dialect: new NodeSqliteDialect(raw) }), 'sqlite', path);
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

function migrateSqlite(db: DatabaseSync, migrations: readonly Migration[]): void {
  for (const migration of [...migrations].sort((a, b) => a.id.localeCompare(b.id))) {
    db.exec('BEGIN IMMEDIATE');
    try {
      if (!db.prepare('SELECT 1 FROM schema_migrations WHERE id = ?').get(migration.id)) {
        db.exec(migration.sqlite);
        db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run(migration.id, wallClock().toISOString());
      }
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}

/** Instances starting together take turns: an advisory lock makes each migration run once. */
async function migratePostgres(store: Store, migrations: readonly Migration[]): Promise<void> {
  await store.transaction(async ({ db }) => {
    await sql`SELECT pg_advisory_xact_lock(${LOCK_MIGRATIONS}, 0)`.execute(db);
    await sql`CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`.execute(db);
    const applied = new Set((await db.selectFrom('schema_migrations').select('id').execute()).map((r) => r.id));
    for (const migration of [...migrations].sort((a, b) => a.id.localeCompare(b.id))) {
      if (applied.has(migration.id)) continue;
      await sql.raw(migration.postgres).execute(db);
      await db.insertInto('schema_migrations').values({ id: migration.id, applied_at: wallClock().toISOString() }).execute();
    }
  });
}

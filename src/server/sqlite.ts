import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { wallClock } from '../lib/time/clock.ts';

/** A schema change, applied once, in order, inside a transaction. */
export interface Migration {
  /** Unique and ordered across all features, e.g. "001-audit-log". */
  id: string;
  sql: string;
}

/**
 * Opens (creating it on first start) a SQLite database with the settings a store of record
 * needs: write-ahead logging so readers never block the writer, full fsync so a committed
 * row survives a crash, a busy timeout so concurrent writers wait instead of failing.
 */
export function openDatabase(path: string, migrations: readonly Migration[]): DatabaseSync {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = FULL;
    PRAGMA busy_timeout = 10000;
    PRAGMA foreign_keys = ON;
    CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL);
  `);
  const applied = new Set(
    db
      .prepare('SELECT id FROM schema_migrations')
      .all()
      .map((row) => row.id as string),
  );
  for (const migration of [...migrations].sort((a, b) => a.id.localeCompare(b.id))) {
    if (applied.has(migration.id)) continue;
    transaction(db, () => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run(migration.id, wallClock().toISOString());
    });
  }
  return db;
}

/** Runs `work` in an IMMEDIATE transaction: it takes the write lock up front, so read-then-write is safe across processes. */
export function transaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

import type { DatabaseSync } from 'node:sqlite';
import type { AcknowledgementRecord } from '../lib/policies/acknowledgements.ts';
import { appendAudit } from './audit-log.ts';
import { transaction, type Migration } from './sqlite.ts';
import { wallClock } from '../lib/time/clock.ts';

export const acknowledgementsMigration: Migration = {
  id: '003-acknowledgements',
  sql: `
    CREATE TABLE acknowledgements (
      id INTEGER PRIMARY KEY,
      person TEXT NOT NULL,
      policy_id TEXT NOT NULL,
      version TEXT NOT NULL,
      content_hash TEXT NOT NULL,
      at TEXT NOT NULL,
      UNIQUE (person, policy_id, version)
    );
    CREATE INDEX acknowledgements_at ON acknowledgements (at);
    CREATE TRIGGER acknowledgements_no_update BEFORE UPDATE ON acknowledgements
      BEGIN SELECT RAISE(ABORT, 'acknowledgements are evidence: they cannot be changed'); END;
    CREATE TRIGGER acknowledgements_no_delete BEFORE DELETE ON acknowledgements
      BEGIN SELECT RAISE(ABORT, 'acknowledgements are evidence: they cannot be deleted'); END;
    -- One reminder digest per person per day, whatever the schedule.
    CREATE TABLE acknowledgement_reminders (person TEXT NOT NULL, day TEXT NOT NULL, sent_at TEXT NOT NULL, PRIMARY KEY (person, day));
  `,
};

interface Row {
  person: string;
  policy_id: string;
  version: string;
  content_hash: string;
  at: string;
}
const fromRow = (r: Row): AcknowledgementRecord => ({ person: r.person, policyId: r.policy_id, version: r.version, contentHash: r.content_hash, at: r.at });

/** Acknowledgement records: one per person, policy and version, never changed once written. */
export class AcknowledgementStore {
  private readonly db: DatabaseSync;
  private readonly clock: () => Date;

  constructor(db: DatabaseSync, clock: () => Date = wallClock) {
    this.db = db;
    this.clock = clock;
  }

  /** Records an acknowledgement; acknowledging the same version again returns the first record. */
  record(input: Omit<AcknowledgementRecord, 'at'>): { record: AcknowledgementRecord; created: boolean } {
    return transaction(this.db, () => {
      const at = this.clock().toISOString();
      const result = this.db
        .prepare('INSERT OR IGNORE INTO acknowledgements (person, policy_id, version, content_hash, at) VALUES (?, ?, ?, ?, ?)')
        .run(input.person, input.policyId, input.version, input.contentHash, at);
      const created = result.changes === 1;
      if (created) {
        appendAudit(
          this.db,
          {
            kind: 'policy.acknowledged',
            subject: `policy:${input.policyId}`,
            actor: input.person,
            data: { version: input.version, contentHash: input.contentHash },
          },
          this.clock(),
        );
      }
      const row = this.db
        .prepare('SELECT * FROM acknowledgements WHERE person = ? AND policy_id = ? AND version = ?')
        .get(input.person, input.policyId, input.version) as unknown as Row;
      return { record: fromRow(row), created };
    });
  }

  forPerson(person: string): AcknowledgementRecord[] {
    return (this.db.prepare('SELECT * FROM acknowledgements WHERE person = ? ORDER BY at').all(person) as unknown as Row[]).map(fromRow);
  }

  /** Records in [from, to) by time, oldest first; all of them without a range. */
  all(range: { from?: string; to?: string } = {}): AcknowledgementRecord[] {
    return (
      this.db.prepare('SELECT * FROM acknowledgements WHERE at >= ? AND at < ? ORDER BY at, id').all(range.from ?? '', range.to ?? '9999') as unknown as Row[]
    ).map(fromRow);
  }

  /** Claims today's reminder for a person; false when they were already reminded today. */
  claimReminder(person: string, day: string): boolean {
    return transaction(
      this.db,
      () =>
        this.db.prepare('INSERT OR IGNORE INTO acknowledgement_reminders (person, day, sent_at) VALUES (?, ?, ?)').run(person, day, this.clock().toISOString())
          .changes === 1,
    );
  }
}

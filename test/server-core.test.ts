import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit, auditLogMigration, auditRows, verifyAuditChain } from '../src/server/audit-log.ts';
import { ConfigError, loadServerConfig } from '../src/server/config.ts';
import { smtpMailer } from '../src/server/mailer.ts';
import { openDatabase, transaction } from '../src/server/sqlite.ts';
import { signToken, verifyToken } from '../src/server/tokens.ts';
import { startSmtpServer } from './smtp.ts';

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'charter-db-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

describe('the audit log', () => {
  it('chains rows by hash and survives reopening the file', () => {
    const path = join(dir, 'store.db');
    let db = openDatabase(path, [auditLogMigration]);
    transaction(db, () => appendAudit(db, { kind: 'request.created', subject: 'req_1', actor: 'system' }));
    transaction(db, () => appendAudit(db, { kind: 'request.approved', subject: 'req_1', actor: 'ana@acme.example', data: { days: 7 } }));
    db.close();
    db = openDatabase(path, [auditLogMigration]);
    const rows = auditRows(db);
    expect(rows.map((r) => r.kind)).toEqual(['request.created', 'request.approved']);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(verifyAuditChain(db)).toEqual({ ok: true, rows: 2 });
    db.close();
  });

  it('refuses updates and deletes of log rows', () => {
    const db = openDatabase(join(dir, 'store.db'), [auditLogMigration]);
    transaction(db, () => appendAudit(db, { kind: 'x', subject: 's', actor: 'a' }));
    expect(() => db.exec("UPDATE audit_log SET actor = 'mallory'")).toThrow(/append-only: rows cannot be changed/);
    expect(() => db.exec('DELETE FROM audit_log')).toThrow(/append-only: rows cannot be deleted/);
    expect(auditRows(db)).toHaveLength(1);
    db.close();
  });

  it('detects a row edited behind the store\'s back', () => {
    const db = openDatabase(join(dir, 'store.db'), [auditLogMigration]);
    for (const kind of ['a', 'b', 'c']) transaction(db, () => appendAudit(db, { kind, subject: 's', actor: 'x' }));
    db.exec('DROP TRIGGER audit_log_no_update');
    db.exec("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2");
    expect(verifyAuditChain(db)).toEqual({ ok: false, seq: 2, reason: 'its content does not match its hash' });
    db.close();
  });
});

describe('signed tokens', () => {
  const secret = 'a'.repeat(40);
  const future = Math.floor(Date.now() / 1000) + 3600;

  it('verify for their purpose until they expire', () => {
    const token = signToken(secret, { purpose: 'download', subject: 'req_1', exp: future });
    const check = verifyToken(secret, token, 'download');
    expect(check.ok && check.claims.subject).toBe('req_1');
    expect(verifyToken(secret, token, 'approve')).toEqual({ ok: false, reason: 'wrong-purpose' });
    expect(verifyToken(secret, token, 'download', new Date((future + 1) * 1000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('are refused when tampered with or signed with another secret', () => {
    const token = signToken(secret, { purpose: 'download', subject: 'req_1', exp: future });
    const [payload, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ purpose: 'download', subject: 'req_2', exp: future, nonce: 'n' })).toString('base64url');
    expect(verifyToken(secret, `${forged}.${sig}`, 'download')).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyToken('b'.repeat(40), token, 'download')).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyToken(secret, `${payload}`, 'download')).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyToken(secret, 'not a token', 'download')).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('server configuration', () => {
  it('refuses to run in production without a signing secret', () => {
    expect(() => loadServerConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadServerConfig({ CHARTER_MODE: 'production', CHARTER_SECRET: 'short' })).toThrow(/at least 32 characters/);
    expect(loadServerConfig({ CHARTER_MODE: 'production', CHARTER_SECRET: 'x'.repeat(32) }).production).toBe(true);
    expect(loadServerConfig({}).production).toBe(false);
  });

  it('needs a sender address when SMTP is configured', () => {
    expect(() => loadServerConfig({ SMTP_HOST: 'mail.example' })).toThrow(/SMTP_FROM/);
  });
});

describe('mail', () => {
  it('is delivered to a real SMTP server', async () => {
    const smtp = await startSmtpServer();
    const mailer = smtpMailer({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'Trust <trust@acme.example>' });
    await mailer.send({ to: 'ana@acme.example', subject: 'Hello', text: 'Body <b>' });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toBe('Hello');
    expect(mail!.text?.trim()).toBe('Body <b>');
    expect(mail!.from?.text).toContain('trust@acme.example');
    mailer.close();
    await smtp.close();
  });
});

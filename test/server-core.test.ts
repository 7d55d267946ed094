import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { appendAudit, auditRows, verifyAuditChain, type AuditEvent } from '../src/server/audit-log.ts';
import { ConfigError, loadServerConfig } from '../src/server/config.ts';
import { smtpMailer } from '../src/server/mailer.ts';
import { openStore, type Store } from '../src/server/store/database.ts';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { signToken, verifyToken } from '../src/server/tokens.ts';
import { startSmtpServer } from './smtp.ts';
import { openTestStore, stopPostgresAfterAll, storeKinds } from './stores.ts';

stopPostgresAfterAll();

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'charter-db-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each(storeKinds)('the audit log (%s)', (kind) => {
  const append = (store: Store, event: AuditEvent) => store.transaction((tx) => appendAudit(tx, event));

  it('chains rows by hash and survives reopening the store', async () => {
    const store = await openTestStore(kind, dir);
    await append(store, { kind: 'request.created', subject: 'req_1', actor: 'system' });
    await append(store, { kind: 'request.approved', subject: 'req_1', actor: 'ana@acme.example', data: { days: 7 } });
    const rows = await auditRows(store.tx);
    expect(rows.map((r) => r.kind)).toEqual(['request.created', 'request.approved']);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(await verifyAuditChain(store.tx)).toEqual({ ok: true, rows: 2 });
    await store.close();
    if (kind === 'sqlite') {
      const reopened = await openStore({ path: join(dir, 'store.db') });
      expect(await verifyAuditChain(reopened.tx)).toEqual({ ok: true, rows: 2 });
      await reopened.close();
    }
  });

  it('stays one linear chain when many writers append at once', async () => {
    const store = await openTestStore(kind, dir);
    const second = kind === 'postgres' ? await openStore({ url: store.location, path: '' }) : store;
    await Promise.all(Array.from({ length: 60 }, (_, i) => append(i % 2 ? second : store, { kind: 'x', subject: `s${i}`, actor: 'a' })));
    expect(await verifyAuditChain(store.tx)).toEqual({ ok: true, rows: 60 });
    if (second !== store) await second.close();
    await store.close();
  });

  it('refuses updates and deletes of log rows', async () => {
    const store = await openTestStore(kind, dir);
    await append(store, { kind: 'x', subject: 's', actor: 'a' });
    await expect(sql`UPDATE audit_log SET actor = 'mallory'`.execute(store.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(store.db)).rejects.toThrow(/append-only/);
    expect(await auditRows(store.tx)).toHaveLength(1);
    await store.close();
  });

  it("detects a row edited behind the store's back", async () => {
    const store = await openTestStore(kind, dir);
    for (const event of ['a', 'b', 'c']) await append(store, { kind: event, subject: 's', actor: 'x' });
    if (kind === 'sqlite') await sql`DROP TRIGGER audit_log_no_update`.execute(store.db);
    else await sql`DROP TRIGGER audit_log_append_only ON audit_log`.execute(store.db);
    await sql`UPDATE audit_log SET actor = 'mallory' WHERE seq = 2`.execute(store.db);
    expect(await verifyAuditChain(store.tx)).toEqual({ ok: false, seq: 2, reason: 'its content does not match its hash' });
    await store.close();
  });
});

describe('signed tokens', () => {
  const secret = 'a'.repeat(40);
  const future = Math.floor(Date.now() / 1000) + 3600;

  it('verify for their purpose until they expire', async () => {
    const token = await signToken(secret, { purpose: 'download', subject: 'req_1', exp: future });
    const check = await verifyToken(secret, token, 'download');
    expect(check.ok && check.claims.subject).toBe('req_1');
    expect(await verifyToken(secret, token, 'approve')).toEqual({ ok: false, reason: 'wrong-purpose' });
    expect(await verifyToken(secret, token, 'download', new Date((future + 1) * 1000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('are refused when tampered with or signed with another secret', async () => {
    const token = await signToken(secret, { purpose: 'download', subject: 'req_1', exp: future });
    const [header, payload, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...decodeJwt(token), sub: 'req_2' })).toString('base64url');
    expect(await verifyToken(secret, `${header}.${forged}.${sig}`, 'download')).toEqual({ ok: false, reason: 'bad-signature' });
    expect(await verifyToken('b'.repeat(40), token, 'download')).toEqual({ ok: false, reason: 'bad-signature' });
    expect(await verifyToken(secret, `${payload}`, 'download')).toEqual({ ok: false, reason: 'malformed' });
    expect(await verifyToken(secret, 'not a token', 'download')).toEqual({ ok: false, reason: 'malformed' });
  });

  it('are JWTs signed with HS256: the purpose is the audience, the nonce the jti', async () => {
    const token = await signToken(secret, { purpose: 'review:approve', subject: 'req_1', exp: future, reviewer: 'ana@acme.example' });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ aud: 'review:approve', sub: 'req_1', exp: future, reviewer: 'ana@acme.example' });
    expect(claims.jti).toMatch(/^[\w-]{22}$/);
    const check = await verifyToken(secret, token, 'review:approve');
    expect(check).toEqual({ ok: true, claims: { purpose: 'review:approve', subject: 'req_1', exp: future, nonce: claims.jti, reviewer: 'ana@acme.example' } });
    // Each link gets its own nonce, so spending one never spends another.
    expect(decodeJwt(await signToken(secret, { purpose: 'review:approve', subject: 'req_1', exp: future })).jti).not.toBe(claims.jti);
  });

  it('refuse tokens that are unsigned, never expire or carry no nonce', async () => {
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify({ aud: 'download', sub: 'req_1', exp: future, jti: 'n' })).toString('base64url')}.`;
    expect((await verifyToken(secret, none, 'download')).ok).toBe(false);
    const key = new TextEncoder().encode(secret);
    const forever = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setAudience('download').setSubject('req_1').setJti('n').sign(key);
    expect(await verifyToken(secret, forever, 'download')).toEqual({ ok: false, reason: 'malformed' });
    const noNonce = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setAudience('download').setSubject('req_1').setExpirationTime(future).sign(key);
    expect(await verifyToken(secret, noNonce, 'download')).toEqual({ ok: false, reason: 'malformed' });
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

import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledgementState, parseRoster, personStates } from '../src/lib/policies/acknowledgements.ts';
import { AcknowledgementService, loadPortalSettings } from '../src/server/acknowledgement-service.ts';
import { AcknowledgementStore } from '../src/server/acknowledgement-store.ts';
import { proxyIdentityVerifier } from '../src/server/identity.ts';
import { smtpMailer } from '../src/server/mailer.ts';
import { openStore } from '../src/server/store/database.ts';
import { startSmtpServer } from './smtp.ts';

const policy = { id: 'access-control', version: '2.3.0', effective: '2026-06-15', audience: ['everyone'], acknowledgement: true };
const record = (version: string, at = '2026-07-01T10:00:00Z') => ({ person: 'jo@acme.example', policyId: 'access-control', version, contentHash: 'h', at });

describe('acknowledgement status', () => {
  it('is done for any acknowledgement of the same major version', () => {
    expect(acknowledgementState(policy, { hired: '2020-01-01' }, [record('2.1.0')], '2026-11-22', 14).status).toBe('done');
  });

  it('makes a major version bump due again', () => {
    const bumped = { ...policy, version: '3.0.0', effective: '2026-11-20' };
    expect(acknowledgementState(bumped, { hired: '2020-01-01' }, [record('2.3.0')], '2026-11-22', 14)).toMatchObject({ status: 'due', dueBy: '2026-12-04' });
  });

  it('counts the deadline from the hire date for new joiners, and is overdue after it', () => {
    expect(acknowledgementState(policy, { hired: '2026-11-01' }, [], '2026-11-10', 14)).toMatchObject({ status: 'due', dueBy: '2026-11-15' });
    expect(acknowledgementState(policy, { hired: '2026-11-01' }, [], '2026-11-16', 14)).toMatchObject({ status: 'overdue', dueBy: '2026-11-15' });
  });

  it('lists only the policies whose audience includes the person, overdue first', () => {
    const firmware = { ...policy, id: 'firmware', audience: ['firmware'], effective: '2026-01-01' };
    const states = personStates(
      [policy, firmware, { ...policy, id: 'optional', acknowledgement: false }],
      { email: 'jo@acme.example', name: 'Jo', groups: ['firmware'], hired: '2020-01-01' },
      [],
      '2026-11-22',
      14,
    );
    expect(states.map((s) => [s.policyId, s.status])).toEqual([
      ['firmware', 'overdue'],
      ['access-control', 'overdue'],
    ]);
  });

  it('reads a roster and names the line of a bad row', () => {
    const { people, problems } = parseRoster(
      'email,name,groups,hired\njo@acme.example,Jo,engineering;firmware,2024-01-02\nbad,X,,2024-01-02\nmo@acme.example,Mo,,02/01/2024\n',
      'roster.csv',
    );
    expect(people).toEqual([{ email: 'jo@acme.example', name: 'Jo', groups: ['engineering', 'firmware'], hired: '2024-01-02' }]);
    expect(problems.map((p) => `${p.line}: ${p.field}: ${p.message}`)).toEqual([
      '3: email: "bad" is not an email address',
      '4: hired: "02/01/2024" is not a date written as YYYY-MM-DD',
    ]);
  });

  it('names the file line of a bad row after a blank line and a cell that spans two lines', () => {
    const lines = [
      'email,name,groups,hired',
      'jo@acme.example,"Jo',
      'Smith",engineering,2024-01-02',
      '',
      'mo@acme.example,Mo,,2024-01-03',
      'bad,X,,2024-01-02',
      '',
    ];
    for (const eol of ['\n', '\r\n']) {
      const { people, problems } = parseRoster(lines.join(eol), 'roster.csv');
      expect(people.map((p) => p.email)).toEqual(['jo@acme.example', 'mo@acme.example']);
      expect(problems.map((p) => `${p.line}: ${p.message}`)).toEqual(['6: "bad" is not an email address']);
    }
  });

  it('reports a roster with an unclosed quote at the row where the quote opens, and reads no one from it', () => {
    const { people, problems } = parseRoster(
      'email,name,groups,hired\njo@acme.example,Jo,,2024-01-02\n\nmo@acme.example,"Mo,,2024-01-03\nli@acme.example,Li,,2024-01-04\n',
      'roster.csv',
    );
    expect(people).toEqual([]);
    expect(problems).toMatchObject([{ severity: 'error', file: 'roster.csv', line: 4 }]);
    expect(problems[0]!.message).toMatch(/never closed/);
  });
});

describe('identity from the SSO proxy', () => {
  let server: Server;
  let jwksUrl: string;
  let sign: (claims: Record<string, unknown>, options?: { key?: CryptoKey; issuer?: string; audience?: string; expires?: string }) => Promise<string>;
  let verify: ReturnType<typeof proxyIdentityVerifier>;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const other = await generateKeyPair('ES256');
    const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' };
    server = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    jwksUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks.json`;
    sign = (claims, o = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setIssuer(o.issuer ?? 'https://idp.acme.example')
        .setAudience(o.audience ?? 'portal')
        .setIssuedAt()
        .setExpirationTime(o.expires ?? '5m')
        .sign(o.key ?? privateKey);
    verify = proxyIdentityVerifier({ header: 'cf-access-jwt-assertion', jwksUrl, issuer: 'https://idp.acme.example', audience: 'portal', emailClaim: 'email' });
    (globalThis as { otherKey?: CryptoKey }).otherKey = other.privateKey;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const headers = (token?: string) => new Headers(token === undefined ? {} : { 'cf-access-jwt-assertion': token });

  it('accepts a valid token and reads the email', async () => {
    expect(await verify(headers(await sign({ email: 'Jo@Acme.example' })))).toEqual({ ok: true, identity: { email: 'jo@acme.example', name: undefined } });
  });

  it('refuses expired, wrong-issuer, wrong-audience, wrong-key, missing and malformed tokens', async () => {
    const refused = async (token?: string) => (await verify(headers(token))).ok;
    expect(await refused(await sign({ email: 'jo@acme.example' }, { expires: '-1m' }))).toBe(false);
    expect(await refused(await sign({ email: 'jo@acme.example' }, { issuer: 'https://evil.example' }))).toBe(false);
    expect(await refused(await sign({ email: 'jo@acme.example' }, { audience: 'other-app' }))).toBe(false);
    expect(await refused(await sign({ email: 'jo@acme.example' }, { key: (globalThis as { otherKey?: CryptoKey }).otherKey }))).toBe(false);
    expect(await refused(undefined)).toBe(false);
    expect(await refused('not.a.jwt')).toBe(false);
    expect(await refused(await sign({ sub: 'no-email' }))).toBe(false);
  });
});

describe('the acknowledgement service', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'charter-acks-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('records once, refuses a version that is not current, and reminds each person once a day', async () => {
    const project = join(import.meta.dirname, '..');
    const settings = await loadPortalSettings(project, 'evidence-snapshots/roster.csv');
    const db = await openStore({ path: join(dir, 'acks.db') });
    const smtp = await startSmtpServer();
    const service = new AcknowledgementService(
      settings,
      new AcknowledgementStore(db),
      smtpMailer({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'security@kestrel.example' }),
      () => '2026-11-22',
    );
    const jo = { email: 'mei.tanaka@kestrel.example' };
    const current = settings.policies.get('access-control')!.data.version;

    const first = await service.acknowledge(jo, 'access-control', current);
    const again = await service.acknowledge(jo, 'access-control', current);
    expect(first).toMatchObject({ ok: true, created: true, state: { status: 'done' } });
    expect(again).toMatchObject({ ok: true, created: false });
    expect(await service.acknowledge(jo, 'access-control', '0.9.0')).toMatchObject({ ok: false, status: 409 });
    expect(await service.acknowledge(jo, 'no-such-policy', '1.0.0')).toMatchObject({ ok: false, status: 404 });
    expect(await db.db.selectFrom('acknowledgements').selectAll().execute()).toHaveLength(1);

    const { sent } = await service.remind();
    expect(sent.length).toBeGreaterThan(5);
    const second = await service.remind();
    expect(second.sent).toEqual([]);
    expect(second.skipped.sort()).toEqual([...sent].sort());
    const mails = await smtp.waitFor(sent.length);
    const meiMail = mails.find((m) => m.to && 'text' in m.to && m.to.text === 'mei.tanaka@kestrel.example')!;
    expect(meiMail.text).not.toContain('Access Control Policy');
    expect(meiMail.text).toContain('Acceptable Use Policy');
    await smtp.close();
    await db.close();
  });
});

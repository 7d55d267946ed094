import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/server/audit-log.ts';
import { smtpMailer } from '../src/server/mailer.ts';
import { Outbox } from '../src/server/outbox.ts';
import { ReportRequestStore } from '../src/server/report-requests.ts';
import { ReportService, type TrustSettings } from '../src/server/report-service.ts';
import { loadTrustSettings } from '../src/server/settings.ts';
import type { Store } from '../src/server/store/database.ts';
import { startSmtpServer } from './smtp.ts';
import { openTestStore, stopPostgresAfterAll, storeKinds } from './stores.ts';

const project = join(import.meta.dirname, '..');
const context = { ip: '203.0.113.7', userAgent: 'test-agent' };
const form = {
  document: 'soc2-type2-2026',
  name: 'Jo Buyer',
  email: 'jo@prospect.example',
  company: 'Prospect AG',
  reason: 'Vendor security review for the 2027 rollout.',
};

let dir: string;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let settings: TrustSettings;
let service: ReportService;
let store: ReportRequestStore;
let db: Store;
let outbox: Outbox;

stopPostgresAfterAll();

describe.each(storeKinds)('the report request flow (%s)', (kind) => {
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'charter-requests-'));
    smtp = await startSmtpServer();
    settings = await loadTrustSettings(project, { publicUrl: 'https://trust.example' });
    db = await openTestStore(kind, dir);
    store = new ReportRequestStore(db);
    outbox = new Outbox(db, smtpMailer({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'trust@kestrel.example' }));
    service = new ReportService(settings, store, outbox.mailerThroughOutbox, 's'.repeat(40));
  });
  afterEach(async () => {
    await outbox.stop();
    await db.close();
    await smtp.close();
    await rm(dir, { recursive: true, force: true });
  });

  const tokenFrom = (text: string, path: string) =>
    new URL(new RegExp(`https://trust\\.example${path}\\?token=[^\\s&]+`).exec(text)![0]).searchParams.get('token')!;

  it('takes a request through NDA, review and download', async () => {
    const submitted = await service.submit(form, context);
    expect(submitted.kind).toBe('nda');
    if (submitted.kind !== 'nda') return;
    const accepted = await service.acceptNda(submitted.ndaToken, context);
    expect(accepted.kind === 'decided' && accepted.request.status).toBe('pending');

    const reviewerMails = await smtp.waitFor(settings.access.reviewers.length);
    expect(reviewerMails.map((m) => (m.to && 'text' in m.to ? m.to.text : ''))).toEqual(settings.access.reviewers);
    const approveToken = tokenFrom(reviewerMails[0]!.text!, '/request/review/');
    const reviewed = await service.review(approveToken, 'approve');
    expect(reviewed.kind === 'reviewed' && reviewed.request.status).toBe('approved');
    // The same link cannot be used twice.
    expect(await service.review(approveToken, 'approve')).toMatchObject({ kind: 'refused', status: 409 });

    const [grant] = (await smtp.waitFor(settings.access.reviewers.length + 1)).slice(-1);
    expect(grant!.subject).toBe('Your access to SOC 2 Type II report 2025–2026');
    const downloaded = await service.download(tokenFrom(grant!.text!, '/request/download/'), context);
    expect(downloaded.kind).toBe('file');
    if (downloaded.kind !== 'file') return;
    const original = await readFile(join(project, 'content/trust/gated/soc2-type2-2026.pdf'));
    expect(downloaded.bytes.length).toBeGreaterThan(original.length);

    const kinds = (await store.log()).map((r) => r.kind);
    expect(kinds).toEqual(['request.created', 'nda.accepted', 'request.approved', 'document.downloaded']);
    expect(await verifyAuditChain(db.tx)).toMatchObject({ ok: true });
    const nda = (await store.get(submitted.request.id))!;
    expect(nda.ndaHash).toMatch(/^[0-9a-f]{64}$/);
    expect(nda.ndaVersion).toBe(settings.nda.meta.version);
  });

  it('approves a listed customer at once and skips the NDA for a listed government buyer', async () => {
    const customer = await service.submit({ ...form, email: 'ops@coldline-logistics.example' }, context);
    expect(customer.kind).toBe('nda');
    if (customer.kind !== 'nda') return;
    const decided = await service.acceptNda(customer.ndaToken, context);
    expect(decided.kind === 'decided' && decided.request.status).toBe('approved');

    const government = await service.submit({ ...form, email: 'buyer@bund.example' }, context);
    expect(government.kind).toBe('decided');
    expect(government.kind === 'decided' && government.request.status).toBe('pending');
    expect((await store.log({})).filter((r) => r.subject === (government as { request: { id: string } }).request.id).map((r) => r.kind)).toEqual([
      'request.created',
      'nda.covered-by-domain',
    ]);
  });

  it('refuses invalid fields, the honeypot, public documents and repeated requests', async () => {
    const invalid = await service.submit({ ...form, email: 'not-an-email', name: '' }, context);
    expect(invalid).toEqual({ kind: 'invalid', errors: { email: 'Enter a valid work email address.', name: 'Enter your full name.' } });
    expect(await service.submit({ ...form, website: 'http://spam' }, context)).toEqual({
      kind: 'invalid',
      errors: { form: 'Your request could not be accepted.' },
    });
    expect(await service.submit({ ...form, document: 'iso27001-certificate' }, context)).toEqual({
      kind: 'invalid',
      errors: { document: 'That document is not available on request.' },
    });
    expect(await service.submit({ ...form, document: 'no-such-thing' }, context)).toMatchObject({ kind: 'invalid' });
    const results = [];
    for (let i = 0; i < 6; i++) results.push((await service.submit(form, { ...context, ip: '198.51.100.1' })).kind);
    expect(results).toEqual(['nda', 'nda', 'nda', 'nda', 'nda', 'rate-limited']);
  });

  it("does not lock a victim out when strangers use the victim's email, and shares limits across instances", async () => {
    // Five strangers, each from their own address, use the victim's email.
    for (let i = 0; i < 5; i++) expect((await service.submit(form, { ...context, ip: `198.51.100.${i}` })).kind).toBe('nda');
    // The victim, from their own address, still gets through.
    expect((await service.submit(form, { ...context, ip: '192.0.2.50' })).kind).toBe('nda');
    // A second instance on the same store shares the per-address limit: 10 an hour, not 10 each.
    const other = new ReportService(settings, new ReportRequestStore(db), outbox.mailerThroughOutbox, 's'.repeat(40));
    const kinds = [];
    for (let i = 0; i < 12; i++) kinds.push((await (i % 2 ? other : service).submit({ ...form, email: `p${i}@prospect.example` }, context)).kind);
    expect(kinds.filter((k) => k === 'rate-limited')).toHaveLength(2);
  });

  it('keeps the log but anonymises the requester on erasure', async () => {
    const submitted = await service.submit(form, context);
    expect(await store.eraseEmail('JO@prospect.example')).toBe(1);
    const request = (await store.get((submitted as { request: { id: string } }).request.id))!;
    expect(request).toMatchObject({ name: 'anonymised', email: 'anonymised@invalid', company: 'anonymised' });
    expect(JSON.stringify(await store.log())).not.toContain('jo@prospect.example');
    expect((await store.log()).map((r) => r.kind)).toEqual(['request.created', 'request.anonymised']);
  });

  it('refuses a revoked grant and an expired one', async () => {
    let now = new Date('2026-11-22T10:00:00Z');
    const clocked = new ReportService(settings, new ReportRequestStore(db, () => now), outbox.mailerThroughOutbox, 's'.repeat(40), () => now);
    const submitted = await clocked.submit({ ...form, email: 'ops@coldline-logistics.example' }, context);
    await clocked.acceptNda((submitted as { ndaToken: string }).ndaToken, context);
    const grant = (await smtp.waitFor(1))[0]!;
    const token = tokenFrom(grant.text!, '/request/download/');
    expect((await clocked.download(token, context)).kind).toBe('file');
    now = new Date('2026-12-23T10:00:01Z'); // 30 days of access have passed
    expect(await clocked.download(token, context)).toMatchObject({ kind: 'refused', status: 410 });
    now = new Date('2026-11-23T10:00:00Z');
    await store.revoke((submitted as { request: { id: string } }).request.id, 'cli:test');
    expect(await clocked.download(token, context)).toMatchObject({ kind: 'refused', title: 'Access was revoked' });
  });

  it('keeps mail in the outbox while SMTP is down, answers the requester, and sends it once SMTP is back', async () => {
    const down = new Outbox(db, smtpMailer({ host: '127.0.0.1', port: 1, secure: false, from: 'trust@kestrel.example' }));
    const offline = new ReportService(settings, store, down.mailerThroughOutbox, 's'.repeat(40));
    const submitted = await offline.submit({ ...form, email: 'ops@coldline-logistics.example' }, context);
    const decided = await offline.acceptNda((submitted as { ndaToken: string }).ndaToken, context);
    expect(decided.kind === 'decided' && decided.request.status).toBe('approved');
    await down.stop();
    await down.deliverDue();
    const waiting = await down.list({ status: 'pending' });
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ to: 'ops@coldline-logistics.example', attempts: expect.any(Number) });
    expect(waiting[0]!.lastError).toBeTruthy();
    // SMTP is back: an operator retries (charter mail retry), and the grant goes out exactly once.
    expect(await outbox.retryNow()).toBe(1);
    expect(await outbox.deliverDue()).toBe(1);
    expect(await outbox.deliverDue()).toBe(0);
    const mails = await smtp.waitFor(1);
    expect(mails.map((m) => m.subject)).toEqual(['Your access to SOC 2 Type II report 2025–2026']);
    expect(await outbox.list({ status: 'pending' })).toEqual([]);
  });

  it('counts downloads per link in the store and stops at the limit', async () => {
    const limited = new ReportService(settings, store, outbox.mailerThroughOutbox, 's'.repeat(40), undefined, { downloadLimit: 3 });
    const submitted = await limited.submit({ ...form, email: 'ops@coldline-logistics.example' }, context);
    await limited.acceptNda((submitted as { ndaToken: string }).ndaToken, context);
    const token = tokenFrom((await smtp.waitFor(1))[0]!.text!, '/request/download/');
    const results = await Promise.all(Array.from({ length: 6 }, () => limited.download(token, context)));
    expect(results.filter((r) => r.kind === 'file')).toHaveLength(3);
    expect(results.filter((r) => r.kind === 'refused')).toEqual(Array(3).fill(expect.objectContaining({ status: 429, title: 'This link has been used up' })));
    expect(await store.downloads((submitted as { request: { id: string } }).request.id)).toBe(3);
  });

  it('gives one decision when two reviewers approve and deny at once', async () => {
    const submitted = await service.submit({ ...form, email: 'buyer@bund.example' }, context);
    const id = (submitted as { request: { id: string } }).request.id;
    const second = kind === 'postgres' ? await (await import('../src/server/store/database.ts')).openStore({ url: db.location, path: '' }) : db;
    const otherInstance = new ReportService(settings, new ReportRequestStore(second), outbox.mailerThroughOutbox, 's'.repeat(40));
    const outcomes = await Promise.allSettled([service.decide(id, 'approve', 'a@kestrel.example'), otherInstance.decide(id, 'deny', 'b@kestrel.example')]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(String(refused.reason)).toMatch(/is already (approved|denied)/);
    expect((await store.log()).filter((r) => r.subject === id && /^request\.(approved|denied)$/.test(r.kind))).toHaveLength(1);
    if (second !== db) await second.close();
  });
});

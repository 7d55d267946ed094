import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
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
  /** The first mail to `address` whose subject matches, once the outbox has delivered it. */
  const mailTo = async (address: string, subject: RegExp) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const mail = smtp.messages.find((m) => m.to && 'text' in m.to && m.to.text === address && subject.test(m.subject ?? ''));
      if (mail) return mail;
      if (Date.now() > deadline) throw new Error(`no mail "${subject.source}" to ${address}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  /** The NDA token from the link mailed to the requester: the only way it reaches anyone. */
  const ndaTokenFor = async (address: string) => tokenFrom((await mailTo(address, /^Confirm your request/)).text!, '/request/nda/');
  const grantFor = (address: string) => mailTo(address, /^Your access/);

  it('takes a request through NDA, review and download', async () => {
    const submitted = await service.submit(form, context);
    expect(submitted.kind).toBe('check-inbox');
    if (submitted.kind !== 'check-inbox') return;
    const accepted = await service.acceptNda(await ndaTokenFor('jo@prospect.example'), context);
    expect(accepted.kind === 'decided' && accepted.request.status).toBe('pending');

    const reviewerMails = (await smtp.waitFor(1 + settings.access.reviewers.length)).slice(1);
    // The outbox sends a batch in parallel: mails arrive in any order.
    expect(reviewerMails.map((m) => (m.to && 'text' in m.to ? m.to.text : '')).sort()).toEqual([...settings.access.reviewers].sort());
    const approveToken = tokenFrom(reviewerMails[0]!.text!, '/request/review/');
    const reviewed = await service.review(approveToken, 'approve');
    expect(reviewed.kind === 'reviewed' && reviewed.request.status).toBe('approved');
    // The same link cannot be used twice.
    expect(await service.review(approveToken, 'approve')).toMatchObject({ kind: 'refused', status: 409 });

    const grant = await grantFor('jo@prospect.example');
    expect(grant.subject).toBe('Your access to SOC 2 Type II report 2025–2026');
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
    expect(customer.kind).toBe('check-inbox');
    const decided = await service.acceptNda(await ndaTokenFor('ops@coldline-logistics.example'), context);
    expect(decided.kind === 'decided' && decided.request.status).toBe('approved');

    const government = await service.submit({ ...form, email: 'buyer@bund.example' }, context);
    expect(government.kind).toBe('decided');
    expect(government.kind === 'decided' && government.request.status).toBe('pending');
    expect((await store.log({})).filter((r) => r.subject === (government as { request: { id: string } }).request.id).map((r) => r.kind)).toEqual([
      'request.created',
      'nda.bypassed',
    ]);
  });

  it('mails the NDA link to the requester only, so an acceptance proves the address; domain coverage follows only from such acceptances', async () => {
    const stranger = await service.submit({ ...form, email: 'ceo@prospect.example' }, context);
    // Nothing that could accept the NDA comes back to whoever filled in the form.
    expect(stranger.kind).toBe('check-inbox');
    expect(JSON.stringify(stranger)).not.toMatch(/token|eyJ/);
    const mail = await mailTo('ceo@prospect.example', /^Confirm your request for SOC 2 Type II report/);
    expect(mail.text).toContain('https://trust.example/request/nda/?token=');
    // Until someone from the domain accepts from their own inbox, the next requester is not covered.
    expect((await service.submit({ ...form, email: 'kim@prospect.example' }, context)).kind).toBe('check-inbox');
    // A link made for another purpose or request does not accept anything.
    expect(await service.acceptNda(tokenFrom(mail.text!, '/request/nda/').slice(0, -2), context)).toMatchObject({ kind: 'refused' });
    expect((await store.get((stranger as { request: { id: string } }).request.id))!.status).toBe('awaiting-nda');

    const link = await service.ndaLink(await ndaTokenFor('ceo@prospect.example'));
    expect(link).toMatchObject({ kind: 'ask', request: { email: 'ceo@prospect.example', status: 'awaiting-nda' } });
    const accepted = await service.acceptNda(await ndaTokenFor('ceo@prospect.example'), context);
    expect(accepted.kind === 'decided' && accepted.request.ndaAcceptedAt).toBeTruthy();
    // Now the verified acceptance covers the company's next requester.
    const colleague = await service.submit({ ...form, email: 'lee@prospect.example' }, context);
    expect(colleague.kind).toBe('decided');

    // A personal-mail domain is never covered, however many of its users accepted.
    await service.submit({ ...form, email: 'someone@gmail.com' }, context);
    await service.acceptNda(await ndaTokenFor('someone@gmail.com'), context);
    expect((await service.submit({ ...form, email: 'other@gmail.com' }, context)).kind).toBe('check-inbox');
  });

  it('records a request from an ndaBypass organisation as a bypass, with no NDA filled in', async () => {
    const government = await service.submit({ ...form, email: 'buyer@bund.example' }, context);
    expect(government.kind).toBe('decided');
    const stored = (await store.get((government as { request: { id: string } }).request.id))!;
    expect(stored.status).toBe('pending');
    expect([stored.ndaVersion, stored.ndaHash, stored.ndaAcceptedAt]).toEqual([undefined, undefined, undefined]);
    expect((await store.log()).map((r) => r.kind)).toEqual(['request.created', 'nda.bypassed']);
  });

  it("keeps forged lines out of the reviewers' plain-text mail: control characters refused in name and company, the reason on one line", async () => {
    const forged = 'Jo\r\nApprove (grants 30 days): https://evil.example/approve';
    expect(await service.submit({ ...form, email: 'buyer@bund.example', name: forged }, context)).toEqual({
      kind: 'invalid',
      errors: { name: 'Enter your name on one line, without control characters.' },
    });
    expect(await service.submit({ ...form, email: 'buyer@bund.example', company: 'Bund\u2028Deny: x' }, context)).toMatchObject({
      kind: 'invalid',
      errors: { company: 'Enter the company on one line, without control characters.' },
    });
    expect(await service.submit({ ...form, email: 'buyer@bund.example', reason: 'Audit work\u0007 for the ministry.' }, context)).toMatchObject({
      kind: 'invalid',
    });
    // A multi-line reason is accepted, and reaches the reviewers as one "Reason:" line.
    const submitted = await service.submit(
      { ...form, email: 'buyer@bund.example', reason: 'Ministry audit.\r\nApprove (grants 30 days): https://evil.example/approve' },
      context,
    );
    expect(submitted.kind).toBe('decided');
    const [mail] = await smtp.waitFor(1);
    const lines = mail!.text!.split('\n');
    expect(lines.filter((line) => line.startsWith('Approve'))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('evil.example'))).toEqual(['Reason: Ministry audit. Approve (grants 30 days): https://evil.example/approve']);
  });

  it('marks a gated XLSX through its XML: document properties and every sheet header name the recipient and request', async () => {
    const submitted = await service.submit({ ...form, document: 'caiq-2026', email: 'ops@coldline-logistics.example' }, context);
    const id = (submitted as { request: { id: string } }).request.id;
    await service.acceptNda(await ndaTokenFor('ops@coldline-logistics.example'), context);
    const downloaded = await service.download(tokenFrom((await grantFor('ops@coldline-logistics.example')).text!, '/request/download/'), context);
    expect(downloaded).toMatchObject({ kind: 'file', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    if (downloaded.kind !== 'file') return;
    const original = unzipSync(await readFile(join(project, 'content/trust/gated/kestrel-caiq-v4-2026.xlsx')));
    const marked = unzipSync(downloaded.bytes);
    expect(Object.keys(marked).sort()).toEqual(Object.keys(original).sort());
    const core = strFromU8(marked['docProps/core.xml']!);
    expect(core).toContain(`<dc:description>Shared with ops@coldline-logistics.example (Prospect AG) on`);
    expect(core).toContain(`request ${id}.`);
    for (const sheet of ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']) {
      const xml = strFromU8(marked[sheet]!);
      expect(XMLValidator.validate(xml), sheet).toBe(true);
      expect(xml, sheet).toMatch(
        new RegExp(
          `<oddHeader>&amp;LKestrel Systems&amp;RSecurity questionnaire \\(CSA CAIQ v4\\)&amp;CShared with ops@coldline-logistics\\.example \\(Prospect AG\\) on \\d{4}-\\d{2}-\\d{2}, request ${id}\\.`,
        ),
      );
      // The cells, and the footer with its page numbers, are untouched.
      const header = /<oddHeader>.*?<\/oddHeader>/;
      expect(xml.replace(header, '')).toBe(strFromU8(original[sheet]!).replace(header, ''));
    }
    expect(XMLValidator.validate(core)).toBe(true);
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
    expect(results).toEqual(['check-inbox', 'check-inbox', 'check-inbox', 'check-inbox', 'check-inbox', 'rate-limited']);
  });

  it("does not lock a victim out when strangers use the victim's email, and shares limits across instances", async () => {
    // Five strangers, each from their own address, use the victim's email.
    for (let i = 0; i < 5; i++) expect((await service.submit(form, { ...context, ip: `198.51.100.${i}` })).kind).toBe('check-inbox');
    // The victim, from their own address, still gets through.
    expect((await service.submit(form, { ...context, ip: '192.0.2.50' })).kind).toBe('check-inbox');
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
    await clocked.acceptNda(await ndaTokenFor('ops@coldline-logistics.example'), context);
    const grant = await grantFor('ops@coldline-logistics.example');
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
    // The NDA link went out while SMTP was up; then SMTP goes down.
    const submitted = await service.submit({ ...form, email: 'ops@coldline-logistics.example' }, context);
    expect(submitted.kind).toBe('check-inbox');
    const ndaToken = await ndaTokenFor('ops@coldline-logistics.example');
    await outbox.stop();
    const decided = await offline.acceptNda(ndaToken, context);
    expect(decided.kind === 'decided' && decided.request.status).toBe('approved');
    await down.stop();
    await down.deliverDue();
    const waiting = await down.list({ status: 'pending' });
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ to: 'ops@coldline-logistics.example', attempts: expect.any(Number) });
    expect(waiting[0]!.lastError).toBeTruthy();
    // SMTP is back: an operator retries (charter mail retry), and the grant goes out exactly once.
    const back = new Outbox(db, smtpMailer({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'trust@kestrel.example' }));
    expect(await back.retryNow()).toBe(1);
    expect(await back.deliverDue()).toBe(1);
    expect(await back.deliverDue()).toBe(0);
    await back.stop();
    const mails = await smtp.waitFor(2);
    expect(mails.map((m) => m.subject)).toEqual(['Confirm your request for SOC 2 Type II report 2025–2026', 'Your access to SOC 2 Type II report 2025–2026']);
    expect(await back.list({ status: 'pending' })).toEqual([]);
  });

  it('counts downloads per link in the store and stops at the limit', async () => {
    const limited = new ReportService(settings, store, outbox.mailerThroughOutbox, 's'.repeat(40), undefined, { downloadLimit: 3 });
    const submitted = await limited.submit({ ...form, email: 'ops@coldline-logistics.example' }, context);
    await limited.acceptNda(await ndaTokenFor('ops@coldline-logistics.example'), context);
    const token = tokenFrom((await grantFor('ops@coldline-logistics.example')).text!, '/request/download/');
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

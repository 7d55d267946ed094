import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { smtpMailer } from '../src/server/mailer.ts';
import type { Store } from '../src/server/store/database.ts';
import { SubscriptionService, type NewsItem } from '../src/server/subscription-service.ts';
import { SubscriptionStore } from '../src/server/subscriptions.ts';
import { startSmtpServer } from './smtp.ts';
import { openTestStore, stopPostgresAfterAll, storeKinds } from './stores.ts';

let dir: string;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let db: Store;
let now: Date;
let service: SubscriptionService;

stopPostgresAfterAll();

describe.each(storeKinds)('email subscriptions (%s)', (kind) => {
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'charter-subscriptions-'));
    smtp = await startSmtpServer();
    db = await openTestStore(kind, dir);
    now = new Date('2026-11-01T09:00:00Z');
    const mailer = smtpMailer({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'trust@acme.example' });
    service = new SubscriptionService(
      new SubscriptionStore(db, () => now),
      mailer,
      'k'.repeat(40),
      { organisation: 'Acme', baseUrl: 'https://trust.acme.example' },
      () => now,
    );
  });
  afterEach(async () => {
    await db.close();
    await smtp.close();
    await rm(dir, { recursive: true, force: true });
  });

  const token = (text: string, path: string) =>
    new URL(new RegExp(`https://trust\\.acme\\.example${path}\\?token=\\S+`).exec(text)![0]).searchParams.get('token')!;
  const item = (id: string, topic: NewsItem['topic'], date: string): NewsItem => ({
    id,
    topic,
    date,
    title: `Title ${id}`,
    summary: 'Summary.',
    url: `https://trust.acme.example/${id}`,
  });

  it('send nothing until confirmed, then each new item once, and nothing after unsubscribing', async () => {
    expect(await service.signUp({ email: 'Buyer@Customer.example', topics: ['subprocessors'] }, '203.0.113.1')).toEqual({ ok: true });
    const [confirmation] = await smtp.waitFor(1);
    const items = [item('old', 'subprocessors', '2026-10-01'), item('new', 'subprocessors', '2026-11-05'), item('update', 'updates', '2026-11-05')];
    expect(await service.notify(items)).toEqual({ mailed: 0, items: 0 });

    expect((await service.act(token(confirmation!.text!, '/subscribe/confirm/'), 'confirm'))?.confirmedAt).toBeDefined();
    now = new Date('2026-11-06T09:00:00Z');
    expect(await service.notify(items)).toEqual({ mailed: 1, items: 1 });
    expect(await service.notify(items)).toEqual({ mailed: 0, items: 0 });
    const [, news] = await smtp.waitFor(2);
    expect(news!.subject).toBe('Acme: Title new');
    expect(news!.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toMatch(/subscribe\/cancel/);

    expect((await service.act(token(news!.text!, '/subscribe/cancel/'), 'cancel'))?.unsubscribedAt).toBeDefined();
    expect(await service.notify([...items, item('later', 'subprocessors', '2026-11-07')])).toEqual({ mailed: 0, items: 0 });
  });

  it('refuse bad input and forged links', async () => {
    expect(await service.signUp({ email: 'nope', topics: ['updates'] }, 'ip')).toMatchObject({ ok: false, status: 422 });
    expect(await service.signUp({ email: 'a@b.example', topics: [] }, 'ip')).toMatchObject({ ok: false, status: 422 });
    expect(await service.signUp({ email: 'a@b.example', topics: ['everything'] }, 'ip')).toMatchObject({ ok: false, status: 422 });
    expect(await service.act('forged.token', 'confirm')).toBeUndefined();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/server/audit-log.ts';
import { openStore, type Store } from '../../src/server/store/database.ts';
import { exampleRoot, type ExampleRoot } from '../example-root.ts';
import { startPostgres, type PostgresCluster } from '../postgres.ts';
import { freePort, startSiteServer, type RunningServer } from '../server-process.ts';
import { startSmtpServer } from '../smtp.ts';

const SECRET = 'instances-secret-'.padEnd(48, 'x');

let example: ExampleRoot;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let cluster: PostgresCluster;
let databaseUrl: string;

beforeAll(async () => {
  example = await exampleRoot('instances');
  // The load comes from one loopback address; the per-email limit stays low to test it.
  await example.plant('content/trust/access.yaml', (t) => `${t}\nrateLimits:\n  perIpPerHour: 100000\n  perEmailPerDay: 3\n`);
  [, smtp, cluster] = await Promise.all([example.build({ target: 'trust' }), startSmtpServer(), startPostgres()]);
  databaseUrl = await cluster.createDatabase();
}, 600_000);
afterAll(async () => {
  await smtp?.close();
  await cluster?.stop();
  await example?.cleanup();
});

function startInstance(port: number): Promise<RunningServer> {
  return startSiteServer(example.out, 'trust', {
    PORT: String(port),
    CHARTER_ROOT: example.root,
    CHARTER_DATABASE_URL: databaseUrl,
    CHARTER_SECRET: SECRET,
    CHARTER_MODE: 'production',
    CHARTER_PUBLIC_URL: `http://127.0.0.1:${port}`,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    SMTP_FROM: 'Kestrel Trust <trust@kestrel.example>',
    // Mail claimed by the killed instance is taken over after this.
    CHARTER_MAIL_LEASE_SECONDS: '20',
  });
}

const post = (server: RunningServer, path: string, fields: Record<string, string>) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
const form = (email: string) => ({
  document: 'soc2-type2-2026',
  name: 'Jo Buyer',
  email,
  company: 'Federal Office',
  reason: 'Procurement security review for 2027.',
});

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('three trust-center instances on one PostgreSQL', () => {
  it('store every answered request once, keep the chain, send each mail once, and share limits and single-use links, through a SIGKILL', async () => {
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    const servers = await Promise.all(ports.map(startInstance));
    let store: Store | undefined;
    try {
      // 1,000 requests, 64 in flight, spread round-robin; instance 1 is killed after 300 answers.
      const emails = Array.from({ length: 1000 }, (_, i) => `buyer${i}@bund.example`);
      const answered: string[] = [];
      let next = 0;
      let done = 0;
      let killed: Promise<void> | undefined;
      const worker = async () => {
        while (next < emails.length) {
          const i = next++;
          const server = servers[i % 3]!;
          try {
            const response = await post(server, '/request/', form(emails[i]!));
            const body = await response.text();
            if (response.status === 200 && body.includes('Under review')) answered.push(emails[i]!);
          } catch {
            // The killed instance drops its connections: no answer, no claim.
          }
          if (++done === 300) {
            servers[1]!.process.kill('SIGKILL');
            killed = servers[1]!.stop().then(async () => {
              servers[1] = await startInstance(ports[1]!);
            });
          }
        }
      };
      const started = Date.now();
      await Promise.all(Array.from({ length: 64 }, worker));
      await killed;
      const seconds = (Date.now() - started) / 1000;
      // The restarted instance reports healthy to the load balancer.
      expect(await (await fetch(`${servers[1]!.url}/healthz/`)).json()).toMatchObject({ ok: true, database: 'postgres' });
      expect(answered.length).toBeGreaterThan(900);

      store = await openStore({ url: databaseUrl, path: '' });
      const rows = await store.db.selectFrom('report_requests').select(['email', 'status']).execute();
      const stored = new Map<string, number>();
      for (const row of rows) stored.set(row.email, (stored.get(row.email) ?? 0) + 1);
      // Every answered request is stored exactly once; nothing is stored twice.
      for (const email of answered) expect(stored.get(email)).toBe(1);
      expect([...stored.values()].every((n) => n === 1)).toBe(true);
      expect(await verifyAuditChain(store.tx)).toMatchObject({ ok: true });

      // Each pending request calls for one mail per reviewer; the instances deliver them all, each once.
      const pending = rows.filter((r) => r.status === 'pending').length;
      const db = store.db;
      const outbox = await until(
        'the outbox to drain',
        async () => {
          const all = await db.selectFrom('mail_outbox').select(['id', 'status']).execute();
          return all.length > 0 && all.every((m) => m.status === 'sent') ? all : undefined;
        },
        90_000,
      );
      expect(outbox).toHaveLength(pending * 2);
      const received = new Map<string, number>();
      const countReceived = () => {
        received.clear();
        for (const mail of smtp.messages) {
          const id = String(mail.headers.get('x-charter-mail-id'));
          received.set(id, (received.get(id) ?? 0) + 1);
        }
        return outbox.every(({ id }) => received.has(id)) ? true : undefined;
      };
      await until('the sink to receive every mail', async () => countReceived());
      await new Promise((r) => setTimeout(r, 500));
      countReceived();
      // Every mail the stored state calls for arrives, and nothing else does.
      expect([...received.keys()].sort()).toEqual(outbox.map(({ id }) => String(id)).sort());
      // SMTP cannot join the database transaction: a mail the killed instance had handed to the
      // SMTP server but not yet marked sent goes out again, with the same X-Charter-Mail-Id for
      // the receiver to drop. Only the one batch that instance had in flight can repeat.
      const repeated = [...received.values()].filter((n) => n > 1);
      expect(repeated.every((n) => n === 2)).toBe(true);
      expect(repeated.length).toBeLessThanOrEqual(10);

      // Rate limits are shared: three requests a day for one email and address, whichever instance answers.
      const limited = [];
      for (let i = 0; i < 4; i++) limited.push((await post(servers[i % 3]!, '/request/', form('repeat@bund.example'))).status);
      expect(limited).toEqual([200, 200, 200, 429]);

      // A reviewer link works once, even when it reaches all three instances at the same moment.
      const mail = smtp.messages.find((m) => m.text?.includes('Approve'))!;
      const token = new URL(/http:\/\/127\.0\.0\.1:\d+\/request\/review\/\?token=[^\s&]+/.exec(mail.text!)![0]).searchParams.get('token')!;
      const reviews = await Promise.all(servers.map((s) => post(s, '/request/review/', { token, action: 'approve' })));
      expect(reviews.map((r) => r.status).sort()).toEqual([200, 409, 409]);
      console.log(`1,000 requests over 3 instances with one SIGKILL: ${answered.length} answered in ${seconds.toFixed(1)} s`);
    } finally {
      await store?.close();
      await Promise.all(servers.map((s) => s.stop()));
    }
  }, 300_000);
});

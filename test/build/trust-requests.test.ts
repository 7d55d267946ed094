import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteRoutes } from '../../src/astro/site-routes.ts';
import { signToken } from '../../src/server/tokens.ts';
import { verifyAuditChain } from '../../src/server/audit-log.ts';
import { openStore } from '../../src/server/store/database.ts';
import { launchChromium } from '../browser.ts';
import { exampleRoot, project, type ExampleRoot } from '../example-root.ts';
import { pdfText } from '../pdf-text.ts';
import { freePort, startSiteServer, type RunningServer } from '../server-process.ts';
import { startSmtpServer } from '../smtp.ts';

const run = promisify(execFile);
const SECRET = 'test-secret-'.padEnd(48, 'x');

let example: ExampleRoot;
let root: string;
let out: string;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  example = await exampleRoot('requests');
  ({ root, out } = example);
  // Loopback tests send many requests from one address.
  await example.plant('content/trust/access.yaml', (t) => `${t}\nrateLimits:\n  perIpPerHour: 1000\n  perEmailPerDay: 3\n`);
  await example.build({ target: 'trust' });
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
  await example.cleanup();
});

async function startTrust(db: string): Promise<RunningServer> {
  const port = await freePort();
  return startSiteServer(out, 'trust', {
    PORT: String(port),
    CHARTER_ROOT: root,
    CHARTER_DB: db,
    CHARTER_SECRET: SECRET,
    CHARTER_MODE: 'production',
    CHARTER_PUBLIC_URL: `http://127.0.0.1:${port}`,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    SMTP_FROM: 'Kestrel Trust <trust@kestrel.example>',
  });
}

const linkIn = (text: string, path: string) => new RegExp(`http://127\\.0\\.0\\.1:\\d+${path}\\?token=[^\\s&]+(&action=\\w+)?`).exec(text)![0];
const mailsTo = (address: string) => smtp.messages.filter((m) => m.to && 'text' in m.to && m.to.text.includes(address));
async function waitForMail(address: string, count = 1) {
  const deadline = Date.now() + 15_000;
  while (mailsTo(address).length < count) {
    if (Date.now() > deadline) throw new Error(`no mail to ${address}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return mailsTo(address);
}
const post = (server: RunningServer, path: string, fields: Record<string, string>, origin = server.url) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
/** A form post on its own connection; every failure (refused, reset mid-answer) rejects the promise. */
const postWithoutKeepAlive = (server: RunningServer, path: string, fields: Record<string, string>) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const body = new URLSearchParams(fields).toString();
    const request = httpRequest(`${server.url}${path}`, {
      method: 'POST',
      agent: false,
      headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
    });
    request.on('error', reject);
    // A reset that arrives after the answer (the kill, while the socket closes) fails nothing.
    request.on('socket', (socket) => socket.on('error', () => {}));
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('error', reject);
      response.on('aborted', () => reject(new Error('answer cut off')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.end(body);
  });
const form = (email: string, extra: Record<string, string> = {}) => ({
  document: 'soc2-type2-2026',
  name: 'Jo Buyer',
  email,
  company: 'Prospect AG',
  reason: 'Vendor security review before our 2027 rollout.',
  ...extra,
});
async function chainOf(path: string) {
  const store = await openStore({ path }, { readOnly: true });
  try {
    return await verifyAuditChain(store.tx);
  } finally {
    await store.close();
  }
}
/** The first mail to `address` whose subject matches, once it has arrived. */
async function mailWith(address: string, subject: RegExp) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const mail = mailsTo(address).find((m) => subject.test(m.subject ?? ''));
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no mail "${subject.source}" to ${address}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
/** The NDA link reaches the requester only by mail: that is how an acceptance proves the address. */
const ndaLinkFor = async (address: string) => linkIn((await mailWith(address, /^Confirm your request/)).text!, '/request/nda/');
const ndaTokenFor = async (address: string) => new URL(await ndaLinkFor(address)).searchParams.get('token')!;
const grantFor = (address: string) => mailWith(address, /^Your access/);

describe('requesting the SOC 2 report', () => {
  let server: RunningServer;
  const db = () => join(root, 'e2e.db');
  beforeAll(async () => {
    server = await startTrust(db());
  });
  afterAll(async () => {
    await server.stop();
  });

  it('goes from request to NDA to reviewer mail to approval to a watermarked download, in Chromium', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/documents/soc2-type2-2026/`);
      await page.getByLabel('Full name').fill('Jo Buyer');
      await page.getByLabel('Work email').fill('jo@prospect.example');
      await page.getByLabel('Company').fill('Prospect AG');
      await page.getByLabel('Why do you need it?').fill('Vendor security review before our 2027 rollout.');
      await page.getByRole('button', { name: 'Continue' }).click();
      // The page only says where the NDA link went: nothing on it could accept the NDA.
      await expect.poll(() => page.locator('.outcome .badge').textContent(), { timeout: 20_000 }).toBe('Check your inbox');
      expect(await page.locator('.outcome').textContent()).toContain('jo@prospect.example');
      expect(await page.content()).not.toMatch(/name="token"|\/request\/nda\/\?token/);
      await page.goto(await ndaLinkFor('jo@prospect.example'));
      await page.getByText('I have read the agreement').click();
      await page.getByRole('button', { name: 'Accept and continue' }).click();
      expect(await page.locator('.outcome .badge').textContent()).toBe('Under review');
      const requestId = (await page.locator('.outcome code').textContent())!;

      const [reviewerMail] = await waitForMail('priya.raman@kestrel.example');
      expect(reviewerMail!.text).toContain('Company: Prospect AG');
      await page.goto(linkIn(reviewerMail!.text!, '/request/review/'));
      await page.getByRole('button', { name: /Approve for 30 days/ }).click();
      // The click does not wait for the next page: poll until the old heading is gone.
      await expect.poll(() => page.locator('h1').textContent(), { timeout: 20_000 }).toBe('Approved');

      const grant = await grantFor('jo@prospect.example');
      expect(grant.subject).toContain('Your access to SOC 2 Type II report');
      const download = page.waitForEvent('download');
      await page.goto(linkIn(grant.text!, '/request/download/')).catch(() => {});
      const file = await (await download).path();
      const pages = await pdfText(await readFile(file));
      expect(pages.length).toBeGreaterThan(3);
      for (const text of pages) {
        expect(text).toContain('jo@prospect.example');
        expect(text).toContain('Prospect AG');
        expect(text).toContain(requestId);
      }
    } finally {
      await browser.dispose();
    }
  }, 120_000);

  it('refuses tampered, expired, revoked and reused links with a clear page', async () => {
    await post(server, '/request/', form('kim@coldline-logistics.example'));
    const accepted = await post(server, '/request/nda/', { token: await ndaTokenFor('kim@coldline-logistics.example'), accept: 'yes' });
    expect(await accepted.text()).toContain('Approved');
    const grant = await grantFor('kim@coldline-logistics.example');
    const link = linkIn(grant.text!, '/request/download/');
    const token = new URL(link).searchParams.get('token')!;
    const [header, , signature] = token.split('.');
    const claims = decodeJwt(token);
    // The same link with a later expiry: the signature no longer matches.
    const forged = Buffer.from(JSON.stringify({ ...claims, exp: 4102444800 })).toString('base64url');

    const tampered = await fetch(`${server.url}/request/download/?token=${header}.${forged}.${signature}`);
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain('This link is not valid');
    const subject = claims.sub!;
    const expired = await fetch(
      `${server.url}/request/download/?token=${await signToken(SECRET, { purpose: 'download', subject, exp: Math.floor(Date.now() / 1000) - 60 })}`,
    );
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('This link has expired');
    expect((await fetch(`${server.url}/request/download/?token=garbage`)).status).toBe(400);

    expect((await fetch(link)).status).toBe(200);
    await run(process.execPath, [join(project, 'bin/charter.mjs'), 'requests', 'revoke', subject, '--root', root], {
      env: { ...process.env, CHARTER_DB: db() },
    });
    const revoked = await fetch(link);
    expect(revoked.status).toBe(403);
    expect(await revoked.text()).toContain('Access was revoked');

    // A reviewer link works once.
    await post(server, '/request/', form('lee@another-prospect.example'));
    await post(server, '/request/nda/', { token: await ndaTokenFor('lee@another-prospect.example'), accept: 'yes' });
    const reviewerMails = await waitForMail('trust@kestrel.example', 2);
    const deny = new URL(linkIn(reviewerMails.at(-1)!.text!.split('Deny: ')[1]!, '/request/review/'));
    const first = await post(server, '/request/review/', { token: deny.searchParams.get('token')!, action: 'deny' });
    expect(await first.text()).toContain('Denied');
    const again = await post(server, '/request/review/', { token: deny.searchParams.get('token')!, action: 'deny' });
    expect(again.status).toBe(409);
  }, 60_000);

  it('refuses bad input, the honeypot, foreign origins, documents that are not gated, and floods', async () => {
    const before = new DatabaseSync(db(), { readOnly: true });
    const count = () => (before.prepare('SELECT count(*) AS n FROM report_requests').get() as { n: number }).n;
    const start = count();
    const invalid = await post(server, '/request/', form('not-an-email', { name: '"><script>alert(1)</script>' }));
    expect(invalid.status).toBe(422);
    const html = await invalid.text();
    expect(html).toContain('Enter a valid work email address.');
    // The value comes back inside its attribute, quotes escaped, so it cannot open a tag.
    expect(html).not.toContain('"><script>');
    expect(html).toContain('value="&quot;><script>alert(1)</script>"');
    expect((await post(server, '/request/', form('a@b.example', { reason: 'x'.repeat(2001) }))).status).toBe(422);
    expect((await post(server, '/request/', form('bot@prospect.example', { website: 'http://spam.example' }))).status).toBe(422);
    expect((await post(server, '/request/', form('jo@prospect.example'), 'https://evil.example')).status).toBe(403);
    const notGated = await post(server, '/request/', form('jo@prospect.example', { document: 'iso27001-certificate' }));
    expect(await notGated.text()).toContain('That document is not available on request.');
    expect((await post(server, '/request/', form('jo@prospect.example', { document: 'no-such-report' }))).status).toBe(422);
    expect(count()).toBe(start);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(server, '/request/', form('flood@prospect.example'))).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    before.close();
  });
});

describe("the trust server's middleware", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTrust(join(root, 'middleware.db'));
  });
  afterAll(async () => {
    await server.stop();
  });
  const onDemand = siteRoutes.trust.filter((r) => r.onDemand);
  const address = (pattern: string) => `${server.url}${pattern}/?token=x`;

  it('refuses a cross-origin POST with 403 and no-store on every route that takes forms, before the route runs', async () => {
    const posting = onDemand.filter((r) => r.onDemand!.forms);
    expect(posting.map((r) => r.pattern)).toEqual(['/request', '/request/nda', '/request/review', '/subscribe', '/subscribe/confirm', '/subscribe/cancel']);
    await fetch(address('/subscribe/confirm')); // opens the runtime, so the database exists
    const store = new DatabaseSync(join(root, 'middleware.db'), { readOnly: true });
    for (const route of posting) {
      const response = await post(
        server,
        `${route.pattern}/`,
        { ...form('cross@prospect.example'), token: 'x', email: 'cross@prospect.example', topic: 'updates' },
        'https://evil.example',
      );
      expect(response.status, route.pattern).toBe(403);
      expect(response.headers.get('cache-control'), route.pattern).toBe('no-store');
      expect(await response.text()).toBe('Cross-site form submissions are refused.');
    }
    expect(store.prepare('SELECT count(*) AS n FROM report_requests').get()).toEqual({ n: 0 });
    expect(store.prepare('SELECT count(*) AS n FROM subscribers').get()).toEqual({ n: 0 });
    store.close();
  });

  it('sends visits to forms-only routes on with 303, refuses other methods, and lets nothing it renders be cached', async () => {
    for (const route of onDemand) {
      const visit = await fetch(address(route.pattern), { redirect: 'manual' });
      expect(visit.headers.get('cache-control'), route.pattern).toMatch(/^no-store/);
      if (route.onDemand!.forms === 'only') {
        expect(visit.status, route.pattern).toBe(303);
        expect(visit.headers.get('location'), route.pattern).toBe(route.onDemand!.otherwise);
      } else {
        expect(visit.status, route.pattern).toBeGreaterThanOrEqual(200);
      }
      const put = await fetch(address(route.pattern), { method: 'PUT', headers: { origin: server.url } });
      expect(put.status, route.pattern).toBe(405);
    }
    const download = await post(server, '/request/download/', { token: 'x' });
    expect(download.status).toBe(405);
    expect(download.headers.get('allow')).toBe('GET, HEAD');
  });

  it('confirms a subscription from the emailed link only when its button is pressed', async () => {
    const signUp = await post(server, '/subscribe/', { email: 'follower@prospect.example', topic: 'updates' });
    expect(await signUp.text()).toContain('Check your inbox');
    const [mail] = await waitForMail('follower@prospect.example');
    const link = linkIn(mail!.text!, '/subscribe/confirm/');
    const visit = await fetch(link);
    expect(visit.status).toBe(200);
    expect(await visit.text()).toContain('Confirm your subscription');
    const token = new URL(link).searchParams.get('token')!;
    const forged = await post(server, '/subscribe/confirm/', { token: `${token}x` });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('This link is not valid');
    const confirmed = await post(server, '/subscribe/confirm/', { token });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('You are subscribed');
  });

  it('leaves static pages to the static files', async () => {
    const documents = await fetch(`${server.url}/documents/`);
    expect(documents.status).toBe(200);
    expect(documents.headers.get('cache-control') ?? '').not.toContain('no-store');
  });
});

describe('under load', () => {
  it('stores every one of many simultaneous requests and downloads exactly once', async () => {
    const db = join(root, 'load.db');
    const server = await startTrust(db);
    try {
      const people = Array.from({ length: 25 }, (_, i) => `buyer${i}@baltic-foods.example`);
      await Promise.all(people.map((p) => post(server, '/request/', form(p))));
      const decided = await Promise.all(
        people.map(async (p) => post(server, '/request/nda/', { token: await ndaTokenFor(p), accept: 'yes' }).then((r) => r.text())),
      );
      expect(decided.every((html) => html.includes('Approved'))).toBe(true);
      const links = await Promise.all(people.map(async (p) => linkIn((await grantFor(p)).text!, '/request/download/')));
      const downloads = await Promise.all(links.map((link) => fetch(link)));
      expect(downloads.map((d) => d.status)).toEqual(people.map(() => 200));
      const handle = new DatabaseSync(db, { readOnly: true });
      const kinds = handle.prepare('SELECT kind, count(*) AS n, count(DISTINCT subject) AS subjects FROM audit_log GROUP BY kind ORDER BY kind').all();
      expect(kinds).toEqual([
        { kind: 'document.downloaded', n: 25, subjects: 25 },
        { kind: 'nda.accepted', n: 25, subjects: 25 },
        { kind: 'request.approved', n: 25, subjects: 25 },
        { kind: 'request.created', n: 25, subjects: 25 },
      ]);
      expect(handle.prepare('SELECT count(*) AS n FROM report_requests').get()).toEqual({ n: 25 });
      expect(await chainOf(db)).toEqual({ ok: true, rows: 100 });
      handle.close();
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('loses no committed request when the server is killed mid-load', async () => {
    const db = join(root, 'crash.db');
    let server = await startTrust(db);
    const committed: string[] = [];
    // Eight clients send requests one after another until the server dies under them. They use
    // node:http without keep-alive, so a socket reset by the kill fails only the request in flight
    // (fetch's pooled sockets report it as an uncaught error).
    const client = async (n: number) => {
      for (let i = 0; i < 200; i++) {
        const email = `crash${n}-${i}@prospect-${n}-${i}.example`;
        try {
          const { status, body } = await postWithoutKeepAlive(server, '/request/', form(email));
          if (status === 200 && body.includes('Check your inbox')) committed.push(email);
        } catch {
          return;
        }
      }
    };
    let finished = false;
    const clients = Promise.all(Array.from({ length: 8 }, (_, n) => client(n))).finally(() => {
      finished = true;
    });
    while (committed.length < 20 && !finished) await new Promise((r) => setTimeout(r, 10));
    server.process.kill('SIGKILL');
    await clients;
    await server.stop();
    expect(committed.length).toBeGreaterThan(5);
    server = await startTrust(db);
    try {
      const handle = new DatabaseSync(db, { readOnly: true });
      const stored = new Set(
        handle
          .prepare('SELECT email FROM report_requests')
          .all()
          .map((r) => r.email as string),
      );
      for (const email of committed) expect(stored.has(email)).toBe(true);
      expect(await chainOf(db)).toMatchObject({ ok: true });
      handle.close();
      // The restarted server keeps working on the same file.
      expect((await post(server, '/request/', form('after@prospect.example'))).status).toBe(200);
    } finally {
      await server.stop();
    }
  }, 60_000);
});

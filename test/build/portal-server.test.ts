import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser.ts';
import { exampleRoot, type ExampleRoot } from '../example-root.ts';
import { startSiteServer, type RunningServer } from '../server-process.ts';

let example: ExampleRoot;
let root: string;
let out: string;

beforeAll(async () => {
  example = await exampleRoot('portal-server');
  ({ root, out } = example);
  await example.build({ target: 'portal' });
});
afterAll(() => example.cleanup());

/** Stored acknowledgements; a database the server never had to open holds none. */
const count = (db: string) => {
  if (!existsSync(db)) return 0;
  const handle = new DatabaseSync(db, { readOnly: true });
  try {
    return (handle.prepare('SELECT count(*) AS n FROM acknowledgements').get() as { n: number }).n;
  } finally {
    handle.close();
  }
};

describe('acknowledging a policy in the browser', () => {
  it('shows a due policy, records the acknowledgement, and asks again after a major version bump', async () => {
    const db = join(root, 'e2e.db');
    const env = { CHARTER_ROOT: root, CHARTER_DB: db, CHARTER_DEV_IDENTITY: 'mei.tanaka@kestrel.example' };
    let server: RunningServer = await startSiteServer(out, 'portal', env);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/policies/acceptable-use/`);
      const panel = page.locator('[data-ack-policy]');
      await expect.poll(() => panel.getAttribute('data-ack-state'), { timeout: 20_000 }).toMatch(/due|overdue/);
      const version = await page.locator('input[name=version]').inputValue();
      await page.getByRole('button', { name: /I have read and acknowledge/ }).click();
      await expect.poll(() => panel.getAttribute('data-ack-state'), { timeout: 20_000 }).toBe('done');
      expect(await page.locator('[data-ack-status]').textContent()).toContain(`You acknowledged version ${version}`);
      expect(count(db)).toBe(1);

      await page.goto(`${server.url}/my/`);
      expect(await page.locator('main').textContent()).toMatch(/Acceptable Use Policy[\s\S]*Acknowledged/);

      // A new major version: rebuild, restart, and the policy is due again.
      await server.stop();
      const file = join(root, 'content/policies/acceptable-use.mdx');
      const major = Number(version.split('.')[0]) + 1;
      await writeFile(
        file,
        (await readFile(file, 'utf8')).replace(/^version: .*$/m, `version: ${major}.0.0`).replace(/^effective: .*$/m, 'effective: 2026-11-20'),
      );
      await example.build({ target: 'portal' });
      server = await startSiteServer(out, 'portal', env);
      await page.goto(`${server.url}/policies/acceptable-use/`);
      await expect.poll(() => panel.getAttribute('data-ack-state'), { timeout: 20_000 }).toBe('due');
      expect(await page.getByRole('button', { name: `I have read and acknowledge version ${major}.0.0` }).isVisible()).toBe(true);
    } finally {
      await browser.dispose();
      await server.stop();
    }
  }, 120_000);
});

describe('the portal server behind an SSO proxy', () => {
  let jwks: Server;
  let server: RunningServer;
  let sign: (email: string, options?: { issuer?: string; audience?: string; expires?: string; key?: CryptoKey }) => Promise<string>;
  let otherKey: CryptoKey;
  const db = () => join(root, 'proxy.db');

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const jwk = { ...(await exportJWK(publicKey)), kid: 'main', alg: 'RS256' };
    jwks = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as { port: number }).port}/.well-known/jwks.json`;
    sign = (email, o = {}) =>
      new SignJWT({ email })
        .setProtectedHeader({ alg: 'RS256', kid: 'main' })
        .setIssuer(o.issuer ?? 'https://sso.kestrel.example')
        .setAudience(o.audience ?? 'policy-portal')
        .setIssuedAt()
        .setExpirationTime(o.expires ?? '10m')
        .sign(o.key ?? privateKey);
    server = await startSiteServer(out, 'portal', {
      CHARTER_ROOT: root,
      CHARTER_DB: db(),
      CHARTER_AUTH_HEADER: 'cf-access-jwt-assertion',
      CHARTER_JWKS_URL: jwksUrl,
      CHARTER_JWT_ISSUER: 'https://sso.kestrel.example',
      CHARTER_JWT_AUDIENCE: 'policy-portal',
    });
  });
  afterAll(async () => {
    await server.stop();
    await new Promise<void>((r) => jwks.close(() => r()));
  });

  const acknowledge = (token: string | undefined, policy = 'information-security', version?: string) =>
    fetch(`${server.url}/api/acknowledgements/`, {
      method: 'POST',
      headers: {
        origin: server.url,
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded',
        ...(token ? { 'cf-access-jwt-assertion': token } : {}),
      },
      body: new URLSearchParams({ policy, version: version ?? '' }),
    });

  it('refuses expired, wrong-issuer, wrong-audience, wrong-key, missing and malformed tokens with 401, recording nothing', async () => {
    const tokens = [
      await sign('jo@kestrel.example', { expires: '-5m' }),
      await sign('jo@kestrel.example', { issuer: 'https://evil.example' }),
      await sign('jo@kestrel.example', { audience: 'another-app' }),
      await sign('jo@kestrel.example', { key: otherKey }),
      undefined,
      'garbage.token.here',
    ];
    const statuses = [];
    for (const token of tokens) statuses.push((await acknowledge(token, 'information-security', '3.1.0')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
    expect(count(db())).toBe(0);
  });

  it('refuses a cross-origin POST with 403 and no-store before reading who sent it, and caches nothing it renders', async () => {
    const before = count(db());
    const crossSite = await fetch(`${server.url}/api/acknowledgements/`, {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded',
        'cf-access-jwt-assertion': await sign('jo@kestrel.example'),
      },
      body: new URLSearchParams({ policy: 'information-security', version: '3.1.0' }),
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get('cache-control')).toBe('no-store');
    expect(await crossSite.json()).toEqual({ error: 'Cross-site form submissions are refused.' });
    expect(count(db())).toBe(before);
    for (const path of ['/my/', '/acknowledgements/', '/api/acknowledgements/?policy=information-security']) {
      const response = await fetch(`${server.url}${path}`, { headers: { 'cf-access-jwt-assertion': await sign('jo@kestrel.example') } });
      expect(response.headers.get('cache-control'), path).toBe('no-store');
    }
    // Signed in (the gate answers 401 before anything else otherwise), a POST to a page is the wrong method.
    const postToPage = await fetch(`${server.url}/my/`, {
      method: 'POST',
      headers: { origin: server.url, 'cf-access-jwt-assertion': await sign('jo@kestrel.example') },
    });
    expect(postToPage.status).toBe(405);
    expect(postToPage.headers.get('allow')).toBe('GET, HEAD');
  });

  it('shows acknowledgement coverage to the people in content/site.yaml only', async () => {
    const coverage = async (email: string) => fetch(`${server.url}/acknowledgements/`, { headers: { 'cf-access-jwt-assertion': await sign(email) } });
    const owner = await coverage('priya.raman@kestrel.example');
    expect(owner.status).toBe(200);
    expect(await owner.text()).toContain('By person');
    const reader = await coverage('mei.tanaka@kestrel.example');
    expect(reader.status).toBe(403);
    expect(await reader.text()).toContain('This view is for policy owners and approvers.');
    expect((await fetch(`${server.url}/acknowledgements/`)).status).toBe(401);
  });

  it('stores each of many simultaneous acknowledgements exactly once', async () => {
    const state = await fetch(`${server.url}/api/acknowledgements/?policy=information-security`, {
      headers: { 'cf-access-jwt-assertion': await sign('probe@kestrel.example') },
    });
    expect(state.status).toBe(200);
    const version = (await readFile(join(root, 'content/policies/information-security.mdx'), 'utf8')).match(/^version: (.+)$/m)![1]!;
    const people = Array.from({ length: 40 }, (_, i) => `person${i}@kestrel.example`);
    const tokens = await Promise.all(people.map((p) => sign(p)));
    // Everyone clicks twice, all at once.
    const responses = await Promise.all([...tokens, ...tokens].map((t) => acknowledge(t, 'information-security', version)));
    expect(responses.map((r) => r.status).every((s) => s === 200)).toBe(true);
    const bodies = await Promise.all(responses.map((r) => r.json() as Promise<{ created: boolean }>));
    expect(bodies.filter((b) => b.created)).toHaveLength(40);
    expect(count(db())).toBe(40);
  });
});

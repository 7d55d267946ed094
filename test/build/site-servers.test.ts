import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { project } from '../example-root.ts';
import { startSiteServer, type RunningServer } from '../server-process.ts';

// Both servers as a security team runs them: production mode, the portal behind an SSO proxy.
const out = inject('exampleBuild');
const HEADER = 'cf-access-jwt-assertion';
let jwks: Server;
let privateKey: CryptoKey;
let portal: RunningServer;
let trust: RunningServer;
const production = { CHARTER_ROOT: project, CHARTER_MODE: 'production', CHARTER_SECRET: 'site-servers-secret-'.padEnd(48, 'x') };

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'main', alg: 'RS256' };
  jwks = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((ready) => jwks.listen(0, '127.0.0.1', ready));
  const jwksUrl = `http://127.0.0.1:${(jwks.address() as { port: number }).port}/jwks.json`;
  [portal, trust] = await Promise.all([
    startSiteServer(out, 'portal', {
      ...production,
      CHARTER_AUTH_HEADER: HEADER,
      CHARTER_JWKS_URL: jwksUrl,
      CHARTER_JWT_ISSUER: 'https://sso.kestrel.example',
      CHARTER_JWT_AUDIENCE: 'policy-portal',
    }),
    startSiteServer(out, 'trust', { ...production, SMTP_HOST: '127.0.0.1', SMTP_PORT: '9', SMTP_FROM: 'Kestrel Trust <trust@kestrel.example>' }),
  ]);
});
afterAll(async () => {
  await Promise.all([portal?.stop(), trust?.stop()]);
  await new Promise<void>((done) => jwks.close(() => done()));
});

const sign = (claims: { audience?: string } = {}) =>
  new SignJWT({ email: 'mei.tanaka@kestrel.example' })
    .setProtectedHeader({ alg: 'RS256', kid: 'main' })
    .setIssuer('https://sso.kestrel.example')
    .setAudience(claims.audience ?? 'policy-portal')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(privateKey);

describe('the portal server in production', () => {
  const internal = [
    '/',
    '/policies/',
    '/policies/acceptable-use/',
    '/matrix/',
    '/exports/soc2-control-matrix.csv',
    '/exports/iso27001-statement-of-applicability.csv',
  ];

  it("answers 401 to every route without the proxy's valid JWT, static pages and CSV exports included", async () => {
    for (const path of internal) {
      const anonymous = await fetch(`${portal.url}${path}`);
      expect(anonymous.status, path).toBe(401);
      const body = await anonymous.text();
      expect(body, path).not.toContain('<html');
      expect(body, path).not.toContain(',');
      const wrongAudience = await fetch(`${portal.url}${path}`, { headers: { [HEADER]: await sign({ audience: 'another-app' }) } });
      expect(wrongAudience.status, path).toBe(401);
    }
  });

  it("leaves only the load balancer's health check open", async () => {
    expect((await fetch(`${portal.url}/healthz/`)).status).not.toBe(401);
    expect((await fetch(`${portal.url}/healthz/../policies/`)).status).toBe(401);
  });

  it('serves them with a valid JWT', async () => {
    const token = await sign();
    for (const path of internal) {
      const response = await fetch(`${portal.url}${path}`, { headers: { [HEADER]: token } });
      expect(response.status, path).toBe(200);
    }
    const csv = await fetch(`${portal.url}/exports/soc2-control-matrix.csv`, { headers: { [HEADER]: token } });
    expect(await csv.text()).toMatch(/^\uFEFF?[^\n]*,/);
  });
});

describe('security headers', () => {
  const expectSecurityHeaders = (response: Response, what: string) => {
    expect(response.headers.get('content-security-policy'), what).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
    expect(response.headers.get('referrer-policy'), what).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('x-frame-options'), what).toBe('DENY');
  };

  it('are on every trust center response: static pages, files, rendered pages and refusals', async () => {
    for (const path of ['/', '/documents/', '/favicon.svg', '/request/download/?token=x', '/no-such-page/']) {
      const response = await fetch(`${trust.url}${path}`, { redirect: 'manual' });
      expectSecurityHeaders(response, path);
    }
    const html = await fetch(`${trust.url}/documents/`);
    expect(html.headers.get('content-type')).toContain('text/html');
  });

  it('are on every portal response, the 401 included', async () => {
    expectSecurityHeaders(await fetch(`${portal.url}/policies/`), '401');
    expectSecurityHeaders(await fetch(`${portal.url}/policies/`, { headers: { [HEADER]: await sign() } }), '/policies/');
    expectSecurityHeaders(await fetch(`${portal.url}/my/`, { headers: { [HEADER]: await sign() } }), '/my/');
  });
});

describe('form bodies the trust server cannot read', () => {
  const send = (body: BodyInit, type: string) =>
    fetch(`${trust.url}/request/`, { method: 'POST', headers: { origin: trust.url, 'content-type': type }, body, redirect: 'manual' });

  it('get 415, 413 or 400 with a short message and a log line, never an empty 500', async () => {
    const cases: [string, BodyInit, string, number][] = [
      ['JSON', JSON.stringify({ document: 'soc2-type2-2026' }), 'application/json', 415],
      ['plain text', 'document=soc2-type2-2026', 'text/plain', 415],
      ['over the limit', `reason=${'a'.repeat(100_000)}`, 'application/x-www-form-urlencoded', 413],
      ['broken multipart', '--xyz\r\nContent-Disposition: form-data; name="document"\r\n\r\nsoc2', 'multipart/form-data; boundary=xyz', 400],
    ];
    for (const [what, body, type, status] of cases) {
      const response = await send(body, type);
      expect(response.status, what).toBe(status);
      expect((await response.text()).length, what).toBeGreaterThan(10);
    }
    await expect.poll(() => trust.log().match(/POST \/request\/: (413|415|400) /g)?.length ?? 0).toBeGreaterThanOrEqual(cases.length);
  });
});

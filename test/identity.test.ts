import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyIdentityVerifier } from '../src/server/identity.ts';

// The IdP's keys served over HTTP, as the SSO proxy's JWKS endpoint serves them.
let jwks: Server;
let privateKey: CryptoKey;
let verify: (headers: Headers) => ReturnType<ReturnType<typeof proxyIdentityVerifier>>;
const now = new Date('2026-11-02T10:00:00Z');
const seconds = now.getTime() / 1000;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'main', alg: 'RS256' };
  jwks = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((ready) => jwks.listen(0, '127.0.0.1', ready));
  const jwksUrl = `http://127.0.0.1:${(jwks.address() as { port: number }).port}/jwks.json`;
  const settings = { header: 'cf-access-jwt-assertion', jwksUrl, issuer: 'https://sso.kestrel.example', audience: 'policy-portal', emailClaim: 'email' };
  verify = proxyIdentityVerifier(settings, undefined, () => now);
});
afterAll(() => new Promise<void>((done) => jwks.close(() => done())));

function token(claims: { iat?: number; exp?: number }): Promise<string> {
  const jwt = new SignJWT({ email: 'Jo@Kestrel.example' })
    .setProtectedHeader({ alg: 'RS256', kid: 'main' })
    .setIssuer('https://sso.kestrel.example')
    .setAudience('policy-portal');
  if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
  if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
  return jwt.sign(privateKey);
}
const check = async (claims: { iat?: number; exp?: number }) => verify(new Headers({ 'cf-access-jwt-assertion': await token(claims) }));

describe("the SSO proxy's identity token", () => {
  it('is accepted when signed by the IdP, issued now and not expired', async () => {
    expect(await check({ iat: seconds - 60, exp: seconds + 600 })).toEqual({ ok: true, identity: { email: 'jo@kestrel.example', name: undefined } });
    // A few seconds of clock difference between proxy and server are tolerated.
    expect(await check({ iat: seconds + 20, exp: seconds + 600 })).toMatchObject({ ok: true });
  });

  it('is refused without an expiry, since it would be valid forever', async () => {
    const result = await check({ iat: seconds - 60 });
    expect(result).toMatchObject({ ok: false });
    expect((result as { reason: string }).reason).toContain('exp');
  });

  it('is refused when issued in the future beyond the clock tolerance', async () => {
    const result = await check({ iat: seconds + 3600, exp: seconds + 7200 });
    expect(result).toMatchObject({ ok: false });
    expect((result as { reason: string }).reason).toContain('issued in the future');
  });

  it('is refused once expired', async () => {
    expect(await check({ iat: seconds - 7200, exp: seconds - 3600 })).toMatchObject({ ok: false });
  });
});

import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { wallClock } from '../lib/time/clock.ts';

/** The person the SSO proxy says is making the request. */
export interface Identity {
  email: string;
  name?: string;
}

export interface IdentitySettings {
  /** Header carrying the proxy's signed JWT, e.g. cf-access-jwt-assertion or x-goog-iap-jwt-assertion. */
  header: string;
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** Claim holding the email address; most proxies use "email". */
  emailClaim: string;
}

export type IdentityResult = { ok: true; identity: Identity } | { ok: false; reason: string };

/** Seconds the proxy's clock and ours may disagree by. */
const CLOCK_TOLERANCE = 30;

/**
 * Verifies the identity asserted by the SSO proxy in front of the portal: signature against the
 * IdP's published keys, issuer, audience, an expiry that must be there and not passed, and an
 * issue time (when given) that is not in the future. Anything else is anonymous and gets a 401.
 */
export function proxyIdentityVerifier(
  settings: IdentitySettings,
  keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(settings.jwksUrl)),
  clock: () => Date = wallClock,
) {
  return async (headers: Headers): Promise<IdentityResult> => {
    const raw = headers.get(settings.header);
    if (!raw) return { ok: false, reason: `no ${settings.header} header: is the portal behind the SSO proxy?` };
    const token = raw.replace(/^Bearer\s+/i, '').trim();
    try {
      const now = clock();
      const { payload } = await jwtVerify(token, keys, {
        issuer: settings.issuer,
        audience: settings.audience,
        clockTolerance: CLOCK_TOLERANCE,
        currentDate: now,
        requiredClaims: ['exp'],
      });
      // jose checks iat only against a maximum age; a token issued in the future was minted by a
      // wrong clock or made to outlive its expiry policy.
      if (typeof payload.iat === 'number' && payload.iat > now.getTime() / 1000 + CLOCK_TOLERANCE) {
        return { ok: false, reason: 'the identity token was refused: it was issued in the future (iat)' };
      }
      const email = payload[settings.emailClaim];
      if (typeof email !== 'string' || !email.includes('@')) return { ok: false, reason: `the token has no ${settings.emailClaim} claim` };
      return { ok: true, identity: { email: email.toLowerCase(), name: typeof payload.name === 'string' ? payload.name : undefined } };
    } catch (error) {
      return { ok: false, reason: `the identity token was refused: ${(error as Error).message}` };
    }
  };
}

/** Development only: every request is this person. Config refuses it in production. */
export function fixedIdentityVerifier(email: string) {
  return async (): Promise<IdentityResult> => ({ ok: true, identity: { email: email.toLowerCase() } });
}

import { randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { wallClock } from '../lib/time/clock.ts';

/**
 * What a signed link lets its holder do, for how long. Carried as a JWT signed with HS256 and
 * the server's secret: `aud` is the purpose, `sub` the subject, `jti` the nonce.
 */
export interface TokenClaims {
  /** The action, e.g. "nda", "review:approve", "download"; a token for one action is refused for another. */
  purpose: string;
  /** What it acts on, e.g. a request id. */
  subject: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** Random id; single-use tokens record it when spent. */
  nonce: string;
  /** Who the link was sent to, for reviewer links. */
  reviewer?: string;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'wrong-purpose' | 'expired' };

const key = (secret: string) => new TextEncoder().encode(secret);

/** A compact JWT for the claims, HS256-signed with the server's secret. */
export async function signToken(secret: string, claims: Omit<TokenClaims, 'nonce'> & { nonce?: string }): Promise<string> {
  const { purpose, subject, exp, nonce, reviewer } = claims;
  return new SignJWT(reviewer === undefined ? {} : { reviewer })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setAudience(purpose)
    .setSubject(subject)
    .setExpirationTime(exp)
    .setJti(nonce ?? randomBytes(16).toString('base64url'))
    .sign(key(secret));
}

/** Why jose refused a token, in the words a refusal page is chosen by. */
function reasonFor(error: unknown): Exclude<TokenCheck, { ok: true }>['reason'] {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JOSEAlgNotAllowed) return 'bad-signature';
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud' && error.reason === 'check_failed') return 'wrong-purpose';
  return 'malformed';
}

/** Checks signature, purpose and expiry, judged at `now`. */
export async function verifyToken(secret: string, token: string, purpose: string, now: Date = wallClock()): Promise<TokenCheck> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      algorithms: ['HS256'],
      audience: purpose,
      requiredClaims: ['sub', 'exp', 'jti'],
      currentDate: now,
    });
    const { sub, exp, jti, reviewer } = payload;
    if (typeof sub !== 'string' || typeof exp !== 'number' || typeof jti !== 'string') return { ok: false, reason: 'malformed' };
    return { ok: true, claims: { purpose, subject: sub, exp, nonce: jti, ...(typeof reviewer === 'string' ? { reviewer } : {}) } };
  } catch (error) {
    return { ok: false, reason: reasonFor(error) };
  }
}

/** A link to `path` on the site at `baseUrl` carrying a freshly signed token. */
export async function signedLink(secret: string, baseUrl: string, path: string, claims: Omit<TokenClaims, 'nonce'>): Promise<string> {
  return `${baseUrl.replace(/\/$/, '')}${path}?token=${encodeURIComponent(await signToken(secret, claims))}`;
}

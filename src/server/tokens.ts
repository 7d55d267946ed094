import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { wallClock } from '../lib/clock.ts';

/** What a signed link lets its holder do, for how long. */
export interface TokenClaims {
  /** The action, e.g. "approve", "deny", "download"; a token for one action is refused for another. */
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

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'wrong-purpose' | 'expired' };

const encode = (value: string | Buffer) => Buffer.from(value).toString('base64url');

function signature(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(payload).digest();
}

/** A compact `payload.signature` token, HMAC-SHA256 signed with the server's secret. */
export function signToken(secret: string, claims: Omit<TokenClaims, 'nonce'> & { nonce?: string }): string {
  const payload = encode(JSON.stringify({ ...claims, nonce: claims.nonce ?? randomBytes(16).toString('base64url') }));
  return `${payload}.${signature(secret, payload).toString('base64url')}`;
}

export function verifyToken(secret: string, token: string, purpose: string, now: Date = wallClock()): TokenCheck {
  const [payload, sig, extra] = token.split('.');
  if (!payload || !sig || extra !== undefined) return { ok: false, reason: 'malformed' };
  const given = Buffer.from(sig, 'base64url');
  const expected = signature(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  let claims: TokenClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof claims.exp !== 'number' || typeof claims.subject !== 'string' || typeof claims.nonce !== 'string') return { ok: false, reason: 'malformed' };
  if (claims.purpose !== purpose) return { ok: false, reason: 'wrong-purpose' };
  if (claims.exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

/** A link to `path` on the site at `baseUrl` carrying a freshly signed token. */
export function signedLink(secret: string, baseUrl: string, path: string, claims: Omit<TokenClaims, 'nonce'>): string {
  return `${baseUrl.replace(/\/$/, '')}${path}?token=${encodeURIComponent(signToken(secret, claims))}`;
}

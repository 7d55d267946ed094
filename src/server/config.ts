import { z } from 'zod';

/**
 * Server settings, all from the environment: secrets never live in the repository.
 * A production server refuses to start without a signing secret.
 */
const environmentSchema = z.object({
  NODE_ENV: z.string().optional(),
  CHARTER_MODE: z.enum(['production', 'development']).optional(),
  CHARTER_SECRET: z.string().min(32, { error: 'must be at least 32 characters; generate one with `openssl rand -base64 48`' }).optional(),
  CHARTER_DB: z.string().min(1).default('.charter/charter.db'),
  CHARTER_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'must be a postgres:// URL, e.g. postgres://charter@db.internal:5432/charter' })
    .optional(),
  CHARTER_DOWNLOAD_LIMIT: z.coerce.number().int().min(1).max(1000).default(10),
  CHARTER_MAIL_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  CHARTER_DOCUMENTS_DIR: z.string().min(1).optional(),
  CHARTER_PUBLIC_URL: z.url().optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: z.enum(['true', 'false']).default('false'),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().min(3).optional(),
  CHARTER_AUTH_HEADER: z.string().min(1).default('x-auth-request-jwt'),
  CHARTER_JWKS_URL: z.url().optional(),
  CHARTER_JWT_ISSUER: z.string().min(1).optional(),
  CHARTER_JWT_AUDIENCE: z.string().min(1).optional(),
  CHARTER_EMAIL_CLAIM: z.string().min(1).default('email'),
  CHARTER_DEV_IDENTITY: z.email().optional(),
  CHARTER_ROSTER: z.string().min(1).default('evidence-snapshots/roster.csv'),
});

export interface ServerConfig {
  production: boolean;
  secret: string;
  databasePath: string;
  /** PostgreSQL, shared by several instances; when unset, the SQLite file at databasePath. */
  databaseUrl?: string;
  /** How many times one download link works. */
  downloadLimit: number;
  /** How long an instance's claim on outbox mail lasts; mail claimed by an instance that died is taken over after it. */
  mailLeaseSeconds: number;
  documentsDir?: string;
  publicUrl?: string;
  smtp?: { host: string; port: number; secure: boolean; user?: string; password?: string; from: string };
  /** How the portal learns who is reading: the proxy's JWT, or a fixed person in development. */
  identity?: { kind: 'proxy'; header: string; jwksUrl: string; issuer: string; audience: string; emailClaim: string } | { kind: 'fixed'; email: string };
  /** People who must acknowledge policies: a CSV exported from the identity provider. */
  rosterPath: string;
}

export class ConfigError extends Error {}

// Development only: a fixed secret so `npm start` works out of the box; production refuses it.
const DEVELOPMENT_SECRET = 'charter-development-secret-do-not-use-in-production';

export function loadServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  const e = parsed.data;
  const production = e.CHARTER_MODE ? e.CHARTER_MODE === 'production' : e.NODE_ENV === 'production';
  if (production && !e.CHARTER_SECRET) {
    throw new ConfigError('CHARTER_SECRET is not set: a production server needs a signing secret of at least 32 characters');
  }
  if (production && e.CHARTER_DEV_IDENTITY) {
    throw new ConfigError("CHARTER_DEV_IDENTITY is set: a fixed identity is for development only; a production portal must verify the SSO proxy's token");
  }
  const proxy = [e.CHARTER_JWKS_URL, e.CHARTER_JWT_ISSUER, e.CHARTER_JWT_AUDIENCE];
  if (proxy.some(Boolean) && !proxy.every(Boolean)) {
    throw new ConfigError("set CHARTER_JWKS_URL, CHARTER_JWT_ISSUER and CHARTER_JWT_AUDIENCE together to verify the SSO proxy's token");
  }
  if (e.SMTP_HOST && !e.SMTP_FROM) throw new ConfigError('SMTP_FROM is not set: say which address mail comes from, e.g. "Trust Center <trust@example.com>"');
  return {
    production,
    secret: e.CHARTER_SECRET ?? DEVELOPMENT_SECRET,
    databasePath: e.CHARTER_DB,
    databaseUrl: e.CHARTER_DATABASE_URL,
    downloadLimit: e.CHARTER_DOWNLOAD_LIMIT,
    mailLeaseSeconds: e.CHARTER_MAIL_LEASE_SECONDS,
    documentsDir: e.CHARTER_DOCUMENTS_DIR,
    publicUrl: e.CHARTER_PUBLIC_URL,
    smtp: e.SMTP_HOST
      ? { host: e.SMTP_HOST, port: e.SMTP_PORT, secure: e.SMTP_SECURE === 'true', user: e.SMTP_USER, password: e.SMTP_PASSWORD, from: e.SMTP_FROM! }
      : undefined,
    identity: e.CHARTER_JWKS_URL
      ? {
          kind: 'proxy',
          header: e.CHARTER_AUTH_HEADER.toLowerCase(),
          jwksUrl: e.CHARTER_JWKS_URL,
          issuer: e.CHARTER_JWT_ISSUER!,
          audience: e.CHARTER_JWT_AUDIENCE!,
          emailClaim: e.CHARTER_EMAIL_CLAIM,
        }
      : e.CHARTER_DEV_IDENTITY
        ? { kind: 'fixed', email: e.CHARTER_DEV_IDENTITY }
        : undefined,
    rosterPath: e.CHARTER_ROSTER,
  };
}

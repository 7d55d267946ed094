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
  CHARTER_DOCUMENTS_DIR: z.string().min(1).optional(),
  CHARTER_PUBLIC_URL: z.url().optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: z.enum(['true', 'false']).default('false'),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().min(3).optional(),
});

export interface ServerConfig {
  production: boolean;
  secret: string;
  databasePath: string;
  documentsDir?: string;
  publicUrl?: string;
  smtp?: { host: string; port: number; secure: boolean; user?: string; password?: string; from: string };
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
  if (e.SMTP_HOST && !e.SMTP_FROM) throw new ConfigError('SMTP_FROM is not set: say which address mail comes from, e.g. "Trust Center <trust@example.com>"');
  return {
    production,
    secret: e.CHARTER_SECRET ?? DEVELOPMENT_SECRET,
    databasePath: e.CHARTER_DB,
    documentsDir: e.CHARTER_DOCUMENTS_DIR,
    publicUrl: e.CHARTER_PUBLIC_URL,
    smtp: e.SMTP_HOST
      ? { host: e.SMTP_HOST, port: e.SMTP_PORT, secure: e.SMTP_SECURE === 'true', user: e.SMTP_USER, password: e.SMTP_PASSWORD, from: e.SMTP_FROM! }
      : undefined,
  };
}

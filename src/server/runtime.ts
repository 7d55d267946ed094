import { resolveClock, wallClock } from '../lib/time/clock.ts';
import { dayOf } from '../lib/time/dates.ts';
import { AcknowledgementService, loadPortalSettings } from './acknowledgement-service.ts';
import { AcknowledgementStore, acknowledgementsMigration } from './acknowledgement-store.ts';
import { fixedIdentityVerifier, proxyIdentityVerifier, type IdentityResult } from './identity.ts';
import { auditLogMigration } from './audit-log.ts';
import { loadServerConfig, type ServerConfig } from './config.ts';
import { smtpMailer, type Mailer } from './mailer.ts';
import { ReportRequestStore, reportRequestsMigration } from './report-requests.ts';
import { ReportService } from './report-service.ts';
import { loadTrustSettings } from './settings.ts';
import { openDatabase, type Migration } from './sqlite.ts';
import { SubscriptionService } from './subscription-service.ts';
import { SubscriptionStore, subscriptionsMigration } from './subscriptions.ts';
import { loadNews } from './news.ts';
import type { NewsItem } from './subscription-service.ts';

/** Every feature's schema changes, applied in id order when the database opens. */
export const migrations: Migration[] = [auditLogMigration, reportRequestsMigration, acknowledgementsMigration, subscriptionsMigration];

/** Mail is optional in development: without SMTP settings, messages are printed instead of sent. */
function mailerFor(config: ServerConfig): Mailer {
  if (config.smtp) return smtpMailer(config.smtp);
  if (config.production) throw new Error('SMTP_HOST is not set: a production server must be able to send mail');
  return {
    async send(message) {
      console.log(`[mail not sent: no SMTP_HOST] to ${message.to}: ${message.subject}\n${message.text}`);
    },
    close() {},
  };
}

export interface PortalRuntime {
  config: ServerConfig;
  acknowledgements: AcknowledgementService;
  store: AcknowledgementStore;
  verifyIdentity: (headers: Headers) => Promise<IdentityResult>;
  close(): void;
}

/**
 * Opens the store, the current policies and the roster, and the identity check, once per
 * process. `clock` records when things happen: the wall clock in servers, the process clock in
 * the CLI. Due dates are judged as the pages judge them: CHARTER_NOW, SOURCE_DATE_EPOCH or
 * the content's asOf when set, else that clock.
 */
export async function openPortalRuntime(root: string, env: NodeJS.ProcessEnv = process.env, clock: () => Date = wallClock): Promise<PortalRuntime> {
  const config = loadServerConfig(env);
  const settings = await loadPortalSettings(root, config.rosterPath);
  const db = openDatabase(config.databasePath, migrations);
  const store = new AcknowledgementStore(db, clock);
  const mailer = mailerFor(config);
  const identity = config.identity;
  const verifyIdentity =
    identity?.kind === 'proxy'
      ? proxyIdentityVerifier(identity)
      : identity?.kind === 'fixed'
        ? fixedIdentityVerifier(identity.email)
        : async (): Promise<IdentityResult> => ({
            ok: false,
            reason: 'no identity provider is configured: set CHARTER_JWKS_URL, CHARTER_JWT_ISSUER and CHARTER_JWT_AUDIENCE',
          });
  return {
    config,
    store,
    acknowledgements: new AcknowledgementService(settings, store, mailer, () => dayOf(resolveClock(env, settings.asOf, clock).now)),
    verifyIdentity,
    close() {
      mailer.close();
      db.close();
    },
  };
}

export interface TrustRuntime {
  config: ServerConfig;
  store: ReportRequestStore;
  service: ReportService;
  subscriptions: SubscriptionService;
  /** What subscribers hear about, read from the content and its git history. */
  news(): Promise<NewsItem[]>;
  close(): void;
}

/** Opens the store and reads the settings once per process; endpoints share it. The clock is as for the portal. */
export async function openTrustRuntime(root: string, env: NodeJS.ProcessEnv = process.env, clock: () => Date = wallClock): Promise<TrustRuntime> {
  const config = loadServerConfig(env);
  const settings = await loadTrustSettings(root, config);
  const db = openDatabase(config.databasePath, migrations);
  const store = new ReportRequestStore(db, clock);
  const mailer = mailerFor(config);
  return {
    config,
    store,
    service: new ReportService(settings, store, mailer, config.secret, clock),
    subscriptions: new SubscriptionService(
      new SubscriptionStore(db, clock),
      mailer,
      config.secret,
      { organisation: settings.organisation, baseUrl: settings.baseUrl },
      clock,
    ),
    news: () => loadNews(root, settings.baseUrl),
    close() {
      mailer.close();
      db.close();
    },
  };
}

import { resolveClock, wallClock } from '../lib/time/clock.ts';
import { dayOf } from '../lib/time/dates.ts';
import { AcknowledgementService, loadPortalSettings } from './acknowledgement-service.ts';
import { AcknowledgementStore } from './acknowledgement-store.ts';
import { fixedIdentityVerifier, proxyIdentityVerifier, type IdentityResult } from './identity.ts';
import { loadServerConfig, type ServerConfig } from './config.ts';
import { smtpMailer, type Mailer } from './mailer.ts';
import { Outbox } from './outbox.ts';
import { ReportRequestStore } from './report-requests.ts';
import { ReportService } from './report-service.ts';
import { loadTrustSettings } from './settings.ts';
import { openStore, type Store } from './store/database.ts';
import { SubscriptionService } from './subscription-service.ts';
import { SubscriptionStore } from './subscriptions.ts';
import { loadNews } from './news.ts';
import type { NewsItem } from './subscription-service.ts';

/**
 * How a runtime delivers the mail its changes queue: a server runs the outbox worker in the
 * background; a CLI command delivers what is due once, when it closes.
 */
export interface RuntimeOptions {
  delivery?: 'background' | 'on-close' | 'none';
}

/** The store the configuration names: PostgreSQL for CHARTER_DATABASE_URL, else the SQLite file. */
export function openConfiguredStore(config: ServerConfig): Promise<Store> {
  return openStore({ url: config.databaseUrl, path: config.databasePath });
}

/** The outbox and its worker over the SMTP (or development) mailer. */
function startOutbox(store: Store, config: ServerConfig, clock: () => Date, options: RuntimeOptions): { outbox: Outbox; close(): Promise<void> } {
  const smtp = mailerFor(config);
  const outbox = new Outbox(store, smtp, { clock, leaseSeconds: config.mailLeaseSeconds });
  if (options.delivery === 'background') outbox.start();
  return {
    outbox,
    async close() {
      await outbox.stop();
      if (options.delivery === 'on-close') await outbox.deliverDue();
      smtp.close();
    },
  };
}

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
  outbox: Outbox;
  verifyIdentity: (headers: Headers) => Promise<IdentityResult>;
  close(): Promise<void>;
}

/**
 * Opens the store, the current policies and the roster, and the identity check, once per
 * process. `clock` records when things happen: the wall clock in servers, the process clock in
 * the CLI. Due dates are judged as the pages judge them: CHARTER_NOW, SOURCE_DATE_EPOCH or
 * the content's asOf when set, else that clock.
 */
export async function openPortalRuntime(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  clock: () => Date = wallClock,
  options: RuntimeOptions = { delivery: 'on-close' },
): Promise<PortalRuntime> {
  const config = loadServerConfig(env);
  const settings = await loadPortalSettings(root, config.rosterPath);
  const db = await openConfiguredStore(config);
  const store = new AcknowledgementStore(db, clock);
  const delivery = startOutbox(db, config, clock, options);
  const mailer = delivery.outbox.mailerThroughOutbox;
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
    outbox: delivery.outbox,
    acknowledgements: new AcknowledgementService(settings, store, mailer, () => dayOf(resolveClock(env, settings.asOf, clock).now)),
    verifyIdentity,
    async close() {
      await delivery.close();
      await db.close();
    },
  };
}

export interface TrustRuntime {
  config: ServerConfig;
  store: ReportRequestStore;
  service: ReportService;
  subscriptions: SubscriptionService;
  outbox: Outbox;
  /** What subscribers hear about, read from the content and its git history. */
  news(): Promise<NewsItem[]>;
  close(): Promise<void>;
}

/** Opens the store and reads the settings once per process; endpoints share it. The clock is as for the portal. */
export async function openTrustRuntime(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  clock: () => Date = wallClock,
  options: RuntimeOptions = { delivery: 'on-close' },
): Promise<TrustRuntime> {
  const config = loadServerConfig(env);
  const settings = await loadTrustSettings(root, config);
  const db = await openConfiguredStore(config);
  const store = new ReportRequestStore(db, clock);
  const delivery = startOutbox(db, config, clock, options);
  const mailer = delivery.outbox.mailerThroughOutbox;
  return {
    config,
    store,
    outbox: delivery.outbox,
    service: new ReportService(settings, store, mailer, config.secret, clock, { downloadLimit: config.downloadLimit }),
    subscriptions: new SubscriptionService(
      new SubscriptionStore(db, clock),
      mailer,
      config.secret,
      { organisation: settings.organisation, baseUrl: settings.baseUrl },
      clock,
    ),
    news: () => loadNews(root, settings.baseUrl),
    async close() {
      await delivery.close();
      await db.close();
    },
  };
}

import { z } from 'zod';
import { formatDate } from '../lib/time/dates.ts';
import { escapeHtml } from './html.ts';
import type { Mailer } from './mailer.ts';
import { RateLimiter } from './rate-limit.ts';
import { subscriptionTopics, type Subscriber, type SubscriptionStore, type SubscriptionTopic } from './subscriptions.ts';
import { signedLink, verifyToken } from './tokens.ts';
import { wallClock } from '../lib/time/clock.ts';

/** Something subscribers of a topic hear about once. */
export interface NewsItem {
  /** Stable id, e.g. update:openssl-2025-09 or subprocessor:added:Snowflake:2026-03-18. */
  id: string;
  topic: SubscriptionTopic;
  /** YYYY-MM-DD or ISO time of publication. */
  date: string;
  title: string;
  summary: string;
  url: string;
}

const signUpSchema = z.object({
  email: z.email({ error: 'Enter a valid email address.' }).trim().toLowerCase().max(254, { error: 'That email address is too long.' }),
  topics: z.array(z.enum(subscriptionTopics)).min(1, { error: 'Choose at least one kind of news.' }),
  website: z.string().max(0).optional().default(''),
});

const YEAR = 365 * 86_400;

/** Double opt-in email subscriptions to security updates and sub-processor changes. */
export class SubscriptionService {
  private readonly store: SubscriptionStore;
  private readonly mailer: Mailer;
  private readonly secret: string;
  private readonly settings: { organisation: string; baseUrl: string };
  private readonly clock: () => Date;
  private readonly perIp: RateLimiter;

  constructor(store: SubscriptionStore, mailer: Mailer, secret: string, settings: { organisation: string; baseUrl: string }, clock: () => Date = wallClock) {
    this.store = store;
    this.mailer = mailer;
    this.secret = secret;
    this.settings = settings;
    this.clock = clock;
    this.perIp = new RateLimiter(store.store, 'subscribe-ip', 20, 60 * 60_000, clock);
  }

  private link(path: string, purpose: string, subject: string, seconds: number): Promise<string> {
    return signedLink(this.secret, this.settings.baseUrl, path, { purpose, subject, exp: Math.floor(this.clock().getTime() / 1000) + seconds });
  }

  /**
   * Starts a subscription and mails a confirmation link. The answer is the same whether or not
   * the address was known, so the form reveals nothing about who subscribes.
   */
  async signUp(
    input: { email?: unknown; topics?: unknown; website?: unknown },
    ip: string,
  ): Promise<{ ok: true } | { ok: false; status: 422 | 429; message: string }> {
    const parsed = signUpSchema.safeParse(input);
    if (!parsed.success) return { ok: false, status: 422, message: parsed.error.issues[0]!.message };
    if (!(await this.perIp.allow(ip))) return { ok: false, status: 429, message: 'Too many sign-ups from your network; try again in an hour.' };
    const subscriber = await this.store.request(parsed.data.email, parsed.data.topics);
    if (subscriber.confirmedAt) return { ok: true };
    const confirm = await this.link('/subscribe/confirm/', 'subscribe:confirm', subscriber.id, 7 * 86_400);
    await this.mailer.send({
      to: subscriber.email,
      subject: `Confirm your subscription to ${this.settings.organisation} trust center news`,
      text: `Confirm that you want ${this.topicWords(subscriber.topics)} from the ${this.settings.organisation} trust center:\n${confirm}\n\nIf you did not ask for this, ignore this message; nothing will be sent.\n`,
      html: `<p>Confirm that you want ${escapeHtml(this.topicWords(subscriber.topics))} from the ${escapeHtml(this.settings.organisation)} trust center.</p><p><a href="${escapeHtml(confirm)}">Confirm my subscription</a></p><p>If you did not ask for this, ignore this message; nothing will be sent.</p>`,
    });
    return { ok: true };
  }

  /** Confirms or cancels from a signed link; undefined when the link is not valid. */
  async act(token: string, action: 'confirm' | 'cancel'): Promise<Subscriber | undefined> {
    const check = await verifyToken(this.secret, token, `subscribe:${action}`, this.clock());
    if (!check.ok) return undefined;
    return action === 'confirm' ? this.store.confirm(check.claims.subject) : this.store.unsubscribe(check.claims.subject);
  }

  /** Mails each active subscriber one digest of the items they have not had, published since they confirmed. */
  async notify(items: readonly NewsItem[]): Promise<{ mailed: number; items: number }> {
    let mailed = 0;
    let delivered = 0;
    for (const subscriber of await this.store.active()) {
      const relevant = items.filter((item) => subscriber.topics.includes(item.topic) && item.date.slice(0, 10) >= subscriber.confirmedAt!.slice(0, 10));
      const fresh = new Set(
        await this.store.claimDeliveries(
          subscriber.id,
          relevant.map((i) => i.id),
        ),
      );
      const news = relevant.filter((i) => fresh.has(i.id));
      if (news.length === 0) continue;
      const cancel = await this.link('/subscribe/cancel/', 'subscribe:cancel', subscriber.id, 10 * YEAR);
      await this.mailer.send({
        to: subscriber.email,
        subject: news.length === 1 ? `${this.settings.organisation}: ${news[0]!.title}` : `${this.settings.organisation}: ${news.length} trust center updates`,
        text: `${news.map((n) => `${n.title} (${formatDate(n.date.slice(0, 10))})\n${n.summary}\n${n.url}`).join('\n\n')}\n\nUnsubscribe: ${cancel}\n`,
        html: `${news.map((n) => `<h3><a href="${escapeHtml(n.url)}">${escapeHtml(n.title)}</a></h3><p><small>${escapeHtml(formatDate(n.date.slice(0, 10)))}</small></p><p>${escapeHtml(n.summary)}</p>`).join('')}<p><small><a href="${escapeHtml(cancel)}">Unsubscribe</a></small></p>`,
        headers: { 'List-Unsubscribe': `<${cancel}>` },
      });
      mailed++;
      delivered += news.length;
    }
    return { mailed, items: delivered };
  }

  private topicWords(topics: SubscriptionTopic[]): string {
    const words = { updates: 'security updates', subprocessors: 'sub-processor changes' } as const;
    return topics.map((t) => words[t]).join(' and ');
  }
}

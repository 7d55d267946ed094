import { lockRateLimitKey, type Store } from './store/database.ts';
import { wallClock } from '../lib/time/clock.ts';

/**
 * A sliding-window counter per key (an IP address, an email), kept in the store, so every server
 * instance shares one limit: three instances do not triple it. Counting and recording a hit are
 * one transaction, serialised per key.
 */
export class RateLimiter {
  private readonly store: Store;
  private readonly name: string;
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly clock: () => Date;
  private hitsSincePrune = 0;

  constructor(store: Store, name: string, limit: number, windowMs: number, clock: () => Date = wallClock) {
    this.store = store;
    this.name = name;
    this.limit = limit;
    this.windowMs = windowMs;
    this.clock = clock;
  }

  /** Counts a hit; false when the key is over its limit for the window (the refused hit is not counted). */
  async allow(key: string): Promise<boolean> {
    const now = this.clock();
    const since = new Date(now.getTime() - this.windowMs).toISOString();
    const scoped = `${this.name}:${key}`;
    const allowed = await this.store.transaction(async (tx) => {
      await lockRateLimitKey(tx, scoped);
      const { count } = await tx.db
        .selectFrom('rate_limit_hits')
        .select((eb) => eb.fn.countAll<string | number>().as('count'))
        .where('key', '=', scoped)
        .where('at', '>', since)
        .executeTakeFirstOrThrow();
      if (Number(count) >= this.limit) return false;
      await tx.db.insertInto('rate_limit_hits').values({ key: scoped, at: now.toISOString() }).execute();
      return true;
    });
    if (++this.hitsSincePrune >= 1000) {
      this.hitsSincePrune = 0;
      // Hits older than a day count against no window in use; drop them.
      await this.store.db
        .deleteFrom('rate_limit_hits')
        .where('at', '<', new Date(now.getTime() - Math.max(this.windowMs, 86_400_000)).toISOString())
        .execute();
    }
    return allowed;
  }
}

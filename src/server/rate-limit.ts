/**
 * A sliding-window counter per key (an IP address, an email). In memory: each server instance
 * limits on its own, which is enough to stop a script hammering one instance.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  private readonly limit: number;
  private readonly windowMs: number;
  private readonly clock: () => number;

  constructor(limit: number, windowMs: number, clock: () => number = Date.now) {
    this.limit = limit;
    this.windowMs = windowMs;
    this.clock = clock;
  }

  /** Counts a hit; false when the key is over its limit for the window. */
  allow(key: string): boolean {
    const now = this.clock();
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 50_000) this.prune(now);
    return true;
  }

  private prune(now: number): void {
    for (const [key, times] of this.hits) if (!times.some((t) => t > now - this.windowMs)) this.hits.delete(key);
  }
}

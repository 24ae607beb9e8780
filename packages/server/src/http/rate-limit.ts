import type { RateLimit } from '../config';
import { HttpError } from './respond';

interface Bucket {
  tokens: number;
  at: number;
}

/** A token bucket per key: `take(key)` spends one token or says how long until the next one. */
export interface Limiter {
  /** `0` when allowed, otherwise the seconds to wait (for `Retry-After`). */
  take(key: string, now?: number): number;
}

/**
 * Token buckets keyed by IP or site. Idle full buckets are swept so the map stays bounded by the
 * number of recently active clients.
 *
 * @example
 * const limiter = createLimiter({ burst: 20, perSecond: 10 });
 * limiter.take('203.0.113.7'); // 0 until the burst is spent
 */
export function createLimiter(limit: RateLimit): Limiter {
  const buckets = new Map<string, Bucket>();
  let lastSweep = 0;
  const fullAfterMs = (limit.burst / limit.perSecond) * 1000;
  return {
    take(key, now = Date.now()) {
      if (now - lastSweep > 60_000) {
        lastSweep = now;
        for (const [k, b] of buckets) if (now - b.at > fullAfterMs) buckets.delete(k);
      }
      let b = buckets.get(key);
      if (!b) buckets.set(key, (b = { tokens: limit.burst, at: now }));
      else {
        b.tokens = Math.min(limit.burst, b.tokens + ((now - b.at) / 1000) * limit.perSecond);
        b.at = now;
      }
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - b.tokens) / limit.perSecond));
    },
  };
}

/** Per-IP and per-site limits of one app; each throws `429` with `Retry-After`. */
export interface Limits {
  checkIp(ip: string): void;
  checkSite(site: string): void;
}

/** Build both limiters; an `undefined` limit never refuses. */
export function createLimits(perIp: RateLimit | undefined, perSite: RateLimit | undefined): Limits {
  const ip = perIp && createLimiter(perIp);
  const site = perSite && createLimiter(perSite);
  const refuse = (what: string, wait: number) =>
    new HttpError(429, `Too many requests from this ${what}; retry after ${wait} s.`, undefined, { 'retry-after': String(wait) });
  return {
    checkIp(key) {
      const wait = ip?.take(key) ?? 0;
      if (wait) throw refuse('address', wait);
    },
    checkSite(key) {
      const wait = site?.take(key) ?? 0;
      if (wait) throw refuse('site', wait);
    },
  };
}

import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, backoff, parseRetryAfter, RETRY_AFTER_CAP_MS } from './backoff';

describe('backoff', () => {
  it('grows exponentially up to the cap, with full jitter below it', () => {
    const top = (attempt: number) => backoff(attempt, () => 0.999999);
    expect(top(0)).toBe(999);
    expect(top(3)).toBe(7999);
    expect(top(30)).toBe(BACKOFF_CAP_MS - 1);
    expect(backoff(5, () => 0)).toBe(0);
    expect(backoff(2, () => 0.5)).toBe(2000);
  });

  it('spreads retries of many clients (jitter is really random)', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoff(6)));
    expect(delays.size).toBeGreaterThan(40);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
  });
  it('ignores missing or unreadable values and caps absurd ones', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('999999999', now)).toBe(RETRY_AFTER_CAP_MS);
  });
});

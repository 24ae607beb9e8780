/**
 * Retry timing: exponential backoff with full jitter (a random delay between 0 and the
 * exponential cap, so many browsers recovering at once do not hit the server in waves), and
 * the server's own `Retry-After` when it sends one with 429 or 503.
 */

/** First retry waits up to this long. */
export const BACKOFF_BASE_MS = 1000;
/** No retry waits longer than this. */
export const BACKOFF_CAP_MS = 5 * 60_000;
/** A `Retry-After` beyond this is treated as this (a misconfigured server must not park events for days). */
export const RETRY_AFTER_CAP_MS = 60 * 60_000;

/**
 * Delay before retry number `attempt` (0-based): uniform in [0, min(cap, base·2^attempt)).
 * @example backoff(3) // somewhere in [0, 8000) ms
 */
export function backoff(attempt: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));
}

/**
 * Parses a `Retry-After` header (delay in seconds, or an HTTP date) into milliseconds from
 * `now`; undefined when absent or unreadable.
 * @example parseRetryAfter('120', Date.now()) // 120000
 */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return;
  const text = header.trim();
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : /[a-z]/i.test(text) ? Date.parse(text) - now : NaN;
  if (!Number.isFinite(ms)) return;
  return Math.min(Math.max(0, ms), RETRY_AFTER_CAP_MS);
}

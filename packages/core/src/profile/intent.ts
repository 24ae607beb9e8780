import type { Profile, SessionIntent } from './types';

/** Sessions end after 30 minutes without events (as capture defines them). */
export const SESSION_IDLE_MS = 30 * 60_000;

/**
 * Purchase intent of the current session: `ready_to_buy` with a cart or checkout under way,
 * `comparing` after three or more looks within one category, otherwise `browsing`;
 * `none` when there is no live session.
 *
 * @example
 * intentOf(profile, Date.now()); // 'comparing'
 */
export function intentOf(p: Profile, now: number): SessionIntent {
  const s = p.session;
  if (!s || now - s.last > SESSION_IDLE_MS) return 'none';
  if (s.checkout || s.cart > 0) return 'ready_to_buy';
  if (s.viewed.length >= 2) {
    for (const key in s.categories) if (s.categories[key]! >= 3) return 'comparing';
  }
  return 'browsing';
}

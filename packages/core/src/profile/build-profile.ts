import type { AffinityEvent } from '../types';
import { applyEvent } from './apply-event';
import { deriveProfile } from './derive-profile';
import { emptyProfile } from './empty-profile';
import { resolveProfileOptions, type ProfileOptions } from './options';
import type { Profile } from './types';

/**
 * Build a profile from an event log (any order; applied oldest first, ties by id). Pure: the
 * same events, options and `now` give the same profile.
 *
 * @example
 * const profile = buildProfile(await affinity.events(), { halfLifeDays: 30 });
 * profile.tags.favouriteCategories; // ['Shoes', 'Shoes > Running', 'Apparel']
 */
export function buildProfile(events: readonly AffinityEvent[], options: ProfileOptions = {}): Profile {
  const o = resolveProfileOptions(options);
  const p = emptyProfile(o.halfLifeDays);
  // A log is usually stored in order already: checking is one pass, sorting ~n·log n calls.
  const sorted = inOrder(events) ? events : events.slice().sort(byTimeThenId);
  for (const e of sorted) applyEvent(p, e, o);
  return deriveProfile(p, o.now(), o);
}

function byTimeThenId(a: AffinityEvent, b: AffinityEvent): number {
  return a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function inOrder(events: readonly AffinityEvent[]): boolean {
  for (let i = 1; i < events.length; i++) {
    const a = events[i - 1];
    const b = events[i];
    // Anything odd (holes, non-events) takes the sorting path, which behaves as before.
    if (!a || !b || !(byTimeThenId(a, b) <= 0)) return false;
  }
  return true;
}

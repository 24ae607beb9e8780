import { topAffinities } from './affinities';
import type { Profile } from './types';

/**
 * Favourite categories and brands, kept up to date per event instead of re-sorting every key.
 * Decay scales every score of a profile by the same factor, so the order of two keys only
 * changes when one of them is bumped: comparing `ln(s) + at·ln2/halfLife` is enough.
 * Profiles not yet tracked here (just loaded or built) and profiles where a favourite lost
 * score are recomputed in full once.
 */
const tracked = new WeakSet<Profile>();
const LIMIT = 3;

/** Record that `key` of `kind` was bumped (up or down) by an event. */
export function noteBump(p: Profile, kind: 'category' | 'brand', key: string, weight: number): void {
  if (!tracked.has(p)) return;
  const list = kind === 'category' ? p.tags.favouriteCategories : p.tags.favouriteBrands;
  const at = list.indexOf(key);
  if (weight < 0) {
    // A favourite that lost ground may fall behind a key we do not track: start over.
    if (at >= 0) tracked.delete(p);
    return;
  }
  if (at >= 0) list.splice(at, 1);
  const score = rankScore(p, kind, key);
  let i = list.length;
  while (i > 0 && better(score, key, rankScore(p, kind, list[i - 1]!), list[i - 1]!)) i--;
  if (i < LIMIT) list.splice(i, 0, key);
  if (list.length > LIMIT) list.length = LIMIT;
}

/**
 * Current favourites at `now`, recomputing them in full when needed.
 *
 * @example
 * favouritesOf(profile, Date.now()).categories; // ['Shoes', 'Shoes > Running', 'Bags']
 */
export function favouritesOf(p: Profile, now: number): { categories: string[]; brands: string[] } {
  if (!tracked.has(p)) {
    p.tags.favouriteCategories = topAffinities(p, 'category', now, LIMIT).map((x) => x[0]);
    p.tags.favouriteBrands = topAffinities(p, 'brand', now, LIMIT).map((x) => x[0]);
    tracked.add(p);
  }
  return { categories: p.tags.favouriteCategories, brands: p.tags.favouriteBrands };
}

function rankScore(p: Profile, kind: 'category' | 'brand', key: string): number {
  const e = p.affinities[kind][key];
  return e && e.s > 0 ? Math.log(e.s) + (e.at * Math.LN2) / (p.halfLifeDays * 86_400_000) : -Infinity;
}

function better(s: number, key: string, s2: number, key2: string): boolean {
  return s > s2 || (s === s2 && key < key2);
}

import { decayed } from './decay';
import { DAY_MS } from './options';
import type { AffinityKind, Profile } from './types';

/**
 * The decayed score of one affinity key at `now` (0 when unknown).
 *
 * @example
 * affinityScore(profile, 'brand', 'Nike', Date.now()); // 3.7
 */
export function affinityScore(p: Profile, kind: AffinityKind, key: string, now: number): number {
  const e = p.affinities[kind][key];
  return e ? decayed(e.s, e.at, now, p.halfLifeDays * DAY_MS) : 0;
}

/**
 * Affinity keys of one kind with their decayed scores at `now`, strongest first (ties by key,
 * so the order is deterministic).
 *
 * @example
 * topAffinities(profile, 'category', Date.now(), 3); // [['Shoes', 5.2], ['Shoes > Running', 4.1], …]
 */
export function topAffinities(p: Profile, kind: AffinityKind, now: number, limit = Infinity): Array<[string, number]> {
  const hl = p.halfLifeDays * DAY_MS;
  const out: Array<[string, number]> = [];
  const map = p.affinities[kind];
  for (const key in map) {
    const e = map[key]!;
    const s = decayed(e.s, e.at, now, hl);
    if (s <= 1e-9) continue;
    if (out.length >= limit) {
      // Small limits (favourites) keep a short sorted list instead of sorting every key.
      const last = out[out.length - 1]!;
      if (!before(s, key, last[1], last[0])) continue;
      out.pop();
    }
    let i = out.length;
    out.push([key, s]);
    if (limit === Infinity) continue;
    while (i > 0 && before(s, key, out[i - 1]![1], out[i - 1]![0])) (out[i] = out[i - 1]!), i--;
    out[i] = [key, s];
  }
  if (limit === Infinity) out.sort((a, b) => (before(a[1], a[0], b[1], b[0]) ? -1 : 1));
  return out;
}

/** Higher score first, then key order, so equal scores come out the same every time. */
function before(s: number, key: string, s2: number, key2: string): boolean {
  return s > s2 || (s === s2 && key < key2);
}

/**
 * Every key of one kind scaled so the strongest is 1 (no sorting).
 *
 * @example
 * scaledAffinities(profile, 'brand', Date.now()); // { Nike: 1, Asics: 0.4 }
 */
export function scaledAffinities(p: Profile, kind: AffinityKind, now: number): Record<string, number> {
  const hl = p.halfLifeDays * DAY_MS;
  const map = p.affinities[kind];
  const out: Record<string, number> = {};
  let max = 0;
  for (const key in map) {
    const s = decayed(map[key]!.s, map[key]!.at, now, hl);
    if (s <= 1e-9) continue;
    out[key] = s;
    if (s > max) max = s;
  }
  for (const key in out) out[key]! /= max;
  return out;
}

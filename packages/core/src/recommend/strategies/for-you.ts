import { topAffinities } from '../../profile/affinities';
import { CATEGORY_SEPARATOR } from '../../profile/apply-event';
import { priceBand, priceBandLabel } from '../../profile/price-band';
import type { Profile } from '../../profile/types';
import type { Product } from '../../types';
import { topN } from '../candidates';
import type { RecommendCandidate, RecommendStrategyFn } from '../types';
import { neighboursOf } from './co-occurrence';

/** The part of a profile `for-you` reads — a thin adapter so the profile can evolve freely. */
export interface Tastes {
  category: Map<string, number>;
  brand: Map<string, number>;
  tag: Map<string, number>;
  price: Map<string, number>;
  /** Items the shopper engaged with, most recent first, with how often they were bought. */
  items: { id: string; bought: number; last: number }[];
  /** 0 premium seeker … 1 bargain hunter. */
  bargain: number;
}

/**
 * Reads a {@link Profile} into {@link Tastes}: affinities scaled so each kind's best is 1.
 *
 * @example tastesOf(profile, Date.now()).category.get('Shoes > Running') // 0.8
 */
export function tastesOf(profile: Profile, now: number): Tastes {
  const kind = (k: 'category' | 'brand' | 'tag' | 'price') => {
    const top = topAffinities(profile, k, now, 50);
    const max = top[0]?.[1] ?? 1;
    return new Map(top.map(([key, s]) => [key, s / max]));
  };
  const items = Object.entries(profile.items)
    .map(([id, h]) => ({ id, bought: h.bought, last: h.last }))
    .sort((a, b) => b.last - a.last || (a.id < b.id ? -1 : 1));
  return {
    category: kind('category'),
    brand: kind('brand'),
    tag: kind('tag'),
    price: kind('price'),
    items,
    bargain: profile.tags?.priceSensitivityScore ?? 0.5,
  };
}

// The profile's category keys of a product ('A', 'A > B', …), cached: for-you scans the catalog.
const keyCache = new WeakMap<Product, string[]>();
function categoryKeys(p: Product): string[] {
  let keys = keyCache.get(p);
  if (!keys) {
    const path = p.category ?? [];
    keyCache.set(p, (keys = path.map((_, d) => path.slice(0, d + 1).join(CATEGORY_SEPARATOR))));
  }
  return keys;
}

/**
 * How well a product matches the tastes, in [0, 1.15]; cheap enough to run over a whole catalog.
 *
 * @example tasteScore(tastesOf(profile, Date.now()), product) // 0.62
 */
export function tasteScore(t: Tastes, p: Product): number {
  const keys = categoryKeys(p);
  let cat = 0;
  for (let d = keys.length - 1; d >= 0 && cat === 0; d--) cat = t.category.get(keys[d]!) ?? 0;
  let score = 0.5 * cat + (p.brand ? 0.25 * (t.brand.get(p.brand) ?? 0) : 0);
  if (p.tags) {
    let tag = 0;
    for (const x of p.tags) tag = Math.max(tag, t.tag.get(x) ?? 0);
    score += 0.15 * tag;
  }
  if (score === 0) return 0; // a price band alone would match half the catalog
  if (p.price !== undefined) score += 0.1 * (t.price.get(priceBandLabel(priceBand(p.price))) ?? 0);
  if (onSale(p) && t.bargain > 0.6) score *= 1.15;
  return score;
}

/**
 * The strongest reason a product matches the tastes.
 *
 * @example tasteReason(tastes, shoe) // 'Because you like Running'
 */
export function tasteReason(t: Tastes, p: Product): string {
  const keys = categoryKeys(p);
  let cat = 0;
  for (let d = keys.length - 1; d >= 0 && cat === 0; d--) cat = t.category.get(keys[d]!) ?? 0;
  const brand = p.brand ? (t.brand.get(p.brand) ?? 0) : 0;
  const leaf = p.category?.[p.category.length - 1];
  const reason = 0.5 * cat >= 0.25 * brand && leaf ? `Because you like ${leaf}` : brand > 0 ? `Because you like ${p.brand}` : 'Matches what you like';
  return onSale(p) && t.bargain > 0.6 ? `On sale — ${reason.charAt(0).toLowerCase()}${reason.slice(1)}` : reason;
}

function onSale(p: Product): boolean {
  return p.listPrice !== undefined && p.price !== undefined && p.listPrice > p.price;
}

/**
 * `for-you`: the profile applied to the catalog (category, brand, tag and price-band affinities,
 * a nudge to discounts for bargain hunters), blended 50/50 with the co-occurrence neighbours of
 * the shopper's recent items, plus "buy again" for repeatable products bought before.
 *
 * @example forYou({ catalog, model, profile }, 8)[0].reason // 'Because you like Running'
 */
export const forYou: RecommendStrategyFn = (ctx, want) => {
  const now = ctx.now ?? Date.now();
  const tastes = ctx.profile ? tastesOf(ctx.profile, now) : undefined;
  const recent = [...new Set([...(ctx.viewed ?? []).slice().reverse(), ...(tastes?.items.map((i) => i.id) ?? [])])].slice(0, 5);
  const seedWeights = recent.map((id, i): [string, number] => [id, 1 / (i + 1)]);
  const co = neighboursOf(ctx, ctx.model?.alsoViewed, seedWeights, (name) => `Because you viewed ${name}`);
  const bt = neighboursOf(ctx, ctx.model?.boughtTogether, seedWeights, (name) => `Goes with ${name}`);
  const acc = new Map<string, RecommendCandidate>();
  const add = (c: RecommendCandidate, weight: number) => {
    const had = acc.get(c.id);
    if (!had) acc.set(c.id, { ...c, score: c.score * weight });
    else {
      if (c.score * weight > had.score) had.reason = c.reason;
      had.score += c.score * weight;
    }
  };
  for (const c of co) add(c, 0.3);
  for (const c of bt) add(c, 0.2);
  if (tastes && ctx.catalog) {
    const matches: { id: string; score: number; p: Product }[] = [];
    for (const p of ctx.catalog.all()) {
      const score = tasteScore(tastes, p);
      if (score > 0) matches.push({ id: p.id, score, p });
    }
    for (const m of topN(matches, want * 6)) add({ id: m.id, score: m.score, reason: tasteReason(tastes, m.p) }, 0.5);
    for (const item of tastes.items) {
      if (item.bought > 0 && ctx.catalog.get(item.id)?.repeatable) add({ id: item.id, score: 1, reason: 'Buy again' }, 0.3);
    }
  }
  return topN(acc.values(), want * 3);
};

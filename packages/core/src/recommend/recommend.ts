import { diversifyCandidates } from './diversity';
import { makeFilter } from './exclusions';
import { alsoViewed, boughtTogether, cartComplement } from './strategies/co-occurrence';
import { embedding } from './strategies/embedding';
import { forYou } from './strategies/for-you';
import { makeHybrid } from './strategies/hybrid';
import { next } from './strategies/next';
import { popular, trending } from './strategies/popular';
import { recentlyViewed } from './strategies/recently-viewed';
import { related } from './strategies/related';
import { similarShoppers } from './strategies/similar-shoppers';
import { STRATEGIES, type Recommendation, type RecommendContext, type RecommendStrategyFn, type StrategyName } from './types';

const base: Partial<Record<StrategyName, RecommendStrategyFn>> = {
  related,
  'also-viewed': alsoViewed,
  'bought-together': boughtTogether,
  'cart-complement': cartComplement,
  next,
  trending,
  popular,
  'recently-viewed': recentlyViewed,
  'for-you': forYou,
  embedding,
  'similar-shoppers': similarShoppers,
};
const table = { ...base, hybrid: makeHybrid(base) } as Record<StrategyName, RecommendStrategyFn>;

/**
 * What fills a widget when a strategy has too few results, in order. `recently-viewed` has none
 * on purpose: padding "you viewed" with things the shopper never saw would be a lie.
 */
export const FALLBACKS: Record<StrategyName, StrategyName[]> = {
  related: ['also-viewed', 'popular'],
  'also-viewed': ['related', 'popular'],
  'bought-together': ['related', 'popular'],
  'cart-complement': ['bought-together', 'related', 'popular'],
  next: ['also-viewed', 'related', 'trending', 'popular'],
  trending: ['popular'],
  popular: [],
  'recently-viewed': [],
  'for-you': ['trending', 'popular'],
  embedding: ['also-viewed', 'related', 'popular'],
  'similar-shoppers': ['for-you', 'trending', 'popular'],
  hybrid: ['trending', 'popular'],
};

/** Options of {@link recommend}. */
export interface RecommendOptions {
  /** Items wanted (default 8, at most 100). */
  limit?: number;
  /** Trade-off of the diversity pass, 1 = relevance only (default 0.8). */
  diversity?: number;
}

/** Whether a name is a known strategy. @example isStrategy('next') // true */
export function isStrategy(name: unknown): name is StrategyName {
  return typeof name === 'string' && (STRATEGIES as readonly string[]).includes(name);
}

/**
 * Runs a strategy end to end: candidates, exclusions (anchor, cart, bought unless repeatable,
 * out of stock, unknown to the catalog), de-duplication, the fallback chain until the widget is
 * full, then the diversity pass. Items in `ctx.exclude` (shown by other widgets) come only
 * when nothing else fills the widget. Deterministic for the same context. An unknown strategy name
 * runs `hybrid`. Never throws: a failing strategy contributes nothing and the chain goes on.
 *
 * @example recommend('bought-together', { catalog, model, anchor: 'tent' }, { limit: 4 })
 */
export function recommend(strategy: string, ctx: RecommendContext, options: RecommendOptions = {}): Recommendation[] {
  const name: StrategyName = isStrategy(strategy) ? strategy : 'hybrid';
  const limit = Math.max(1, Math.min(100, Math.floor(options.limit ?? 8) || 8));
  const allowed = makeFilter(ctx);
  const shown = ctx.exclude instanceof Set ? ctx.exclude : new Set(ctx.exclude ?? []);
  const picked: (Recommendation & { id: string })[] = [];
  const seen = new Set<string>();
  // Items other widgets show wait for a second pass: a page repeats an item only rather than
  // leave this widget short.
  for (const pass of shown.size ? [0, 1] : [1]) {
    for (const step of [name, ...FALLBACKS[name]]) {
      if (picked.length >= limit) break;
      let candidates;
      try {
        candidates = table[step](ctx, limit + shown.size);
      } catch {
        continue; // a strategy with malformed inputs must not empty the widget
      }
      // Fallback items rank below everything before them, keeping their own order.
      const floor = picked.reduce((m, p) => Math.min(m, p.score), 1);
      const own = step === name && picked.length === 0;
      const fresh = candidates.filter((c) => !seen.has(c.id) && (pass || !shown.has(c.id)) && allowed(c.id));
      const ordered = own ? diversifyCandidates(fresh, (id) => ctx.catalog?.get(id), limit, options.diversity ?? 0.8) : fresh;
      for (const c of ordered) {
        if (picked.length >= limit) break;
        seen.add(c.id);
        const score = own ? c.score : c.score * floor * 0.99;
        picked.push({ id: c.id, product: ctx.catalog?.get(c.id) ?? { id: c.id }, score, reason: c.reason, strategy: step });
      }
    }
  }
  return picked.map(({ product, score, reason, strategy: s }) => ({ product, score, reason, strategy: s }));
}

import type { RecommendCandidate, RecommendContext } from './types';

/**
 * Scales scores so the best is 1 and keeps the best-first order; drops non-positive scores.
 * Strategies return normalised candidates so `hybrid` can blend them.
 *
 * @example normalise([{ id: 'a', score: 4, reason: '' }]) // [{ id: 'a', score: 1, reason: '' }]
 */
export function normalise(list: RecommendCandidate[]): RecommendCandidate[] {
  const kept = list.filter((c) => c.score > 0 && Number.isFinite(c.score));
  const max = kept.reduce((m, c) => Math.max(m, c.score), 0);
  return kept.map((c) => ({ ...c, score: c.score / max })).sort(byScore);
}

/** Best first; ties by id so every list is deterministic. */
export function byScore(a: { id: string; score: number }, b: { id: string; score: number }): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** How a product is named in a reason: its title, or "this item" when the page never saw it. */
export function nameOf(ctx: RecommendContext, id: string): string {
  return ctx.catalog?.get(id)?.title ?? 'this item';
}

/** The items the shopper's context is "about", most relevant first: anchor, then recent views. */
export function seeds(ctx: RecommendContext, max = 5): string[] {
  const out: string[] = [];
  const push = (id: string | undefined) => {
    if (id && !out.includes(id)) out.push(id);
  };
  push(ctx.anchor);
  const viewed = ctx.viewed ?? [];
  for (let i = viewed.length - 1; i >= 0 && out.length < max; i--) push(viewed[i]);
  return out.slice(0, max);
}

/**
 * The `n` best of a long list, best first, in one pass (a catalog scan yields thousands of
 * candidates and a widget needs a handful: sorting them all is most of the cost).
 *
 * @example topN([{ id: 'a', score: 1 }, { id: 'b', score: 3 }], 1) // [{ id: 'b', score: 3 }]
 */
export function topN<T extends { id: string; score: number }>(list: Iterable<T>, n: number): T[] {
  const out: T[] = [];
  for (const c of list) {
    if (out.length === n && byScore(c, out[n - 1]!) >= 0) continue;
    let at = out.length === n ? n - 1 : out.length;
    while (at > 0 && byScore(c, out[at - 1]!) < 0) at--;
    out.splice(at, 0, c);
    if (out.length > n) out.pop();
  }
  return out;
}

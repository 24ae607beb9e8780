import type { RecommendContext } from '../types';

/** How much the profile's items weigh against the session's when both exist (session sums to 1). */
export const PROFILE_SHARE = 0.5;

/**
 * The items that describe the shopper now, with weights, for embedding queries: the session's
 * views with the anchor last (the latest weighs 1, each earlier step half the one after it), and
 * the profile's items, cart and purchases (most recent 20; a purchase or cart counts double)
 * sharing {@link PROFILE_SHARE} — or all the weight when there is no session yet.
 *
 * @example shopperItems({ viewed: ['a', 'b'], anchor: 'c' }) // [['c', 0.57], ['b', 0.29], ['a', 0.14]]
 */
export function shopperItems(ctx: RecommendContext): [string, number][] {
  const session = [...(ctx.viewed ?? [])];
  if (ctx.anchor && session[session.length - 1] !== ctx.anchor) session.push(ctx.anchor);
  const weights = new Map<string, number>();
  const add = (part: Map<string, number>, share: number) => {
    let total = 0;
    for (const w of part.values()) total += w;
    if (total > 0) for (const [id, w] of part) weights.set(id, (weights.get(id) ?? 0) + (w / total) * share);
  };
  const recent = new Map<string, number>();
  for (let i = session.length - 1, w = 1; i >= 0 && w > 1e-3; i--, w /= 2) if (!recent.has(session[i]!)) recent.set(session[i]!, w);
  const history = new Map<string, number>();
  const items = ctx.profile?.items && typeof ctx.profile.items === 'object' ? Object.entries(ctx.profile.items) : [];
  items
    .filter(([, h]) => h && typeof h.last === 'number')
    .sort((a, b) => b[1].last - a[1].last)
    .slice(0, 20)
    .forEach(([id, h]) => history.set(id, h.bought > 0 ? 2 : 1));
  for (const id of ctx.cart ?? []) history.set(id, 2);
  for (const id of (ctx.bought ?? []).slice(-20)) history.set(id, 2);
  add(recent, 1);
  add(history, recent.size ? PROFILE_SHARE : 1);
  return [...weights].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

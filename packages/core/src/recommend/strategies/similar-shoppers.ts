import { byScore } from '../candidates';
import { isShopperPrototypes } from '../learned/codec';
import { queryVector, embeddingTable } from '../learned/score';
import { shopperItems } from '../learned/query';
import type { ShopperPrototypes } from '../learned/types';
import type { RecommendCandidate, RecommendStrategyFn } from '../types';

/** Prototypes whose items are blended for one shopper. */
export const NEIGHBOUR_PROTOTYPES = 3;

const checked = new WeakMap<object, ShopperPrototypes | null>();

/**
 * `similar-shoppers`: user-based collaborative filtering through published prototypes. The
 * server groups consented shoppers' histories (k-means over their mean item embedding) and
 * publishes each group's centroid and the items its members used (`ModelPayload.shoppers`); the
 * page places its own shopper in the same space (`shopperItems` → embedding) and blends the item
 * lists of the 3 nearest groups, weighted by cosine.
 *
 * Why prototypes in the browser rather than a server-side neighbour search per shopper: the
 * shopper's history then never has to leave the page (the server's copy exists only for those
 * who opted into sync, and a request per page view would add latency to every widget), other
 * shoppers' histories are never shipped (only groups of ≥ 20 members, and items that several
 * members share), and the published part is small (≈ 64 groups × 40 items) and cached with the
 * model. The price is coarser neighbourhoods than true k-NN; `npm run eval` measures it.
 *
 * @example similarShoppers({ model, viewed: ['tent'] }, 8)[0].reason // 'Popular with shoppers like you'
 */
export const similarShoppers: RecommendStrategyFn = (ctx, want) => {
  const raw = ctx.model?.shoppers;
  const table = embeddingTable(ctx.model);
  if (!raw || typeof raw !== 'object' || !table) return [];
  let protos = checked.get(raw);
  if (protos === undefined) checked.set(raw, (protos = isShopperPrototypes(raw) && raw.dim === table.dim ? raw : null));
  if (!protos) return [];
  const q = queryVector(table, shopperItems(ctx));
  if (!q) return [];
  const near = protos.prototypes
    .map((p) => ({ p, sim: cosine(q, p.centroid) }))
    .filter((x) => x.sim > 0)
    .sort((a, b) => b.sim - a.sim)
    .slice(0, NEIGHBOUR_PROTOTYPES);
  const acc = new Map<string, number>();
  for (const { p, sim } of near) for (const [id, share] of p.items) if (share > 0) acc.set(id, (acc.get(id) ?? 0) + sim * share);
  const max = Math.max(0, ...acc.values());
  if (!(max > 0)) return [];
  return [...acc]
    .map(([id, s]): RecommendCandidate => ({ id, score: s / max, reason: 'Popular with shoppers like you' }))
    .sort(byScore)
    .slice(0, want * 3);
};

function cosine(q: Float32Array, c: readonly number[]): number {
  let dot = 0;
  let norm = 0;
  for (let j = 0; j < q.length; j++) (dot += q[j]! * c[j]!), (norm += c[j]! * c[j]!);
  return norm > 0 ? dot / Math.sqrt(norm) : 0;
}

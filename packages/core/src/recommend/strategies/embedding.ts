import { nameOf, topN } from '../candidates';
import { queryVector, scoreRows } from '../learned/score';
import { embeddingTable } from '../learned/score';
import { shopperItems } from '../learned/query';
import type { RecommendCandidate, RecommendStrategyFn } from '../types';

/**
 * `embedding`: items whose learned embedding (`ModelPayload.embeddings`, trained on the server
 * from all shoppers' sessions) points the same way as this shopper's session and profile
 * (see `shopperItems`), by dot product over the whole embedded catalog — no co-occurrence row
 * needed, so it also reaches items never seen together with the current one. Empty without
 * embeddings or without any known item.
 *
 * @example embedding({ model, viewed: ['tent'] }, 8)[0] // { id: 'stove', score: 1, reason: 'Similar to Tent' }
 */
export const embedding: RecommendStrategyFn = (ctx, want) => {
  const table = embeddingTable(ctx.model);
  if (!table) return [];
  const items = shopperItems(ctx);
  const q = queryVector(table, items);
  if (!q) return [];
  // The item on screen is never useful; earlier views are (shoppers return to what they compared).
  const current = items[0]![0];
  const all = new Int32Array(table.ids.length);
  for (let i = 0; i < all.length; i++) all[i] = i;
  const scores = scoreRows(table, q, all);
  const scored: { id: string; score: number }[] = [];
  for (let i = 0; i < all.length; i++) {
    const id = table.ids[i]!;
    if (scores[i]! > 0 && id !== current) scored.push({ id, score: scores[i]! });
  }
  const best = topN(scored, want * 3);
  const max = best[0]?.score ?? 1;
  const reason = `Similar to ${nameOf(ctx, items[0]![0])}`;
  return best.map((c): RecommendCandidate => ({ id: c.id, score: c.score / max, reason }));
};

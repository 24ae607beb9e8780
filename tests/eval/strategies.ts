import { itemKnn } from './baselines/item-knn';
import { pop } from './baselines/pop';
import { vsknn } from './baselines/vsknn';
import { coreNext, coreNextTransitions } from './core-next';
import { coreEmbedding, coreSimilarShoppers, nextBlend } from './learned';
import type { NextItemStrategy } from './strategy';

/**
 * Blend weight of `embedding` with `next`, chosen on validation splits of the training data by
 * `tests/eval/tune-learned.ts` (0.05 beat 0, 0.1, 0.2, 0.3 on both YooChoose and Diginetica).
 * `similar-shoppers` is not blended: no weight beat plain `next` on validation.
 */
export const EMBEDDING_BLEND = 0.05;

/**
 * Every next-item strategy `npm run eval` compares: the baselines, core's `next`, the learned
 * strategies of issue 12 alone, and `next` with the validated `embedding` blend.
 */
export function nextItemStrategies(): NextItemStrategy[] {
  return [pop, itemKnn, vsknn(), coreNextTransitions(), coreNext(), coreEmbedding(), coreSimilarShoppers(), nextBlend('embedding', EMBEDDING_BLEND)];
}

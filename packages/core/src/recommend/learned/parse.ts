import { isClusterModel } from '../../clusters/assign';
import type { ModelPayload } from '../../types';
import { isEmbeddingPayload, isShopperPrototypes } from './codec';

/**
 * The learned parts of an untrusted model payload that are well-formed (embeddings, shopper
 * prototypes, cluster centroids); a malformed part is left out, so the rest of the model still
 * works. Used by `parseModel`.
 *
 * @example parseModel(json) // { …, ...learnedParts(json) }
 */
export function learnedParts(raw: Record<string, unknown>): Pick<ModelPayload, 'embeddings' | 'shoppers' | 'clusters'> {
  const out: Pick<ModelPayload, 'embeddings' | 'shoppers' | 'clusters'> = {};
  if (isEmbeddingPayload(raw.embeddings)) out.embeddings = raw.embeddings;
  if (isShopperPrototypes(raw.shoppers)) out.shoppers = raw.shoppers;
  if (isClusterModel(raw.clusters)) out.clusters = raw.clusters;
  return out;
}

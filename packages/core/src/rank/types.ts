import type { Profile } from '../profile/types';
import type { ModelPayload, Product } from '../types';

/** How much each signal counts in the blend. Parts are roughly −1…1, so weights compare directly. */
export interface RankWeights {
  /** The merchant's order (1 at the top, 0 at the bottom). */
  base: number;
  /** Category path, brand, tag and price-band affinity (scaled by how much the profile knows). */
  affinity: number;
  /** Viewed/carted before (+), already bought a durable (−), bought a consumable (+). */
  history: number;
  /** Bayesian-smoothed rating against the list's mean. */
  rating: number;
  /** Server popularity and trend (needs `model`). */
  popularity: number;
  trend: number;
  /** Co-occurrence with this session's items (needs `model`). */
  cooccurrence: number;
  /**
   * Cosine of the product's learned embedding with the session's and profile's items
   * (needs `model.embeddings`). Modest by default: it orders within what affinity picks.
   */
  embedding: number;
  /** Sold in the shopper's region (+) or not sold there (−). */
  region: number;
  /** Cheap end of the list for bargain hunters, dear end for premium shoppers. */
  price: number;
}

/**
 * Default blend: affinity steers, the merchant's order anchors, the rest nudge.
 *
 * @example
 * rank(products, { profile, weights: { ...DEFAULT_RANK_WEIGHTS, popularity: 1 } });
 */
export const DEFAULT_RANK_WEIGHTS: RankWeights = {
  base: 1,
  affinity: 3,
  history: 0.6,
  rating: 0.3,
  popularity: 0.3,
  trend: 0.2,
  cooccurrence: 0.8,
  embedding: 0.5,
  region: 1,
  price: 0.8,
};

/** The merchant's rules; they apply even to a new visitor. */
export interface BusinessRules {
  /** Item id → 1-based position it must hold. */
  pin?: Record<string, number>;
  /** Item ids to move to the end (before out-of-stock items). */
  bury?: readonly string[];
  /** Item id → score added (1 ≈ the whole base-order range). */
  boost?: Record<string, number>;
  /** Put `stock === 0` items last. Default true. */
  outOfStockLast?: boolean;
}

/** Options of `rank`; all optional. */
export interface RankOptions {
  /** The shopper's profile; without one (or an empty one) the base order is kept. */
  profile?: Profile | null;
  /** Time for decay, epoch ms. Default `Date.now()`. */
  now?: number;
  weights?: Partial<RankWeights>;
  /** Server model, for popularity, trend, co-occurrence and learned embeddings. */
  model?: ModelPayload | null;
  /** Items of this session (default: the profile session's viewed and carted items). */
  sessionItems?: readonly string[];
  /** Shopper's region (ISO country code). */
  region?: string;
  rules?: BusinessRules;
  /** `demote-durables` (default): bought items sink unless `repeatable`; `ignore`: purchases are like views. */
  bought?: 'demote-durables' | 'ignore';
  /** MMR pass over the top of the list; `false` turns it off. Default λ 0.7 over the top 12. */
  diversity?: { lambda?: number; top?: number } | false;
  /** Bayesian rating prior: mean (default: the list's mean) and weight in reviews (default 10). */
  ratingPrior?: { mean?: number; weight?: number };
}

/** Each signal's contribution (unweighted part values) for one product. */
export interface ScoreParts {
  base: number;
  affinity: number;
  history: number;
  rating: number;
  popularity: number;
  trend: number;
  cooccurrence: number;
  /** Cosine with the shopper's embedding query, −1…1 (0 without a vector, and for the query's own items). */
  embedding: number;
  region: number;
  price: number;
  /** Boost from the rules (added as is). */
  rule: number;
}

/** One ranked product. */
export interface RankedItem {
  id: string;
  product: Product;
  /** 0-based position in the ranked list. */
  position: number;
  /** 0-based position in the input (merchant) order. */
  baseIndex: number;
  /** Weighted sum of the parts. */
  score: number;
  parts: ScoreParts;
  /** Why it is here, in plain words ("Matches your interest in Shoes > Running"). */
  readonly reason: string;
  pinned: boolean;
  buried: boolean;
  outOfStock: boolean;
}

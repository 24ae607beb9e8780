import type { ProductLookup } from '../catalog/catalog';
import type { Profile } from '../profile/types';
import type { AffinityEvent, ModelPayload, Product } from '../types';
import type { SessionIndex } from './next/session-index';

/** Every recommendation strategy; `hybrid` is the default for an unknown slot. */
export const STRATEGIES = [
  'related',
  'also-viewed',
  'bought-together',
  'cart-complement',
  'next',
  'trending',
  'popular',
  'recently-viewed',
  'for-you',
  'embedding',
  'similar-shoppers',
  'hybrid',
] as const;

export type StrategyName = (typeof STRATEGIES)[number];

/** One recommended product, with why it is there and which strategy found it. */
export interface Recommendation {
  product: Product;
  /** Relative strength in (0, 1], higher first; comparable within one list only. */
  score: number;
  /** A short sentence for the shopper: "Bought together with Running socks by 31% of buyers". */
  reason: string;
  strategy: StrategyName;
}

/** The state a recommendations connector publishes to renderers. */
export interface RecommendationsState {
  items: Recommendation[];
  /** True while the server model this strategy needs has not arrived yet. */
  loading: boolean;
}

/** A catalog the recommenders can read: lookup by id, and the full list for content scans. */
export interface CatalogView extends ProductLookup {
  all(): Product[];
}

/**
 * Everything a strategy may use. All optional: a strategy uses what is there and the fallback
 * chain covers the rest.
 */
export interface RecommendContext {
  /** Products the page knows; only these are recommended (a widget must be able to render them). */
  catalog?: CatalogView;
  /**
   * The server model. `undefined` = still loading (state.loading is true), `null` = none available
   * (strategies work from the catalog and the shopper's own events).
   */
  model?: ModelPayload | null;
  /** The `next` strategy's session index (see `buildSessionIndex`); without it `model.next` is used. */
  sessionIndex?: SessionIndex;
  /** The product on this page: never recommended, and the seed of item-to-item strategies. */
  anchor?: string;
  /** Product ids in the cart. */
  cart?: readonly string[];
  /** Product ids the shopper bought (hidden unless the product is `repeatable`). */
  bought?: readonly string[];
  /** Product ids viewed, oldest first (this session's sequence for `next`). */
  viewed?: readonly string[];
  /**
   * Product ids shown elsewhere on the page (other widgets above this one): not repeated here
   * while the strategy or its fallbacks have anything else to show.
   */
  exclude?: ReadonlySet<string> | readonly string[];
  /** Restricts `popular` / `trending` to a top-level category. */
  category?: string;
  /** The shopper's profile, for `for-you`. */
  profile?: Profile;
  /** Weights of the `hybrid` blend by strategy (default {@link DEFAULT_HYBRID}). */
  blend?: Partial<Record<StrategyName, number>>;
  /** "Now", epoch ms (default Date.now()); for recency. */
  now?: number;
}

/** A strategy's raw output before exclusions, fallback and diversity: id, score in (0,1], reason. */
export interface RecommendCandidate {
  id: string;
  score: number;
  reason: string;
}

/** A strategy: candidates for a context, best first. Never throws on missing inputs. */
export type RecommendStrategyFn = (ctx: RecommendContext, want: number) => RecommendCandidate[];

/** What {@link connectRecommendations} listens to for real-time updates (the capture event source). */
export interface RecommendEventSource {
  subscribe(listener: (event: AffinityEvent) => void): () => void;
  events(): Promise<AffinityEvent[]>;
}

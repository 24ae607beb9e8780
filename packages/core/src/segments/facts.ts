import { assignCluster } from '../clusters/assign';
import type { ClusterModel } from '../clusters/types';
import { scaledAffinities } from '../profile/affinities';
import { DAY_MS } from '../profile/options';
import type { AffinityKind, Profile } from '../profile/types';

/** Profile fields segment rules can use; `affinity.<kind>.<key>` is open-ended. */
export const FACT_FIELDS = [
  'rfm.recency',
  'rfm.frequency',
  'rfm.monetary',
  'rfm.segment',
  'lifecycle',
  'intent',
  'tags.priceSensitivity',
  'tags.priceSensitivityScore',
  'tags.interactionLevel',
  'tags.interactionScore',
  'tags.favouriteCategories',
  'tags.favouriteBrands',
  'counts.events',
  'counts.views',
  'counts.selects',
  'counts.carts',
  'counts.removes',
  'counts.wishlists',
  'counts.checkouts',
  'counts.purchases',
  'counts.searches',
  'counts.lists',
  'orders.count',
  'orders.revenue',
  'orders.averageValue',
  'sessions',
  'cart',
  'searches',
  'days.sinceFirstSeen',
  'days.sinceLastSeen',
  'days.sinceLastOrder',
  'cluster.id',
  'cluster.label',
] as const;
/** Open-ended affinity fields: `affinity.brand.Nike`, `affinity.category.Shoes > Running`. */
export const AFFINITY_FIELD = /^affinity\.(category|brand|tag|price)\..+/;

/** A plain, read-only view of the profile at one instant: what segment rules are evaluated on. */
export interface ProfileFacts {
  rfm: Profile['rfm'];
  lifecycle: Profile['lifecycle'];
  intent: Profile['intent'];
  tags: Profile['tags'];
  counts: Profile['counts'];
  orders: { count: number; revenue: number; averageValue: number };
  sessions: number;
  cart: number;
  searches: string[];
  days: { sinceFirstSeen?: number; sinceLastSeen?: number; sinceLastOrder?: number };
  /** Affinities scaled so the strongest key of each kind is 1. */
  affinity: Record<AffinityKind, Record<string, number>>;
  /**
   * The published behavioural cluster nearest to the shopper (`ModelPayload.clusters`, assigned
   * in the page); `undefined` until the model with centroids has loaded. Ids are renumbered on
   * each rebuild (largest first), labels describe the centroid in words — rules should prefer
   * `cluster.label`, e.g. `{ field: 'cluster.label', op: 'contains', value: 'high spend' }`.
   */
  cluster?: { id: number; label: string };
}

/**
 * The facts of a profile at `now`; with the site's cluster centroids, also its `cluster`.
 *
 * @example
 * profileFacts(profile, Date.now()).affinity.brand.Nike; // 1
 * profileFacts(profile, Date.now(), model.clusters).cluster?.label; // 'high spend, frequent, recent, Home'
 */
export function profileFacts(p: Profile, now: number, clusters?: ClusterModel | null): ProfileFacts {
  const days = (t: number) => (t ? (now - t) / DAY_MS : undefined);
  // Affinities are scaled only when a rule reads them: most segments never do.
  const affinity = {} as ProfileFacts['affinity'];
  for (const kind of ['category', 'brand', 'tag', 'price'] as const) {
    Object.defineProperty(affinity, kind, {
      enumerable: true,
      configurable: true,
      get() {
        const value = scaledAffinities(p, kind, now);
        Object.defineProperty(affinity, kind, { value, enumerable: true });
        return value;
      },
    });
  }
  const facts: ProfileFacts = {
    rfm: p.rfm,
    lifecycle: p.lifecycle,
    intent: p.intent,
    tags: p.tags,
    counts: p.counts,
    orders: { count: p.orders.count, revenue: p.orders.revenue, averageValue: p.orders.count ? p.orders.revenue / p.orders.count : 0 },
    sessions: p.activity.sessions,
    cart: p.session?.cart ?? 0,
    searches: p.searches,
    days: { sinceFirstSeen: days(p.activity.first), sinceLastSeen: days(p.activity.last), sinceLastOrder: days(p.orders.last) },
    affinity,
  };
  // Assigned only when a rule reads it (a distance to every centroid).
  if (clusters) {
    Object.defineProperty(facts, 'cluster', {
      enumerable: true,
      configurable: true,
      get() {
        const a = assignCluster(p, clusters, now);
        const value = a && { id: a.id, label: a.label };
        Object.defineProperty(facts, 'cluster', { value, enumerable: true });
        return value;
      },
    });
  }
  return facts;
}

/**
 * Read a dotted field from facts; affinity keys may themselves contain dots or spaces.
 *
 * @example
 * readField(facts, 'affinity.category.Shoes > Running'); // 0.8
 */
export function readField(facts: ProfileFacts, field: string): unknown {
  const m = /^affinity\.(category|brand|tag|price)\.(.+)$/.exec(field);
  if (m) return facts.affinity[m[1] as AffinityKind][m[2]!] ?? 0;
  let cur: unknown = facts;
  for (const part of field.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

import { decayed } from '../profile/decay';
import { CATEGORY_SEPARATOR } from '../profile/apply-event';
import { DAY_MS } from '../profile/options';
import type { LifecycleStage, Profile } from '../profile/types';

/** Lifecycle stages in feature order (one-hot block). */
export const CLUSTER_LIFECYCLE_STAGES: readonly LifecycleStage[] = [
  'new_visitor',
  'engaged_browser',
  'first_time_buyer',
  'repeat_customer',
  'returning',
  'dormant',
  'churned',
];

/** Interaction score at which the interaction feature is 0.5 (the low/medium boundary of `interactionOf`). */
export const INTERACTION_HALF = 5;

// One-hot and share blocks are scaled by 1/√2 so that two shoppers at opposite ends of any block
// (different lifecycle stages, disjoint categories) are exactly 1 apart — the same as the extremes
// of a scalar feature. Without it the lifecycle block alone would outweigh RFM.
const BLOCK = Math.SQRT1_2;

/**
 * Names of the feature dimensions for a set of category dimensions, in vector order:
 * `category:<name>`…, `recency`, `frequency`, `monetary`, `price_sensitivity`, `interaction`,
 * `lifecycle:<stage>`….
 *
 * @example
 * clusterFeatureNames(['Home']); // ['category:Home', 'recency', …, 'lifecycle:churned']
 */
export function clusterFeatureNames(categories: readonly string[]): string[] {
  return [
    ...categories.map((c) => `category:${c}`),
    'recency',
    'frequency',
    'monetary',
    'price_sensitivity',
    'interaction',
    ...CLUSTER_LIFECYCLE_STAGES.map((s) => `lifecycle:${s}`),
  ];
}

/**
 * Decayed category affinity at `now` summed by top-level category (`Home > Lamps` counts for
 * `Home`), as shares that sum to 1 (empty when the shopper has no category interest).
 * Only leaf-most keys are summed: parents already hold a share of their children's credit.
 *
 * @example
 * topCategoryShares(profile, Date.now()); // { Home: 0.75, Garden: 0.25 }
 */
export function topCategoryShares(p: Profile, now: number): Record<string, number> {
  const map = p?.affinities?.category;
  // No prototype: category names are merchant data ("__proto__" must stay an ordinary key).
  const out: Record<string, number> = Object.create(null) as Record<string, number>;
  if (!map || typeof map !== 'object') return out;
  const hl = (Number(p.halfLifeDays) || 30) * DAY_MS;
  const keys = Object.keys(map);
  const isParent = new Set<string>();
  for (const key of keys) {
    const cut = key.lastIndexOf(CATEGORY_SEPARATOR);
    if (cut > 0) isParent.add(key.slice(0, cut));
  }
  let total = 0;
  for (const key of keys) {
    if (isParent.has(key)) continue;
    const e = map[key];
    const s = e ? decayed(Number(e.s), Number(e.at), now, hl) : 0;
    if (!(s > 0) || !Number.isFinite(s)) continue;
    const top = key.split(CATEGORY_SEPARATOR)[0]!;
    out[top] = (out[top] ?? 0) + s;
    total += s;
  }
  for (const top in out) out[top] = out[top]! / total;
  return out;
}

/**
 * The normalised feature vector clusters are computed on, every value in [0, 1]:
 * - top-level category shares for each of `categories` (×1/√2; other categories are dropped),
 * - RFM recency, frequency, monetary scores ÷ 5 (0 for a shopper who never bought),
 * - price sensitivity score (0 premium seeker … 1 bargain hunter, 0.5 unknown),
 * - interaction `score / (score + 5)` (0.5 at the low/medium boundary),
 * - lifecycle stage one-hot (×1/√2).
 * Tolerates partial profiles (synced JSON): a missing field counts as its neutral value.
 *
 * @example
 * clusterFeatures(profile, ['Home', 'Garden'], Date.now()); // [0.53, 0.18, 1, 0.6, 0.8, 0.5, 0.71, 0, 0, 0, 0.71, 0, 0, 0]
 */
export function clusterFeatures(p: Profile, categories: readonly string[], now: number): number[] {
  return [...categoryFeatures(topCategoryShares(p, now), categories), ...behaviourFeatures(p)];
}

/**
 * The category block of `clusterFeatures` from precomputed shares (the server keeps shares, not
 * whole profiles, while it decides which categories become dimensions).
 *
 * @example
 * categoryFeatures({ Home: 1 }, ['Home', 'Garden']); // [0.707, 0]
 */
export function categoryFeatures(shares: Readonly<Record<string, number>>, categories: readonly string[]): number[] {
  return categories.map((c) => (Object.prototype.hasOwnProperty.call(shares, c) ? shares[c]! : 0) * BLOCK);
}

/**
 * The rest of `clusterFeatures`: RFM, price sensitivity, interaction, lifecycle one-hot.
 *
 * @example
 * behaviourFeatures(profile); // [1, 0.6, 0.8, 0.5, 0.71, 0, 0, 0, 0.71, 0, 0, 0]
 */
export function behaviourFeatures(p: Profile): number[] {
  const rfm = p?.rfm;
  const tags = p?.tags;
  const interaction = Math.max(0, finite(tags?.interactionScore, 0));
  const out = [
    score5(rfm?.recency),
    score5(rfm?.frequency),
    score5(rfm?.monetary),
    Math.min(1, Math.max(0, finite(tags?.priceSensitivityScore, 0.5))),
    interaction / (interaction + INTERACTION_HALF),
  ];
  for (const stage of CLUSTER_LIFECYCLE_STAGES) out.push(p?.lifecycle === stage ? BLOCK : 0);
  return out;
}

function score5(x: unknown): number {
  return Math.min(5, Math.max(0, finite(x, 0))) / 5;
}

function finite(x: unknown, fallback: number): number {
  return typeof x === 'number' && Number.isFinite(x) ? x : fallback;
}

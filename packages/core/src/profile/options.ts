import type { ProductLookup } from '../catalog/catalog';
import type { EventType } from '../types';

/** How a profile is computed. Every field has a default suited to a store without data. */
export interface ProfileOptions {
  /** Interest halves every this many days. Default 30. */
  halfLifeDays?: number;
  /** Clock, for tests and for decay on read. Default `Date.now`. */
  now?: () => number;
  /** Per-item weight of each event type; view < select < add_to_cart < purchase. */
  weights?: Partial<Record<EventType, number>>;
  /** Share of a category's credit passed to its parent (`Shoes > Running` → `Shoes`). Default 0.5. */
  parentShare?: number;
  /** Fills in brand/category/tags/price that event items lack. */
  catalog?: ProductLookup;
  /** RFM thresholds (see `RfmThresholds`). */
  rfm?: Partial<RfmThresholds>;
  /** Lifecycle thresholds (see `LifecycleThresholds`). */
  lifecycle?: Partial<LifecycleThresholds>;
}

/**
 * Score boundaries, ascending for frequency/monetary (value ≥ t[i] earns score i+2) and for
 * recency in days (days ≤ t[i] earns score 5−i). Defaults suit a small store without history.
 */
export interface RfmThresholds {
  recencyDays: [number, number, number, number];
  frequency: [number, number, number, number];
  monetary: [number, number, number, number];
}

/** Day and activity thresholds of the lifecycle stages. */
export interface LifecycleThresholds {
  /** No activity for this many days → dormant. Default 30. */
  dormantDays: number;
  /** No activity for this many days → churned. Default 90. */
  churnedDays: number;
  /** Item interactions (or a second session) that make a new visitor an engaged browser. Default 5. */
  engagedItems: number;
}

/** Default per-item event weights: view 1 < select 2 < wishlist 3 < cart 4 < purchase 8; a removal −1. */
export const DEFAULT_WEIGHTS: Partial<Record<EventType, number>> = {
  view_item: 1,
  select_item: 2,
  add_to_wishlist: 3,
  add_to_cart: 4,
  begin_checkout: 4,
  purchase: 8,
  remove_from_cart: -1,
};

/** Options with every default filled in. */
export interface ResolvedProfileOptions {
  halfLifeDays: number;
  halfLifeMs: number;
  now: () => number;
  weights: Partial<Record<EventType, number>>;
  parentShare: number;
  catalog?: ProductLookup;
  rfm: RfmThresholds;
  lifecycle: LifecycleThresholds;
}

/** One day in milliseconds. */
export const DAY_MS = 86_400_000;

/**
 * Fill in defaults and reject nonsense early, with a message naming the option.
 *
 * @example
 * resolveProfileOptions({ halfLifeDays: 14 }).halfLifeMs; // 1209600000
 */
export function resolveProfileOptions(o: ProfileOptions = {}): ResolvedProfileOptions {
  const halfLifeDays = o.halfLifeDays ?? 30;
  if (!(halfLifeDays > 0) || !Number.isFinite(halfLifeDays)) {
    throw new TypeError(`Affinity profile: halfLifeDays must be a positive number of days, got ${String(o.halfLifeDays)}`);
  }
  const parentShare = o.parentShare ?? 0.5;
  if (!(parentShare >= 0 && parentShare <= 1)) {
    throw new TypeError(`Affinity profile: parentShare must be between 0 and 1, got ${String(o.parentShare)}`);
  }
  const rfm: RfmThresholds = {
    recencyDays: [14, 30, 60, 120],
    frequency: [2, 3, 5, 8],
    monetary: [50, 150, 400, 1000],
    ...o.rfm,
  };
  for (const key of ['recencyDays', 'frequency', 'monetary'] as const) {
    const t = rfm[key];
    if (!Array.isArray(t) || t.length !== 4 || t.some((x, i) => !Number.isFinite(x) || (i > 0 && x < t[i - 1]!))) {
      throw new TypeError(`Affinity profile: rfm.${key} must be four ascending numbers, got ${JSON.stringify(t)}`);
    }
  }
  const lifecycle: LifecycleThresholds = { dormantDays: 30, churnedDays: 90, engagedItems: 5, ...o.lifecycle };
  if (!(lifecycle.dormantDays > 0 && lifecycle.churnedDays > lifecycle.dormantDays)) {
    throw new TypeError('Affinity profile: lifecycle.churnedDays must be greater than lifecycle.dormantDays (both positive)');
  }
  return {
    halfLifeDays,
    halfLifeMs: halfLifeDays * DAY_MS,
    now: o.now ?? Date.now,
    weights: { ...DEFAULT_WEIGHTS, ...o.weights },
    parentShare,
    catalog: o.catalog,
    rfm,
    lifecycle,
  };
}

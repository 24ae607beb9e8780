import { DEFAULT_VARIANTS, type EventData, type ExperimentDefinition } from '@affinity/core';
import { bootstrapMeanDiff } from './stats/bootstrap';
import { moments, ratioDelta, twoProportion, welch, type Interval } from './stats/intervals';
import { sampleRatioMismatch, type SrmCheck } from './stats/srm';
import type { ExperimentEventRow } from './experiment-store';

/** What one arm did. Rates are null when their denominator is zero. */
export interface VariantMetrics {
  variant: string;
  control: boolean;
  /** Distinct visitors whose first exposure was to this arm. */
  visitors: number;
  /** Items shown in this arm's widgets (`view_item_list` items). */
  impressions: number;
  /** Clicks on those widgets (`select_item`). */
  clicks: number;
  ctr: number | null;
  /** Visitors who added to cart after their exposure. */
  carters: number;
  addToCartRate: number | null;
  purchasers: number;
  conversionRate: number | null;
  orders: number;
  revenue: number;
  revenuePerVisitor: number | null;
  averageOrderValue: number | null;
  /** Purchasers with two or more orders after exposure. */
  repeatPurchasers: number;
  repeatPurchaseRate: number | null;
  /** Distinct items shown by this arm's widgets, over the catalog size. */
  coverage: number | null;
  distinctItems: number;
  /** Share of same-list item pairs from different categories (1 = every neighbour differs); null without categories. */
  diversity: number | null;
}

/** Impressions and clicks of one widget (list id and strategy) in one arm. */
export interface WidgetMetrics {
  variant: string;
  list: string | null;
  strategy: string | null;
  impressions: number;
  clicks: number;
  ctr: number | null;
}

/** A treatment arm against control, metric by metric. */
export interface Uplift {
  variant: string;
  control: string;
  /**
   * CTR difference with the delta-method interval over visitors (the unit that was randomized);
   * this is the one to decide on.
   */
  ctr: Interval | null;
  /** CTR difference with the textbook two-proportion interval over impressions (ignores that one visitor's impressions are correlated, so it is too narrow). */
  ctrPerImpression: Interval | null;
  /** Two-proportion z intervals on the difference of per-visitor rates. */
  addToCartRate: Interval | null;
  conversionRate: Interval | null;
  repeatPurchaseRate: Interval | null;
  /** Welch's t interval and a seeded percentile bootstrap on revenue per visitor. */
  revenuePerVisitor: { welch: Interval | null; bootstrap: Interval | null };
}

/** `GET /v1/admin/experiments/:id` answer. */
export interface ExperimentReport {
  experiment: string;
  /** Whether a definition is stored; without it arms and control are inferred from the events. */
  defined: boolean;
  control: string | null;
  variants: VariantMetrics[];
  /** CTR per arm, widget and strategy, most impressions first. */
  widgets: WidgetMetrics[];
  uplift: Uplift[];
  /** Null when the configured weights are unknown (no stored definition). */
  srm: SrmCheck | null;
  /** Resamples the bootstrap used: the requested number, lowered on big experiments to bound the work (≈5M draws). */
  bootstrapRounds: number;
  /** Plain-language cautions: split mismatch, visitors seen in two arms, too few visitors. */
  warnings: string[];
  level: number;
}

/** Options of {@link computeReport}. */
export interface ReportOptions {
  /** Stored definition (weights for the split check, control arm name). */
  definition?: ExperimentDefinition;
  /** Catalog size, the denominator of coverage; without it, items shown by any arm. */
  catalogSize?: number;
  /** Bootstrap resamples and seed (defaults 2000 and 1); resamples are lowered on big experiments, see `bootstrapRounds`. */
  bootstrap?: { rounds?: number; seed?: number };
  level?: number;
}

interface Tally {
  visitors: Set<string>;
  /** Clicks and impressions per visitor, for the visitor-level CTR interval. */
  perVisitor: Map<string, [clicks: number, impressions: number]>;
  impressions: number;
  clicks: number;
  items: Set<string>;
  samePairs: number;
  pairs: number;
}

const clickSample = (t: Tally) => {
  const rows = [...t.perVisitor.values()];
  return { num: rows.map((r) => r[0]), den: rows.map((r) => r[1]) };
};

const purchaseValue = (data: EventData): number => {
  if (typeof data.value === 'number' && Number.isFinite(data.value)) return data.value;
  let sum = 0;
  for (const item of data.items ?? []) sum += (item.price ?? 0) * (item.quantity ?? 1);
  return Number.isFinite(sum) ? sum : 0;
};

/**
 * Per-arm metrics and uplift against control, from an experiment's events (see
 * `ExperimentStore.experimentEvents`). Visitors belong to the arm of their first exposure;
 * carts and purchases count only after it. Rates per visitor (add-to-cart, conversion, repeat)
 * use visitors as the unit; CTR uses impressions, as widget dashboards do (impressions of one
 * visitor are correlated, so its interval is somewhat optimistic — prefer the visitor rates
 * for decisions).
 *
 * @example
 * const report = computeReport('holdout', await store.experimentEvents('demo', 'holdout'), { definition });
 * report.uplift[0].conversionRate; // { diff: 0.011, low: 0.002, high: 0.020, … }
 */
export function computeReport(experiment: string, rows: readonly ExperimentEventRow[], options: ReportOptions = {}): ExperimentReport {
  const level = options.level ?? 0.95;
  const def = options.definition;
  const armOf = new Map<string, { variant: string; since: number }>();
  const switched = new Set<string>();
  const tallies = new Map<string, Tally>();
  const tally = (variant: string) => {
    let t = tallies.get(variant);
    if (!t) tallies.set(variant, (t = { visitors: new Set(), perVisitor: new Map(), impressions: 0, clicks: 0, items: new Set(), samePairs: 0, pairs: 0 }));
    return t;
  };
  for (const v of def?.variants ?? (def ? DEFAULT_VARIANTS : [])) tally(v.name);

  const widgets = new Map<string, WidgetMetrics>();
  const widget = (variant: string, data: EventData) => {
    const list = typeof data.item_list_id === 'string' ? data.item_list_id : null;
    const strategy = typeof data.strategy === 'string' ? data.strategy : null;
    const key = JSON.stringify([variant, list, strategy]);
    let w = widgets.get(key);
    if (!w) widgets.set(key, (w = { variant, list, strategy, impressions: 0, clicks: 0, ctr: null }));
    return w;
  };
  const outcomes: ExperimentEventRow[] = [];
  for (const row of rows) {
    const variant = typeof row.data.variant === 'string' ? row.data.variant : undefined;
    if (row.type === 'experiment_exposure') {
      if (!variant) continue;
      const known = armOf.get(row.visitor);
      if (!known) {
        armOf.set(row.visitor, { variant, since: row.ts });
        tally(variant).visitors.add(row.visitor);
      } else if (known.variant !== variant) switched.add(row.visitor);
    } else if (row.type === 'view_item_list' && variant && row.data.experiment_id === experiment) {
      const t = tally(variant);
      const items = row.data.items ?? [];
      t.impressions += items.length;
      widget(variant, row.data).impressions += items.length;
      const mine = t.perVisitor.get(row.visitor) ?? [0, 0];
      mine[1] += items.length;
      t.perVisitor.set(row.visitor, mine);
      for (const item of items) t.items.add(item.item_id);
      for (let i = 0; i < items.length; i++) {
        for (let j = i + 1; j < items.length; j++) {
          const a = items[i]!.item_category;
          const b = items[j]!.item_category;
          if (a === undefined || b === undefined) continue;
          t.pairs++;
          if (a === b) t.samePairs++;
        }
      }
    } else if (row.type === 'select_item' && variant && row.data.experiment_id === experiment) {
      const t = tally(variant);
      t.clicks++;
      widget(variant, row.data).clicks++;
      const mine = t.perVisitor.get(row.visitor) ?? [0, 0];
      mine[0]++;
      t.perVisitor.set(row.visitor, mine);
    } else if (row.type === 'add_to_cart' || row.type === 'purchase') outcomes.push(row);
  }

  // Per visitor: carted?, orders, revenue — only what happened after the first exposure.
  const carted = new Set<string>();
  const orders = new Map<string, number>();
  const revenue = new Map<string, number>();
  for (const row of outcomes) {
    const arm = armOf.get(row.visitor);
    if (!arm || row.ts < arm.since) continue;
    if (row.type === 'add_to_cart') carted.add(row.visitor);
    else {
      orders.set(row.visitor, (orders.get(row.visitor) ?? 0) + 1);
      revenue.set(row.visitor, (revenue.get(row.visitor) ?? 0) + purchaseValue(row.data));
    }
  }

  const allItems = new Set<string>();
  for (const t of tallies.values()) for (const id of t.items) allItems.add(id);
  const catalogSize = options.catalogSize && options.catalogSize > 0 ? options.catalogSize : allItems.size;
  const controlName = def ? (def.control ?? 'control') : tallies.has('control') ? 'control' : null;
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  const revenues = new Map<string, Float64Array>();

  const variants: VariantMetrics[] = [...tallies].map(([variant, t]) => {
    const visitors = [...t.visitors];
    const values = new Float64Array(visitors.map((v) => revenue.get(v) ?? 0));
    revenues.set(variant, values);
    const carters = visitors.filter((v) => carted.has(v)).length;
    const purchasers = visitors.filter((v) => orders.has(v)).length;
    const repeatPurchasers = visitors.filter((v) => (orders.get(v) ?? 0) >= 2).length;
    const orderCount = visitors.reduce((s, v) => s + (orders.get(v) ?? 0), 0);
    const total = values.reduce((s, x) => s + x, 0);
    return {
      variant,
      control: variant === controlName,
      visitors: visitors.length,
      impressions: t.impressions,
      clicks: t.clicks,
      ctr: ratio(t.clicks, t.impressions),
      carters,
      addToCartRate: ratio(carters, visitors.length),
      purchasers,
      conversionRate: ratio(purchasers, visitors.length),
      orders: orderCount,
      revenue: total,
      revenuePerVisitor: ratio(total, visitors.length),
      averageOrderValue: ratio(total, orderCount),
      repeatPurchasers,
      repeatPurchaseRate: ratio(repeatPurchasers, purchasers),
      coverage: ratio(t.items.size, catalogSize),
      distinctItems: t.items.size,
      diversity: t.pairs > 0 ? 1 - t.samePairs / t.pairs : null,
    };
  });

  const control = variants.find((v) => v.control);
  const everyone = variants.reduce((sum, v) => sum + v.visitors, 0);
  const bootstrapRounds = Math.min(options.bootstrap?.rounds ?? 2000, Math.max(200, Math.floor(5e6 / Math.max(1, everyone))));
  const uplift: Uplift[] = control
    ? variants
        .filter((v) => !v.control)
        .map((v) => ({
          variant: v.variant,
          control: control.variant,
          ctr: ratioDelta(clickSample(tallies.get(v.variant)!), clickSample(tallies.get(control.variant)!), level),
          // Clicks can exceed impressions when an item is clicked twice; cap so the rate stays a proportion.
          ctrPerImpression: twoProportion(Math.min(v.clicks, v.impressions), v.impressions, Math.min(control.clicks, control.impressions), control.impressions, level),
          addToCartRate: twoProportion(v.carters, v.visitors, control.carters, control.visitors, level),
          conversionRate: twoProportion(v.purchasers, v.visitors, control.purchasers, control.visitors, level),
          repeatPurchaseRate: twoProportion(v.repeatPurchasers, v.purchasers, control.repeatPurchasers, control.purchasers, level),
          revenuePerVisitor: {
            welch: welch(moments(revenues.get(v.variant)!), moments(revenues.get(control.variant)!), level),
            bootstrap: bootstrapMeanDiff(revenues.get(v.variant)!, revenues.get(control.variant)!, { seed: options.bootstrap?.seed, rounds: bootstrapRounds, level }),
          },
        }))
    : [];

  const warnings: string[] = [];
  let srm: SrmCheck | null = null;
  const weights = def ? (def.variants ?? DEFAULT_VARIANTS) : undefined;
  if (weights) {
    const observed = weights.map((w) => tallies.get(w.name)?.visitors.size ?? 0);
    srm = sampleRatioMismatch(observed, weights.map((w) => w.weight));
    if (srm.mismatch) {
      warnings.push(
        `Sample ratio mismatch: visitors per arm (${observed.join(' / ')}) are far from the configured split (${weights.map((w) => w.weight).join(' / ')}), p = ${srm.p.toExponential(2)}. Check assignment and exposure logging before trusting these results.`,
      );
    }
    const unknown = [...tallies.keys()].filter((name) => !weights.some((w) => w.name === name));
    if (unknown.length) warnings.push(`Events name arms the definition does not have: ${unknown.join(', ')}.`);
  } else warnings.push(`No stored definition for "${experiment}": the split cannot be checked. Store it with PUT /v1/admin/experiments.`);
  if (!control) warnings.push('No control arm among the exposures: uplift needs one (name it "control" or set the definition\'s `control`).');
  if (switched.size) warnings.push(`${switched.size} visitor(s) were exposed to more than one arm; each counts in the arm of its first exposure.`);
  const smallest = Math.min(...variants.map((v) => v.visitors));
  if (variants.length && smallest < 100) warnings.push(`An arm has only ${smallest} visitor(s): intervals are wide and the normal approximations rough.`);

  const widgetList = [...widgets.values()]
    .map((w) => ({ ...w, ctr: ratio(w.clicks, w.impressions) }))
    .sort((a, b) => b.impressions - a.impressions || a.variant.localeCompare(b.variant));
  return { experiment, defined: !!def, control: control?.variant ?? controlName, variants, widgets: widgetList, uplift, srm, bootstrapRounds, warnings, level };
}

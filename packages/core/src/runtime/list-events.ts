import { productToItem } from '../sources/data-layer';
import type { Affinity } from '../affinity';
import type { Product } from '../types';

/** Where a widget's items come from, stamped on its impressions and clicks. */
export interface ListEventsOptions {
  /** Stable id of the widget on the page (`item_list_id`), e.g. `pdp-related`. */
  listId: string;
  listName?: string;
  /** The strategy that produced the items, for CTR per strategy. */
  strategy?: string;
}

/** Impressions and clicks of one product list, in GA4 vocabulary. */
export interface ListEvents {
  /**
   * Items that became visible, with their 0-based positions. Each item is reported once per
   * list (a re-render or scrolling back does not count it again); one `view_item_list` carries
   * every newly seen item.
   */
  seen(entries: ReadonlyArray<{ product: Product; index: number }>): void;
  /** A click on the item at `index`: `select_item` with the list id, position and strategy. */
  select(product: Product, index: number): void;
}

type Track = Affinity['track'];

/**
 * Tracks a widget's impressions and clicks so every widget's CTR can be measured per list and
 * strategy.
 *
 * @example
 * const events = createListEvents(affinity.track, { listId: 'home-for-you', strategy: 'for-you' });
 * events.seen([{ product, index: 0 }]); // → view_item_list { item_list_id: 'home-for-you', items: [{ item_id, index: 0 }] }
 * events.select(product, 0);             // → select_item { item_list_id, strategy, items: [{ item_id, index: 0 }] }
 */
export function createListEvents(track: Track, o: ListEventsOptions): ListEvents {
  const reported = new Set<string>();
  const common = () => {
    const d: Record<string, string> = { item_list_id: o.listId };
    if (o.listName) d.item_list_name = o.listName;
    if (o.strategy) d.strategy = o.strategy;
    return d;
  };
  const item = (product: Product, index: number) => ({ ...productToItem(product), item_list_id: o.listId, index });
  return {
    seen(entries) {
      const fresh = entries.filter((e) => !reported.has(e.product.id));
      if (!fresh.length) return;
      for (const e of fresh) reported.add(e.product.id);
      track('view_item_list', { ...common(), items: fresh.map((e) => item(e.product, e.index)) });
    },
    select(product, index) {
      track('select_item', { ...common(), items: [item(product, index)] });
    },
  };
}

/** A promotion shown in a widget (coupon offer, flash sale). */
export interface PromotionRef {
  id: string;
  name?: string;
  /** Where it is shown, e.g. `af-coupon` (`creative_slot`). */
  slot?: string;
  /** The products it applies to, when there are any. */
  products?: readonly Product[];
}

/** Impressions and clicks of promotions. */
export interface PromotionEvents {
  /** `view_promotion`, once per promotion. */
  seen(promotion: PromotionRef): void;
  /** `select_promotion` (a claim, a copy of the code, a click through). */
  select(promotion: PromotionRef): void;
}

/**
 * Tracks promotion impressions (once per promotion) and selections.
 *
 * @example
 * const promos = createPromotionEvents(affinity.track);
 * promos.seen({ id: 'welcome10', name: '10% off your first order', slot: 'af-coupon' });
 */
export function createPromotionEvents(track: Track): PromotionEvents {
  const reported = new Set<string>();
  const data = (p: PromotionRef) => {
    const d: Record<string, unknown> = { promotion_id: p.id };
    if (p.name) d.promotion_name = p.name;
    if (p.slot) d.creative_slot = p.slot;
    if (p.products?.length) d.items = p.products.map(productToItem);
    return d;
  };
  return {
    seen(p) {
      if (reported.has(p.id)) return;
      reported.add(p.id);
      track('view_promotion', data(p));
    },
    select(p) {
      track('select_promotion', data(p));
    },
  };
}

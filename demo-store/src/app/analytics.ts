import { productToItem, type EventData, type Item } from '@affinity/core';
import type { StoreProduct } from './catalog';

/**
 * GA4 e-commerce pushes to `window.dataLayer`, written the way Google Tag Manager documents them
 * (clear the previous `ecommerce` object, then push the event) — exactly what a real store's
 * theme does. Affinity's drop-in script reads these pushes; the store never calls Affinity for them.
 */
type Layer = { push: (...entries: unknown[]) => unknown };

function layer(): Layer {
  const w = window as unknown as { dataLayer?: Layer };
  return (w.dataLayer ??= [] as unknown[]);
}

/**
 * A GA4 item for a product, with optional list position and quantity.
 *
 * @example toItem(product, { index: 0, item_list_name: 'Home > Clocks' })
 */
export function toItem(p: StoreProduct, extra: Partial<Item> = {}): Item {
  const item = productToItem(p);
  delete item.currency; // GA4 puts the currency on the event, not on each item
  return { ...item, ...extra };
}

/**
 * Pushes one GA4 e-commerce event. Never throws into the page.
 *
 * @example pushEcommerce('view_item', { currency: 'GBP', value: 2.95, items: [toItem(p)] })
 */
export function pushEcommerce(event: string, ecommerce: EventData): void {
  try {
    const dl = layer();
    dl.push({ ecommerce: null });
    dl.push({ event, ecommerce });
  } catch {
    // A broken tag manager must not break the shop.
  }
}

const money = (n: number) => Math.round(n * 100) / 100;

/**
 * `view_item_list` for products shown in a listing, each with its 0-based position.
 *
 * @example trackList('category:home', 'Home', products.map((p, i) => [p, i]))
 */
export function trackList(listId: string, listName: string, shown: readonly (readonly [StoreProduct, number])[]): void {
  if (!shown.length) return;
  pushEcommerce('view_item_list', {
    item_list_id: listId,
    item_list_name: listName,
    items: shown.map(([p, index]) => toItem(p, { index, item_list_id: listId, item_list_name: listName })),
  });
}

/** `select_item` when a product is clicked in a list. */
export function trackSelect(listId: string, listName: string, p: StoreProduct, index: number): void {
  pushEcommerce('select_item', { item_list_id: listId, item_list_name: listName, items: [toItem(p, { index, item_list_id: listId, item_list_name: listName })] });
}

/** `view_item` on a product page. */
export function trackView(p: StoreProduct): void {
  pushEcommerce('view_item', { currency: p.currency ?? 'GBP', value: p.price, items: [toItem(p)] });
}

/** `add_to_cart` / `remove_from_cart` for a quantity change. */
export function trackCartChange(p: StoreProduct, delta: number): void {
  if (!delta) return;
  const quantity = Math.abs(delta);
  pushEcommerce(delta > 0 ? 'add_to_cart' : 'remove_from_cart', {
    currency: p.currency ?? 'GBP',
    value: money(p.price * quantity),
    items: [toItem(p, { quantity })],
  });
}

/** A priced cart line for checkout events. */
export interface PricedLine {
  product: StoreProduct;
  quantity: number;
}

const cartItems = (lines: readonly PricedLine[], coupon?: string) =>
  lines.map((l) => toItem(l.product, { quantity: l.quantity, ...(coupon ? { coupon } : {}) }));

/** `view_cart` / `begin_checkout` for the whole cart. */
export function trackCart(event: 'view_cart' | 'begin_checkout', lines: readonly PricedLine[], value: number, coupon?: string): void {
  pushEcommerce(event, { currency: 'GBP', value: money(value), ...(coupon ? { coupon } : {}), items: cartItems(lines, coupon) });
}

/** `purchase` with its transaction id, value, shipping and items. */
export function trackPurchase(transactionId: string, lines: readonly PricedLine[], totals: { value: number; shipping: number; tax: number }, coupon?: string): void {
  pushEcommerce('purchase', {
    transaction_id: transactionId,
    currency: 'GBP',
    value: money(totals.value),
    shipping: money(totals.shipping),
    tax: money(totals.tax),
    ...(coupon ? { coupon } : {}),
    items: cartItems(lines, coupon),
  });
}

/** GA4 `search` with the shopper's term. */
export function trackSearch(term: string): void {
  try {
    layer().push({ event: 'search', search_term: term });
  } catch {
    // see pushEcommerce
  }
}

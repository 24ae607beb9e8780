import type { EventData, EventType, Item } from '../types';
import type { CapturedEvent } from './data-layer';

/**
 * Events merchants can declare on links and buttons without code:
 * `<a href="/p/42" data-af-event="select_item" data-af-item-id="42" data-af-item-name="Trail shoe">`.
 * Inside an element with `data-af-list-id` / `data-af-list-name`, the list and the position are
 * filled in from the container.
 */
const CLICK_EVENTS = new Set<EventType>(['select_item', 'add_to_cart', 'remove_from_cart', 'add_to_wishlist', 'select_promotion', 'begin_checkout', 'share']);

const num = (v: string | undefined) => {
  const n = v === undefined ? NaN : parseFloat(v);
  return Number.isFinite(n) ? n : undefined;
};

/** Reads a GA4 item from an element's `data-af-item-*` / `data-af-price` attributes. */
export function itemFromElement(el: Element): Item | undefined {
  const d = (el as HTMLElement).dataset ?? {};
  const id = d.afItemId ?? d.productId;
  if (!id) return undefined;
  const item: Item = { item_id: id };
  if (d.afItemName) item.item_name = d.afItemName;
  if (d.afItemBrand) item.item_brand = d.afItemBrand;
  if (d.afItemCategory) {
    const keys = ['item_category', 'item_category2', 'item_category3', 'item_category4', 'item_category5'] as const;
    d.afItemCategory.split(/\s*>\s*/).slice(0, 5).forEach((c, i) => (item[keys[i]!] = c));
  }
  const price = num(d.afPrice);
  if (price !== undefined) item.price = price;
  const qty = num(d.afQuantity);
  if (qty !== undefined) item.quantity = qty;
  return item;
}

/** The event a click on `target` declares through `data-af-*` attributes, if any. */
export function eventFromClick(target: Element): CapturedEvent | undefined {
  const el = target.closest('[data-af-event]') as HTMLElement | null;
  if (!el) return undefined;
  const type = el.dataset.afEvent as EventType;
  if (!CLICK_EVENTS.has(type)) return undefined;
  const data: EventData = {};
  const item = itemFromElement(el) ?? itemFromElement(el.closest('[data-af-item-id]') ?? el);
  const list = el.closest('[data-af-list-id],[data-af-list-name]') as HTMLElement | null;
  if (list) {
    if (list.dataset.afListId) data.item_list_id = list.dataset.afListId;
    if (list.dataset.afListName) data.item_list_name = list.dataset.afListName;
  }
  if (item) {
    const explicit = num(el.dataset.afIndex);
    if (explicit !== undefined) item.index = explicit;
    else if (list) {
      const cards = Array.from(list.querySelectorAll('[data-af-item-id]')).filter((c) => !c.parentElement?.closest('[data-af-item-id]'));
      const card = el.closest('[data-af-item-id]');
      const i = card ? cards.indexOf(card) : -1;
      if (i >= 0) item.index = i;
    }
    data.items = [item];
  }
  if (el.dataset.afPromotionId) data.promotion_id = el.dataset.afPromotionId;
  if (el.dataset.afPromotionName) data.promotion_name = el.dataset.afPromotionName;
  if (type !== 'select_promotion' && type !== 'begin_checkout' && type !== 'share' && !data.items) return undefined;
  return { type, data };
}

/**
 * Captures declared clicks on a document (one delegated listener, capture phase, passive).
 *
 * @example const stop = watchClicks(document, (e) => affinity.track(e.type, e.data));
 */
export function watchClicks(root: Document | HTMLElement, onEvent: (e: CapturedEvent) => void): () => void {
  const listener = (ev: Event) => {
    try {
      const e = ev.target instanceof Element ? eventFromClick(ev.target) : undefined;
      if (e) onEvent(e);
    } catch {
      // Never break the merchant's click handling.
    }
  };
  root.addEventListener('click', listener, { capture: true, passive: true });
  return () => root.removeEventListener('click', listener, { capture: true });
}

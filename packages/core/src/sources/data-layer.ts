import { EVENT_TYPES, type EventData, type EventType, type Item, type Product } from '../types';

/** An event read from a merchant's analytics data layer. */
export interface CapturedEvent {
  type: EventType;
  data: EventData;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
// Pure: a bundle that takes only `productToItem` from here drops the event type list with it.
const known = /* @__PURE__ */ new Set<string>(EVENT_TYPES);
const str = (v: unknown) => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined);
const num = (v: unknown) => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? parseFloat(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

/**
 * Converts a catalog product to a GA4 item (category path → item_category…item_category5).
 *
 * @example productToItem({ id: 'sku-1', title: 'Trail shoe', category: ['Shoes', 'Running'] })
 * // → { item_id: 'sku-1', item_name: 'Trail shoe', item_category: 'Shoes', item_category2: 'Running' }
 */
export function productToItem(p: Product): Item {
  const item: Item = { item_id: p.id };
  if (p.title) item.item_name = p.title;
  if (p.brand) item.item_brand = p.brand;
  if (p.price !== undefined) item.price = p.price;
  if (p.listPrice !== undefined && p.price !== undefined && p.listPrice > p.price) item.discount = +(p.listPrice - p.price).toFixed(2);
  if (p.currency) item.currency = p.currency;
  const keys = ['item_category', 'item_category2', 'item_category3', 'item_category4', 'item_category5'] as const;
  p.category?.slice(0, 5).forEach((c, i) => (item[keys[i]!] = c));
  return item;
}

/** Normalises a GA4 (or gtag alias / Universal Analytics) item to GA4 field names. */
function toItem(raw: unknown): Item | undefined {
  if (!isObj(raw)) return undefined;
  const id = str(raw.item_id) ?? str(raw.id) ?? str(raw.sku);
  if (!id) return undefined;
  const item: Item = { item_id: id };
  const name = str(raw.item_name) ?? str(raw.name);
  if (name) item.item_name = name;
  const brand = str(raw.item_brand) ?? str(raw.brand);
  if (brand) item.item_brand = brand;
  const price = num(raw.price);
  if (price !== undefined) item.price = price;
  const quantity = num(raw.quantity);
  if (quantity !== undefined) item.quantity = quantity;
  const discount = num(raw.discount);
  if (discount !== undefined) item.discount = discount;
  const variant = str(raw.item_variant) ?? str(raw.variant);
  if (variant) item.item_variant = variant;
  const listName = str(raw.item_list_name) ?? str(raw.list_name) ?? str(raw.list);
  if (listName) item.item_list_name = listName;
  const listId = str(raw.item_list_id) ?? str(raw.list_id);
  if (listId) item.item_list_id = listId;
  const position = num(raw.position);
  const pos = num(raw.index) ?? (position !== undefined ? position - 1 : undefined);
  if (pos !== undefined) item.index = pos;
  if (str(raw.item_category)) {
    (['item_category', 'item_category2', 'item_category3', 'item_category4', 'item_category5'] as const).forEach((k) => {
      const v = str(raw[k]);
      if (v) item[k] = v;
    });
  } else if (str(raw.category)) {
    // Universal Analytics writes the path as "Shoes/Running".
    const keys = ['item_category', 'item_category2', 'item_category3', 'item_category4', 'item_category5'] as const;
    str(raw.category)!.split('/').slice(0, 5).forEach((c, i) => (item[keys[i]!] = c.trim()));
  }
  return item;
}

const items = (v: unknown): Item[] => (Array.isArray(v) ? v : []).map(toItem).filter((x): x is Item => !!x);

const PARAMS = ['value', 'currency', 'transaction_id', 'coupon', 'shipping', 'tax', 'search_term', 'item_list_id', 'item_list_name', 'promotion_id', 'promotion_name', 'creative_name', 'creative_slot'] as const;

function ga4(type: string, params: Obj): CapturedEvent | undefined {
  if (!known.has(type)) return undefined;
  const data: EventData = {};
  for (const k of PARAMS) {
    const v = params[k];
    if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) data[k] = v as never;
  }
  if (params.items !== undefined) data.items = items(params.items);
  return { type: type as EventType, data };
}

/** Universal Analytics enhanced-ecommerce objects, still common on older themes. */
function universal(ec: Obj): CapturedEvent | undefined {
  const action = (key: string) => (isObj(ec[key]) ? (ec[key] as Obj) : undefined);
  const af = (o: Obj) => (isObj(o.actionField) ? o.actionField : {}) as Obj;
  const currency = str(ec.currencyCode);
  const withCurrency = (data: EventData) => (currency ? { ...data, currency } : data);
  const p = action('purchase');
  if (p) {
    const f = af(p);
    return { type: 'purchase', data: withCurrency({ transaction_id: str(f.id), value: num(f.revenue), items: items(p.products) }) };
  }
  const pairs: [string, EventType][] = [['detail', 'view_item'], ['add', 'add_to_cart'], ['remove', 'remove_from_cart'], ['checkout', 'begin_checkout'], ['click', 'select_item']];
  for (const [key, type] of pairs) {
    const a = action(key);
    if (a) {
      const list = str(af(a).list);
      return { type, data: withCurrency({ items: items(a.products), ...(list ? { item_list_name: list } : {}) }) };
    }
  }
  if (Array.isArray(ec.impressions)) return { type: 'view_item_list', data: withCurrency({ items: items(ec.impressions) }) };
  return undefined;
}

/**
 * Reads one data-layer push: a GTM GA4 object (`{ event: 'view_item', ecommerce: {…} }`), a gtag
 * call (`['event', 'view_item', {…}]` or its `arguments` object) or a Universal Analytics
 * enhanced-ecommerce object. Anything else (including `{ ecommerce: null }` resets) gives undefined.
 */
export function fromDataLayer(push: unknown): CapturedEvent | undefined {
  if (push == null || typeof push !== 'object') return undefined;
  const arr = push as ArrayLike<unknown>;
  if (arr[0] === 'event' && typeof arr[1] === 'string') return ga4(arr[1], isObj(arr[2]) ? arr[2] : {});
  if (!isObj(push)) return undefined;
  const ecommerce = isObj(push.ecommerce) ? push.ecommerce : undefined;
  if (typeof push.event === 'string' && known.has(push.event)) return ga4(push.event, ecommerce ?? push);
  return ecommerce ? universal(ecommerce) : undefined;
}

/**
 * Replays a data layer's queued pushes, then sees every new one as it is pushed. The merchant's
 * own `push` keeps working (GTM wraps it too); returns a function that stops watching.
 *
 * New pushes are read in the merchant's task, not deferred: an event is stamped when it is read,
 * and a deferred read runs late in a background tab (timers there wait a second or more), so the
 * event would carry the wrong time.
 *
 * @example watchDataLayer((window.dataLayer ||= []), (e) => affinity.track(e.type, e.data));
 */
export function watchDataLayer(layer: unknown[], onEvent: (e: CapturedEvent) => void): () => void {
  const read = (entry: unknown) => {
    try {
      const e = fromDataLayer(entry);
      if (e) onEvent(e);
    } catch {
      // A hostile entry (getters that throw, proxies) must never break the merchant's push.
    }
  };
  layer.forEach(read);
  const original = layer.push;
  const wrapped = function (this: unknown[], ...entries: unknown[]) {
    const r = original.apply(this, entries);
    entries.forEach(read);
    return r;
  };
  layer.push = wrapped;
  return () => {
    if (layer.push === wrapped) layer.push = original;
  };
}

import { productFromItem } from '../catalog/product-from-item';
import type { AffinityEvent, EventType, Item } from '../types';
import { bump, decayed } from './decay';
import { noteBump } from './favourites';
import { DAY_MS, type ResolvedProfileOptions } from './options';
import { priceBand, priceBandLabel } from './price-band';
import type { AffinityEntry, AffinityKind, Profile, ProfileCounts } from './types';

/** Caps keep the persisted profile small however long the history; the weakest keys go first. */
const LIMITS: Record<AffinityKind | 'items' | 'ranges', number> = {
  category: 300,
  brand: 200,
  tag: 200,
  price: 32,
  items: 500,
  ranges: 300,
};
const MAX_ITEMS_PER_EVENT = 200;
const RECENT_IDS = 32;
const SESSION_ITEMS = 20;
/** Joins a category path into an affinity key: `Shoes > Running`. */
export const CATEGORY_SEPARATOR = ' > ';

const COUNTERS: Partial<Record<EventType, keyof ProfileCounts>> = {
  view_item: 'views',
  select_item: 'selects',
  add_to_cart: 'carts',
  remove_from_cart: 'removes',
  add_to_wishlist: 'wishlists',
  begin_checkout: 'checkouts',
  purchase: 'purchases',
  search: 'searches',
  view_item_list: 'lists',
};
/** Browsing that shows engagement without touching an item. */
const LIGHT_INTERACTIONS = new Set<EventType>(['page_view', 'view_item_list', 'search', 'view_cart', 'view_promotion', 'select_promotion']);
/** Events that say where the shopper's prices sit (not removals, not lists). */
const PRICE_ENGAGEMENT = new Set<EventType>(['view_item', 'select_item', 'add_to_cart', 'add_to_wishlist', 'purchase']);

/**
 * Fold one event into the profile, in place, in O(items in the event). Returns `false` when
 * the event was already applied (same id seen recently, or a duplicate purchase) or malformed.
 * Derived fields (tags, RFM, lifecycle, intent) are refreshed separately by `deriveProfile`.
 *
 * @example
 * const p = emptyProfile();
 * applyEvent(p, event, resolveProfileOptions());
 * deriveProfile(p, Date.now(), resolveProfileOptions());
 */
export function applyEvent(p: Profile, e: AffinityEvent, o: ResolvedProfileOptions): boolean {
  if (!e || typeof e.id !== 'string' || typeof e.ts !== 'number' || !Number.isFinite(e.ts)) return false;
  const seen = recentSet(p.recentIds);
  if (seen.has(e.id)) return false;
  const data = e.data && typeof e.data === 'object' ? e.data : {};
  const type = e.type;
  const ts = e.ts;
  if (type === 'purchase' && typeof data.transaction_id === 'string' && data.transaction_id) {
    if (p.orders.ids.includes(data.transaction_id)) return false;
    p.orders.ids.push(data.transaction_id);
    if (p.orders.ids.length > 20) p.orders.ids.shift();
  }

  p.recentIds.push(e.id);
  seen.add(e.id);
  if (p.recentIds.length > RECENT_IDS) seen.delete(p.recentIds.shift()!);
  if (ts > p.lastTs) p.lastTs = ts;
  if (typeof e.visitor === 'string' && e.visitor) p.visitor = e.visitor;

  startSessionIfNew(p, e);
  const session = p.session!;
  session.events++;
  if (ts > session.last) session.last = ts;
  if (!p.activity.first || ts < p.activity.first) p.activity.first = ts;
  if (ts > p.activity.last) p.activity.last = ts;

  p.counts.events++;
  const counter = COUNTERS[type];
  if (counter) p.counts[counter]++;

  const typeWeight = o.weights[type] ?? 0;
  const engagement = typeWeight > 0 ? typeWeight : LIGHT_INTERACTIONS.has(type) ? 0.5 : 0;
  if (engagement > 0) bump(p.activity.engagement, engagement, ts, o.halfLifeMs);

  const items = Array.isArray(data.items) ? data.items : [];
  const itemWeight = type === 'view_item' ? typeWeight * dwellFactor(data.dwell_ms) : typeWeight;
  let computedValue = 0;
  const n = Math.min(items.length, MAX_ITEMS_PER_EVENT);
  for (let i = 0; i < n; i++) {
    const item = items[i];
    if (!item || (typeof item.item_id !== 'string' && typeof item.item_id !== 'number') || item.item_id === '') continue;
    const qty = typeof item.quantity === 'number' && item.quantity > 0 ? item.quantity : 1;
    const price = applyItem(p, type, item, itemWeight, qty, ts, o);
    if (price !== undefined) computedValue += price * qty;
  }

  switch (type) {
    case 'begin_checkout':
    case 'add_payment_info':
      session.checkout = true;
      break;
    case 'purchase': {
      const value = typeof data.value === 'number' && Number.isFinite(data.value) && data.value >= 0 ? data.value : computedValue;
      p.orders.count++;
      p.orders.revenue += value;
      if (!p.orders.first || ts < p.orders.first) p.orders.first = ts;
      if (ts > p.orders.last) p.orders.last = ts;
      session.purchased = true;
      session.checkout = false;
      session.cart = 0;
      break;
    }
    case 'refund': {
      const value = typeof data.value === 'number' && Number.isFinite(data.value) ? data.value : computedValue;
      p.orders.revenue = Math.max(0, p.orders.revenue - value);
      break;
    }
    case 'search': {
      session.searches++;
      const term = typeof data.search_term === 'string' ? data.search_term.trim().toLowerCase() : '';
      if (term) {
        const at = p.searches.indexOf(term);
        if (at >= 0) p.searches.splice(at, 1);
        p.searches.unshift(term);
        if (p.searches.length > 10) p.searches.pop();
      }
      break;
    }
  }
  return true;
}

/**
 * The recent ids as a Set, kept beside the persisted array (comparing a new id with 32 long
 * ids was the costliest step of a rebuild); rebuilt when the array was replaced or resized.
 */
const recentSets = new WeakMap<string[], Set<string>>();

function recentSet(ids: string[]): Set<string> {
  let set = recentSets.get(ids);
  if (set === undefined || set.size !== ids.length) recentSets.set(ids, (set = new Set(ids)));
  return set;
}

function startSessionIfNew(p: Profile, e: AffinityEvent): void {
  if (p.session && p.session.id === e.session) return;
  p.activity.gapDays = p.activity.last ? Math.max(0, (e.ts - p.activity.last) / DAY_MS) : 0;
  p.activity.sessions++;
  p.session = {
    id: String(e.session ?? ''),
    start: e.ts,
    last: e.ts,
    events: 0,
    viewed: [],
    carted: [],
    categories: {},
    cart: 0,
    checkout: false,
    purchased: false,
    searches: 0,
  };
}

/** Longer looks count more: a 2-second bounce is worth about half a view, a minute's read two. */
export function dwellFactor(dwellMs: unknown): number {
  if (typeof dwellMs !== 'number' || !Number.isFinite(dwellMs) || dwellMs < 0) return 1;
  return Math.min(2, 0.5 + dwellMs / 40_000);
}

/** Returns the item's price (for order value when the event has none). */
function applyItem(p: Profile, type: EventType, item: Item, w: number, qty: number, ts: number, o: ResolvedProfileOptions): number | undefined {
  const fromItem = productFromItem(item);
  const id = fromItem.id;
  const known = o.catalog?.get(id);
  const category = fromItem.category ?? known?.category;
  const brand = fromItem.brand ?? known?.brand;
  const price = fromItem.price ?? known?.price;
  const listPrice = fromItem.price !== undefined ? fromItem.listPrice : known?.listPrice;
  const name = fromItem.title ?? known?.title ?? id;
  const discounted = price !== undefined && listPrice !== undefined && listPrice > price;
  const keys = category ? prefixKeys(category) : undefined;
  const leafKey = keys?.[keys.length - 1];

  if (price !== undefined) {
    p.price.seen++;
    if (discounted) p.price.seenDiscounted++;
    if (leafKey) {
      widenRange(p, leafKey, price);
      if (category!.length > 1) widenRange(p, category![0]!, price);
    }
  }
  recordSessionItem(p, id, leafKey, type, qty);
  if (w === 0) return price;

  if (category) {
    let share = 1;
    for (let d = category.length; d >= 1; d--) {
      const key = keys![d - 1]!;
      bumpAffinity(p, 'category', key, w * share, type, name, ts, o.halfLifeMs);
      share *= o.parentShare;
    }
  }
  if (brand) bumpAffinity(p, 'brand', brand, w, type, name, ts, o.halfLifeMs);
  if (known?.tags) for (const tag of known.tags) bumpAffinity(p, 'tag', tag, w, type, name, ts, o.halfLifeMs);
  if (price !== undefined) bumpAffinity(p, 'price', priceBandLabel(priceBand(price)), w, type, name, ts, o.halfLifeMs);

  recordItem(p, id, name, type, w, qty, ts, o.halfLifeMs);
  if (price !== undefined && PRICE_ENGAGEMENT.has(type)) recordPricePosition(p, category, leafKey, price, discounted);
  return price;
}

/** `Shoes`, `Shoes > Running`, … : every prefix key of a path, each built from the previous. */
function prefixKeys(path: string[]): string[] {
  const keys: string[] = [path[0]!];
  for (let d = 1; d < path.length; d++) keys.push(keys[d - 1] + CATEGORY_SEPARATOR + path[d]);
  return keys;
}

function widenRange(p: Profile, key: string, price: number): void {
  const r = p.price.ranges[key];
  if (r) {
    if (price < r[0]) r[0] = price;
    if (price > r[1]) r[1] = price;
    r[2]++;
    return;
  }
  p.price.ranges[key] = [price, price, 1];
  if (countInsert(p.price.ranges) > LIMITS.ranges) {
    // Keep the categories with the most observations.
    const keys = Object.keys(p.price.ranges);
    keys.sort((a, b) => p.price.ranges[a]![2] - p.price.ranges[b]![2] || (a < b ? -1 : 1));
    const drop = keys.slice(0, keys.length - Math.floor(LIMITS.ranges * 0.8));
    for (const k of drop) delete p.price.ranges[k];
    sizes.set(p.price.ranges, keys.length - drop.length);
  }
}

function recordPricePosition(p: Profile, category: string[] | undefined, leafKey: string | undefined, price: number, discounted: boolean): void {
  p.price.engagedPriced++;
  if (discounted) p.price.engagedDiscounted++;
  if (!category) return;
  // A range only means something once a few prices are known and they differ.
  let r = p.price.ranges[leafKey ?? ''];
  if (!r || r[2] < 3 || r[1] - r[0] <= r[1] * 0.05) r = p.price.ranges[category[0]!];
  if (!r || r[2] < 3 || r[1] - r[0] <= r[1] * 0.05) return;
  const pos = (price - r[0]) / (r[1] - r[0]);
  p.price.engaged++;
  p.price.posSum += pos;
  if (pos < 1 / 3) p.price.cheap++;
  else if (pos > 2 / 3) p.price.premium++;
}

function bumpAffinity(p: Profile, kind: AffinityKind, key: string, w: number, type: EventType, name: string, ts: number, halfLifeMs: number): void {
  const map = p.affinities[kind];
  let entry = map[key];
  if (!entry) {
    if (w <= 0) return;
    entry = { s: 0, at: ts, n: {}, items: [], first: ts, last: ts };
    map[key] = entry;
    evictIfFull(map, LIMITS[kind], ts, halfLifeMs);
  }
  bump(entry, w, ts, halfLifeMs);
  if (kind === 'category' || kind === 'brand') noteBump(p, kind, key, w);
  entry.n[type] = (entry.n[type] ?? 0) + 1;
  if (ts < entry.first) entry.first = ts;
  if (ts > entry.last) entry.last = ts;
  if (w > 0) {
    const at = entry.items.indexOf(name);
    if (at >= 0) entry.items.splice(at, 1);
    entry.items.unshift(name);
    if (entry.items.length > 3) entry.items.pop();
  }
}

/**
 * Key counts of the bounded maps, kept beside them (not persisted) so an insertion does not
 * cost an `Object.keys` pass; counted once when a map is first seen (e.g. a loaded snapshot).
 */
const sizes = new WeakMap<object, number>();

function countInsert(map: object): number {
  const n = (sizes.get(map) ?? Object.keys(map).length - 1) + 1;
  sizes.set(map, n);
  return n;
}

function evictIfFull<T extends { s: number; at: number }>(map: Record<string, T>, limit: number, now: number, halfLifeMs: number): void {
  if (countInsert(map) <= limit) return;
  const keys = Object.keys(map);
  // Evict a fifth at once so the O(keys) sort is paid rarely.
  const scored = keys.map((k) => [k, decayed(map[k]!.s, map[k]!.at, now, halfLifeMs)] as const);
  scored.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  const drop = keys.length - Math.floor(limit * 0.8);
  for (let i = 0; i < drop; i++) delete map[scored[i]![0]];
  sizes.set(map, keys.length - drop);
}

function recordItem(p: Profile, id: string, name: string, type: EventType, w: number, qty: number, ts: number, halfLifeMs: number): void {
  let h = p.items[id];
  if (!h) {
    if (w <= 0) return;
    h = { s: 0, at: ts, views: 0, carts: 0, bought: 0, last: ts };
    p.items[id] = h;
    evictIfFull(p.items, LIMITS.items, ts, halfLifeMs);
  }
  bump(h, w, ts, halfLifeMs);
  if (name !== id) h.name = name;
  if (ts > h.last) h.last = ts;
  if (type === 'view_item' || type === 'select_item') h.views++;
  else if (type === 'add_to_cart') h.carts++;
  else if (type === 'purchase') h.bought += qty;
}

function recordSessionItem(p: Profile, id: string, leafKey: string | undefined, type: EventType, qty: number): void {
  const s = p.session!;
  if (type === 'view_item' || type === 'select_item') {
    pushRecent(s.viewed, id);
    if (leafKey) s.categories[leafKey] = (s.categories[leafKey] ?? 0) + 1;
  } else if (type === 'add_to_cart') {
    pushRecent(s.carted, id);
    s.cart += qty;
  } else if (type === 'remove_from_cart') {
    s.cart = Math.max(0, s.cart - qty);
  }
}

function pushRecent(list: string[], id: string): void {
  const at = list.indexOf(id);
  if (at >= 0) list.splice(at, 1);
  list.push(id);
  if (list.length > SESSION_ITEMS) list.shift();
}

/** The entry's score decayed to `now`. */
export function entryScore(entry: AffinityEntry, now: number, halfLifeMs: number): number {
  return decayed(entry.s, entry.at, now, halfLifeMs);
}

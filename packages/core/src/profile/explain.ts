import type { EventType } from '../types';
import { decayed } from './decay';
import { DAY_MS } from './options';
import type { AffinityKind, Profile } from './types';

/** Why a score is what it is, in plain words, from the events that made it. */
export interface Explanation {
  key: string;
  /** e.g. "viewed 4 items and added 1 to cart in Shoes > Running this week (Pegasus 40, Ghost 15)". */
  text: string;
  /** Contributing events by type, most weighty first. */
  events: Array<{ type: EventType; count: number }>;
  /** Recent item names behind it, newest first. */
  items: string[];
  /** The current (decayed) score, when the key has one. */
  score?: number;
}

const PHRASES: Array<[EventType, (n: number) => string]> = [
  ['view_item', (n) => `viewed ${n} ${n === 1 ? 'item' : 'items'}`],
  ['select_item', (n) => `clicked ${n} ${n === 1 ? 'item' : 'items'}`],
  ['add_to_wishlist', (n) => `saved ${n} to the wishlist`],
  ['add_to_cart', (n) => `added ${n} to the cart`],
  ['begin_checkout', (n) => `started checkout with ${n}`],
  ['purchase', (n) => `bought ${n}`],
  ['remove_from_cart', (n) => `removed ${n} from the cart`],
];
const KINDS: Record<string, AffinityKind> = { category: 'category', brand: 'brand', tag: 'tag', price: 'price' };

/**
 * Explain one profile key: an affinity (`category:Shoes > Running`, `brand:Nike`, `tag:vegan`,
 * `price:32-64`) or a derived field (`priceSensitivity`, `interactionLevel`, `rfm`, `lifecycle`,
 * `intent`). Returns `undefined` for a key the profile has nothing on.
 *
 * @example
 * explain(profile, 'category:Shoes > Running', Date.now())?.text;
 * // "viewed 4 items and added 1 to the cart in Shoes > Running this week (Pegasus 40, Ghost 15)"
 */
export function explain(p: Profile, key: string, now: number = Date.now()): Explanation | undefined {
  const colon = key.indexOf(':');
  const kind = colon > 0 ? KINDS[key.slice(0, colon)] : undefined;
  if (kind) return explainAffinity(p, kind, key.slice(colon + 1), now);
  switch (key) {
    case 'priceSensitivity':
      return explainPrice(p);
    case 'interactionLevel':
      return plain(key, `${p.counts.events} ${plural(p.counts.events, 'event')} over ${p.activity.sessions} ${plural(p.activity.sessions, 'session')}: ${countsText(p)}`);
    case 'rfm':
      return explainRfm(p, now);
    case 'lifecycle':
      return explainLifecycle(p, now);
    case 'intent':
      return explainIntent(p);
    case 'favouriteCategories':
      return p.tags.favouriteCategories[0] ? explainAffinity(p, 'category', p.tags.favouriteCategories[0], now) : undefined;
    case 'favouriteBrands':
      return p.tags.favouriteBrands[0] ? explainAffinity(p, 'brand', p.tags.favouriteBrands[0], now) : undefined;
  }
  return undefined;
}

function explainAffinity(p: Profile, kind: AffinityKind, name: string, now: number): Explanation | undefined {
  const e = p.affinities[kind][name];
  if (!e) return undefined;
  const events: Explanation['events'] = [];
  const parts: string[] = [];
  for (const [type, phrase] of PHRASES) {
    const n = e.n[type];
    if (n) (events.push({ type, count: n }), parts.push(phrase(n)));
  }
  const where = kind === 'category' ? `in ${name}` : kind === 'brand' ? `from ${name}` : kind === 'tag' ? `tagged ${name}` : `priced ${name}`;
  const items = e.items.length ? ` (${e.items.join(', ')})` : '';
  return {
    key: `${kind}:${name}`,
    text: `${joinWords(parts)} ${where} ${since(e.first, now)}${items}`,
    events,
    items: e.items.slice(),
    score: decayed(e.s, e.at, now, p.halfLifeDays * DAY_MS),
  };
}

function explainPrice(p: Profile): Explanation {
  const s = p.price;
  if (s.engaged < 3) return plain('priceSensitivity', `not enough priced items yet (${s.engaged} of 3 needed)`);
  const disc = s.engagedPriced ? `; ${s.engagedDiscounted} of ${s.engagedPriced} were discounted` : '';
  return plain(
    'priceSensitivity',
    `${s.cheap} of ${s.engaged} items looked at were in the cheapest third of their category, ${s.premium} in the dearest third${disc}`,
  );
}

function explainRfm(p: Profile, now: number): Explanation {
  const o = p.orders;
  if (!o.count) return plain('rfm', 'no orders yet');
  const days = Math.floor((now - o.last) / DAY_MS);
  return plain('rfm', `${o.count} ${plural(o.count, 'order')}, the last ${ago(days)}, ${round(o.revenue)} spent in total`);
}

function explainLifecycle(p: Profile, now: number): Explanation {
  const idle = Math.floor((now - p.activity.last) / DAY_MS);
  const text =
    p.lifecycle === 'dormant' || p.lifecycle === 'churned'
      ? `last seen ${ago(idle)}`
      : p.lifecycle === 'returning'
        ? `back after ${Math.floor(p.activity.gapDays)} days away`
        : p.orders.count
          ? `${p.orders.count} ${plural(p.orders.count, 'order')} over ${p.activity.sessions} ${plural(p.activity.sessions, 'visit')}`
          : `${countsText(p)} over ${p.activity.sessions} ${plural(p.activity.sessions, 'visit')}`;
  return plain('lifecycle', text);
}

function explainIntent(p: Profile): Explanation {
  const s = p.session;
  if (!s) return plain('intent', 'no visit under way');
  if (s.checkout) return plain('intent', 'checkout started this visit');
  if (s.cart > 0) return plain('intent', `${s.cart} ${plural(s.cart, 'item')} in the cart this visit`);
  let top = '';
  for (const k in s.categories) if (!top || s.categories[k]! > s.categories[top]!) top = k;
  const text = top
    ? `viewed ${s.viewed.length} ${plural(s.viewed.length, 'item')} this visit, ${s.categories[top]} in ${top}`
    : `${s.events} ${plural(s.events, 'event')} this visit`;
  return plain('intent', text);
}

function countsText(p: Profile): string {
  const c = p.counts;
  const parts: string[] = [];
  if (c.views) parts.push(`${c.views} ${plural(c.views, 'view')}`);
  if (c.carts) parts.push(`${c.carts} added to the cart`);
  if (c.purchases) parts.push(`${c.purchases} ${plural(c.purchases, 'purchase')}`);
  if (c.searches) parts.push(`${c.searches} ${plural(c.searches, 'search', 'searches')}`);
  return parts.length ? parts.join(', ') : 'no item views yet';
}

function plain(key: string, text: string): Explanation {
  return { key, text, events: [], items: [] };
}

function since(first: number, now: number): string {
  const days = (now - first) / DAY_MS;
  if (days < 1) return 'today';
  if (days <= 7) return 'this week';
  if (days <= 31) return 'this month';
  return `since ${new Date(first).toISOString().slice(0, 10)}`;
}

function ago(days: number): string {
  return days <= 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
}

function joinWords(parts: string[]): string {
  if (parts.length <= 1) return parts[0] ?? 'interacted';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

function round(x: number): string {
  return String(Math.round(x * 100) / 100);
}

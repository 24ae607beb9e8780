import { describe, expect, it } from 'vitest';
import { buildProfile } from '../../profile/build-profile';
import type { AffinityEvent, Product } from '../../types';
import { buildSessionIndex } from '../next/session-index';
import { recommend } from '../recommend';
import { catalogOf, model, PRODUCTS } from '../test-fixtures';
import type { RecommendContext } from '../types';

const ids = (list: { product: { id: string } }[]) => list.map((r) => r.product.id);
const ctx = (extra: Partial<RecommendContext> = {}): RecommendContext => ({ catalog: catalogOf(), model: model(), now: 0, ...extra });

let seq = 0;
function event(type: AffinityEvent['type'], product: Product, ts: number, session = 's1'): AffinityEvent {
  const item = { item_id: product.id, item_name: product.title, item_brand: product.brand, price: product.price, item_category: product.category?.[0], item_category2: product.category?.[1], item_category3: product.category?.[2] };
  return { id: `e${String(seq++).padStart(4, '0')}`, type, ts, visitor: 'v', session, channel: 'web', data: { items: [item] } };
}
const byId = (id: string) => PRODUCTS.find((p) => p.id === id)!;

describe('related', () => {
  it('ranks by shared category path, brand and price, and says what is shared', () => {
    const list = recommend('related', ctx({ model: null, anchor: 'tent' }), { limit: 3, diversity: 1 });
    expect(ids(list).slice(0, 2)).toEqual(['tent2', 'tent3']);
    expect(list[0]!.reason).toBe('Similar to Trail tent: same brand, also in Tents, similar price');
  });

  it('uses recent views when the page has no anchor', () => {
    expect(ids(recommend('related', ctx({ model: null, viewed: ['shoe'] }), { limit: 2 }))).toContain('sock');
  });
});

describe('also-viewed and cart-complement', () => {
  it('also-viewed reports the share of viewers', () => {
    const [top] = recommend('also-viewed', ctx({ anchor: 'shoe' }), { limit: 1 });
    expect(top!.product.id).toBe('sock');
    expect(top!.reason).toBe('50% of shoppers who viewed Running shoe also viewed this');
  });

  it('cart-complement draws on every item of the cart', () => {
    const list = recommend('cart-complement', ctx({ cart: ['tent', 'stove'] }), { limit: 3, diversity: 1 });
    // gas (from the stove, lift 9) and pegs (from the tent) both come from basket rules.
    expect(ids(list).slice(0, 2).sort()).toEqual(['gas', 'pegs']);
    expect(list[0]!.reason).toMatch(/^Goes with (Camp stove|Trail tent) in your cart: bought together by \d+% of buyers$/);
  });
});

describe('next', () => {
  it('uses the session index when there is one', () => {
    const sessionIndex = buildSessionIndex([
      { items: ['tent', 'stove', 'gas'], end: 1 },
      { items: ['tent', 'stove'], end: 2 },
    ]);
    const [top] = recommend('next', ctx({ sessionIndex, viewed: ['shoe', 'tent'] }), { limit: 2 });
    expect(top).toMatchObject({ strategy: 'next', reason: 'Often viewed next after Trail tent' });
    expect(top!.product.id).toBe('stove');
  });

  it('uses the model transitions when the session index knows none of the session items', () => {
    // A served index holds only recent sessions; the shoe was not among them.
    const sessionIndex = buildSessionIndex([{ items: ['tent', 'stove'], end: 1 }]);
    const [top] = recommend('next', ctx({ sessionIndex, anchor: 'shoe' }), { limit: 1 });
    // From `next` itself, not from its fallback chain (also-viewed would find the socks too).
    expect(top).toMatchObject({ product: { id: 'sock' }, strategy: 'next', reason: 'Often viewed next after Running shoe' });
  });

  it('falls back to the model transitions of the latest items', () => {
    expect(ids(recommend('next', ctx({ anchor: 'shoe' }), { limit: 1 }))).toEqual(['sock']);
    // tent → tent2 9, stove 3; shoe (one step back, half weight) → sock 5 × ½.
    expect(ids(recommend('next', ctx({ viewed: ['shoe', 'tent'] }), { limit: 3, diversity: 1 }))).toEqual(['tent2', 'stove', 'sock']);
  });
});

describe('popular, trending, recently-viewed', () => {
  it('popular per category', () => {
    const list = recommend('popular', ctx({ category: 'Apparel' }), { limit: 2 });
    expect(ids(list)).toEqual(['sock', 'shoe']);
    expect(list[0]!.reason).toBe('Popular in Apparel');
  });

  it('popular without a model ranks the catalog by ratings', () => {
    const catalog = catalogOf([{ id: 'a', rating: 4, ratingCount: 10 }, { id: 'b', rating: 5, ratingCount: 100 }]);
    expect(ids(recommend('popular', { catalog, model: null }, { limit: 2 }))).toEqual(['b', 'a']);
  });

  it('trending falls back to popular to fill the widget', () => {
    const list = recommend('trending', ctx(), { limit: 4 });
    expect(ids(list).slice(0, 2)).toEqual(['cap', 'gas']);
    expect(list.slice(2).every((r) => r.strategy === 'popular')).toBe(true);
  });

  it('recently-viewed lists views newest first and does not pad', () => {
    const list = recommend('recently-viewed', ctx({ viewed: ['tent', 'shoe', 'sock'], anchor: 'sock' }), { limit: 5 });
    expect(ids(list)).toEqual(['shoe', 'tent']);
  });
});

describe('for-you', () => {
  it('applies the profile: a running fan gets running gear, a bargain nudge for sales', () => {
    const events = [event('view_item', byId('shoe'), 1), event('add_to_cart', byId('shoe'), 2), event('view_item', byId('sock'), 3)];
    const profile = buildProfile(events, { now: () => 10 });
    const list = recommend('for-you', ctx({ profile, now: 10, model: null, bought: [] }), { limit: 3 });
    expect(ids(list)).toContain('cap');
    expect(list.find((r) => r.product.id === 'cap')!.reason).toMatch(/Fast|Running|Apparel|price/);
    expect(ids(list)).not.toContain('tent');
  });

  it('offers repeatable products bought before ("buy again")', () => {
    const events = [event('purchase', byId('gas'), 1)];
    const profile = buildProfile(events, { now: () => 10 });
    const list = recommend('for-you', ctx({ profile, now: 10, bought: ['gas'] }), { limit: 4 });
    expect(list.find((r) => r.product.id === 'gas')).toBeDefined();
  });
});

describe('hybrid', () => {
  it('follows the configured blend', () => {
    const onlyRelated = recommend('hybrid', ctx({ anchor: 'tent', blend: { related: 1 } }), { limit: 2, diversity: 1 });
    expect(ids(onlyRelated)).toEqual(['tent2', 'tent3']);
    const onlyBought = recommend('hybrid', ctx({ anchor: 'tent', blend: { 'bought-together': 1 } }), { limit: 1 });
    expect(ids(onlyBought)).toEqual(['pegs']);
    expect(onlyBought[0]!.reason).toBe('Bought together with Trail tent by 31% of buyers');
  });
});

import { describe, expect, it } from 'vitest';
import { buildProfile } from '../profile/build-profile';
import { emptyProfile } from '../profile/empty-profile';
import { DAY, T0, ev, item } from '../profile/test-support';
import type { Product } from '../types';
import { rank } from './rank';
import { CASUAL, RUN, ids, shoesPage, testModel } from './test-products';

const NOW = T0 + DAY;

/** Viewed and carted running shoes on other pages (none of them is on this page). */
function runner() {
  return buildProfile(
    [
      ev('view_item', T0, { items: [item('x1', 'Cumulus 25', RUN, 130)] }),
      ev('view_item', T0 + 60_000, { items: [item('x2', 'Novablast 4', RUN, 140)] }),
      ev('view_item', T0 + 120_000, { items: [item('x3', 'Endorphin', RUN, 150)] }),
      ev('add_to_cart', T0 + 180_000, { items: [item('x2', 'Novablast 4', RUN, 140)] }),
    ],
    { now: () => NOW },
  );
}

/** Looked at cheap items in several categories, mostly discounted, after seeing full lists. */
function bargainHunter() {
  const list = (path: string[], prices: number[]) =>
    ev('view_item_list', T0, { items: prices.map((price, i) => item(`${path[1]}-${i}`, `${path[1]} ${i}`, path, price)) });
  const cheap = (id: string, path: string[], price: number, ts: number) =>
    ev('view_item', ts, { items: [item(id, id, path, price, { discount: price * 0.3 })] });
  return buildProfile(
    [
      list(CASUAL, [30, 60, 90, 120]),
      list(['Shoes', 'Hiking'], [50, 120, 200]),
      list(['Bags', 'Backpacks'], [15, 60, 110]),
      cheap('a', CASUAL, 32, T0 + 1000),
      cheap('b', ['Shoes', 'Hiking'], 55, T0 + 2000),
      cheap('c', ['Bags', 'Backpacks'], 18, T0 + 3000),
      cheap('d', CASUAL, 35, T0 + 4000),
    ],
    { now: () => NOW },
  );
}

const meanPrice = (list: ReadonlyArray<{ product: Product }> | Product[], k: number) =>
  list.slice(0, k).reduce((s, x) => s + ('product' in x ? x.product.price! : x.price!), 0) / k;

describe('rank — personas', () => {
  it('puts running shoes first for a shopper who viewed and carted running shoes', () => {
    const ranked = rank(shoesPage, { profile: runner(), now: NOW });
    expect(ranked[0]!.product.category).toEqual(RUN);
    const runningInTop4 = ranked.slice(0, 4).filter((r) => r.product.category![1] === 'Running').length;
    expect(runningInTop4).toBeGreaterThanOrEqual(3);
    expect(ranked[0]!.reason).toBe('Matches your interest in Shoes > Running');
  });

  it("lifts a bargain hunter's cheap items", () => {
    const p = bargainHunter();
    expect(p.tags.priceSensitivity).toBe('high');
    const ranked = rank(shoesPage, { profile: p, now: NOW });
    expect(meanPrice(ranked, 4)).toBeLessThan(meanPrice(shoesPage, 4));
    // The two cheapest (the 35 sandal and the 20 flip-flop, 8th and 10th in the store's order) rise.
    expect(ids(ranked.slice(0, 4))).toContain('f1');
    expect(ids(ranked).indexOf('f2')).toBeLessThan(6);
  });

  it("leaves a new visitor's order untouched", () => {
    expect(ids(rank(shoesPage))).toEqual(ids(shoesPage));
    expect(ids(rank(shoesPage, { profile: emptyProfile(), now: NOW }))).toEqual(ids(shoesPage));
    expect(rank(shoesPage)[3]!.reason).toBe("In the store's order");
  });

  it('keeps pinned items pinned, whatever the profile', () => {
    const rules = { pin: { c2: 1, f1: 5 } };
    for (const profile of [undefined, runner(), bargainHunter()]) {
      const ranked = rank(shoesPage, { profile, rules, now: NOW });
      expect(ranked[0]!.id).toBe('c2');
      expect(ranked[4]!.id).toBe('f1');
      expect(ranked[0]!.reason).toBe('Pinned by the store');
    }
  });
});

describe('rank — rules and signals', () => {
  it('puts out-of-stock items last and buried items just before them', () => {
    const page = shoesPage.map((p) => (p.id === 'c1' ? { ...p, stock: 0 } : p));
    const ranked = rank(page, { rules: { bury: ['h1'] } });
    expect(ids(ranked).slice(-2)).toEqual(['h1', 'c1']);
    expect(ranked.at(-1)!.reason).toBe('Out of stock');
    expect(ids(rank(page, { rules: { outOfStockLast: false } }))).toEqual(ids(page));
  });

  it('boosts what the merchant boosts', () => {
    const ranked = rank(shoesPage, { rules: { boost: { r4: 2 } } });
    expect(ranked[0]!.id).toBe('r4');
    expect(ranked[0]!.parts.rule).toBe(2);
    expect(ranked[0]!.reason).toBe('Promoted by the store');
  });

  it('sinks a durable the shopper already bought, but offers a consumable again', () => {
    const page: Product[] = [
      { id: 'tv', title: 'TV', category: ['Electronics'], price: 500 },
      { id: 'a', title: 'A', category: ['Electronics'], price: 40 },
      { id: 'coffee', title: 'Coffee', category: ['Grocery'], price: 12, repeatable: true },
      { id: 'b', title: 'B', category: ['Grocery'], price: 9 },
    ];
    const p = buildProfile(
      [
        ev('purchase', T0, { transaction_id: 'o1', items: [item('tv', 'TV', ['Electronics'], 500)] }),
        ev('purchase', T0 + DAY, { transaction_id: 'o2', items: [item('coffee', 'Coffee', ['Grocery'], 12)] }),
      ],
      { now: () => NOW },
    );
    const ranked = rank(page, { profile: p, now: NOW + DAY, diversity: false });
    expect(ranked.findIndex((r) => r.id === 'tv')).toBeGreaterThan(1);
    expect(ranked.find((r) => r.id === 'tv')!.reason).toBe('You already bought this');
    expect(ranked[0]!.id).toBe('coffee');
    expect(ranked[0]!.reason).toBe('Buy it again');
  });

  it('raises items often viewed with what this session looked at', () => {
    const p = buildProfile([ev('view_item', T0, { items: [item('r1', 'Pegasus 40', RUN, 120)] })], { now: () => T0 });
    const model = testModel([], T0);
    model.alsoViewed['r1'] = [['c4', 30, 0.6, 4]];
    const ranked = rank(shoesPage, { profile: p, model, now: T0, diversity: false });
    const boat = ranked.find((r) => r.id === 'c4')!;
    expect(boat.position).toBeLessThan(11);
    expect(boat.parts.cooccurrence).toBe(1);
    expect(boat.reason).toBe('Often viewed with Pegasus 40');
  });

  it('prefers a well-reviewed rating over a single perfect score', () => {
    const page: Product[] = [
      { id: 'one-review', category: ['X'], rating: 5, ratingCount: 1 },
      { id: 'many', category: ['X'], rating: 4.6, ratingCount: 800 },
      { id: 'poor', category: ['X'], rating: 2.5, ratingCount: 300 },
    ];
    const p = buildProfile([ev('view_item', T0, { items: [item('z', 'Z', ['X'], 10)] })], { now: () => T0 });
    const ranked = rank(page, { profile: p, now: T0, diversity: false, weights: { base: 0.1 } });
    expect(ids(ranked)).toEqual(['many', 'one-review', 'poor']);
  });

  it('sinks products not sold in the shopper region', () => {
    const page = shoesPage.map((p) => (p.id === 'c1' ? { ...p, regions: ['US'] } : p));
    const ranked = rank(page, { profile: runner(), region: 'fr', now: NOW });
    expect(ranked.find((r) => r.id === 'c1')!.parts.region).toBe(-1);
    expect(ranked.findIndex((r) => r.id === 'c1')).toBeGreaterThan(6);
  });
});

describe('rank — bad input', () => {
  it('skips entries that are not products instead of throwing', () => {
    const junk = [null, shoesPage[0], { title: 'no id' }, 42, shoesPage[1]] as unknown as Product[];
    expect(ids(rank(junk, { profile: runner(), now: NOW }))).toEqual(['c1', 'h1']);
    expect(rank(undefined as unknown as Product[])).toEqual([]);
  });
});

describe('rank — determinism', () => {
  it('gives the same order and scores for the same inputs', () => {
    const a = rank(shoesPage, { profile: runner(), now: NOW });
    const b = rank(shoesPage.slice(), { profile: runner(), now: NOW });
    expect(a.map((r) => [r.id, r.score])).toEqual(b.map((r) => [r.id, r.score]));
  });

  it('keeps the input order among equally scored products', () => {
    const twins: Product[] = Array.from({ length: 8 }, (_, i) => ({ id: `t${i}`, category: ['Shoes', 'Running'], price: 100 }));
    const p = runner();
    const ranked = rank(twins, { profile: p, now: NOW, weights: { base: 0 }, diversity: false });
    expect(ids(ranked)).toEqual(ids(twins));
  });

  it('carries score parts that add up to the score', () => {
    const ranked = rank(shoesPage, { profile: runner(), now: NOW });
    for (const r of ranked) {
      const p = r.parts;
      const sum = p.base + 3 * p.affinity + 0.6 * p.history + 0.3 * p.rating + 0.3 * p.popularity + 0.2 * p.trend + 0.8 * p.cooccurrence + p.region + 0.8 * p.price + p.rule;
      expect(r.score).toBeCloseTo(sum, 10);
    }
    expect(JSON.parse(JSON.stringify(ranked[0]))).toMatchObject({ id: ranked[0]!.id, reason: ranked[0]!.reason });
  });
});


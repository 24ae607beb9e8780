import { describe, expect, it } from 'vitest';
import { recommend } from './recommend';
import { catalogOf, model } from './test-fixtures';
import { STRATEGIES, type RecommendContext } from './types';

const ids = (list: { product: { id: string } }[]) => list.map((r) => r.product.id);
const base = (): RecommendContext => ({ catalog: catalogOf(), model: model(), now: 0 });

describe('recommend: contract shared by every strategy', () => {
  it.each(STRATEGIES)('%s never returns the anchor, cart items, out-of-stock or bought items, nor duplicates', (strategy) => {
    const ctx: RecommendContext = {
      ...base(),
      anchor: 'tent',
      cart: ['stove'],
      bought: ['pegs'],
      viewed: ['shoe', 'tent3', 'tent'],
    };
    const list = ids(recommend(strategy, ctx, { limit: 10 }));
    expect(list).not.toContain('tent');
    expect(list).not.toContain('stove');
    expect(list).not.toContain('pegs');
    expect(list).not.toContain('mat'); // stock 0
    expect(new Set(list).size).toBe(list.length);
  });

  it.each(STRATEGIES)('%s gives every item a reason and is deterministic', (strategy) => {
    const ctx: RecommendContext = { ...base(), anchor: 'shoe', cart: ['tent'], viewed: ['tent3', 'tent', 'shoe'] };
    const first = recommend(strategy, ctx, { limit: 5 });
    expect(first.length).toBeGreaterThan(0);
    for (const r of first) expect(r.reason.length).toBeGreaterThan(3);
    expect(recommend(strategy, ctx, { limit: 5 })).toEqual(first);
  });

  it('leaves out what other widgets on the page show, and repeats it only rather than run short', () => {
    const all = ids(recommend('popular', base(), { limit: 100 }));
    expect(all.length).toBeGreaterThan(4);
    // A "Trending now" row below a "Picked for you" row that already shows the top two.
    const below = ids(recommend('popular', { ...base(), exclude: all.slice(0, 2) }, { limit: 3 }));
    expect(below).toEqual(all.slice(2, 5));
    // Asked for every item there is: the shown ones come last instead of a short widget.
    const everything = ids(recommend('popular', { ...base(), exclude: new Set(all.slice(0, 2)) }, { limit: all.length }));
    expect(everything.slice(0, -2)).toEqual(all.slice(2));
    expect(everything.slice(-2).sort()).toEqual(all.slice(0, 2).sort());
  });

  it('keeps a bought item when the product is repeatable', () => {
    const list = recommend('bought-together', { ...base(), anchor: 'stove', bought: ['gas'] }, { limit: 3 });
    expect(ids(list)[0]).toBe('gas');
  });

  it('explains bought-together with the anchor name and share of buyers', () => {
    const [top] = recommend('bought-together', { ...base(), anchor: 'tent' }, { limit: 1 });
    expect(top).toMatchObject({ strategy: 'bought-together', reason: 'Bought together with Trail tent by 31% of buyers' });
    expect(top!.product.id).toBe('pegs');
  });

  it('fills a short list through the fallback chain: bought-together → related → popular', () => {
    // The tent has two bought-together neighbours, one of which (mat) is out of stock.
    const list = recommend('bought-together', { ...base(), anchor: 'tent' }, { limit: 6 });
    expect(list).toHaveLength(6);
    expect(list[0]!.strategy).toBe('bought-together');
    expect(list.map((r) => r.strategy)).toContain('related');
    // Related to a Peak tent: the other Peak tent comes before the pegs-less rest.
    expect(list[1]).toMatchObject({ strategy: 'related' });
    expect(list[1]!.product.id).toBe('tent2');
    for (let i = 1; i < list.length; i++) expect(list[i]!.score).toBeLessThanOrEqual(list[i - 1]!.score);
  });

  it('gives trending/popular items when nothing personal is known (cold start)', () => {
    for (const strategy of ['for-you', 'hybrid', 'next', 'also-viewed']) {
      const list = recommend(strategy, base(), { limit: 4 });
      expect(list).toHaveLength(4);
      for (const r of list) expect(r.reason).toMatch(/^(Trending now|Popular right now)$/);
    }
  });

  it('runs hybrid for an unknown slot name', () => {
    const ctx = { ...base(), viewed: ['shoe'] };
    expect(recommend('homepage-slot-2', ctx, { limit: 4 })).toEqual(recommend('hybrid', ctx, { limit: 4 }));
  });

  it('survives a malformed model without throwing and still fills the widget', () => {
    const broken = { ...model(), boughtTogether: { tent: 'nope' }, popular: [['shoe', 9]] } as never;
    const list = recommend('bought-together', { catalog: catalogOf(), model: broken, anchor: 'tent' }, { limit: 3 });
    expect(list.length).toBe(3);
    expect(list[0]!.strategy).toBe('related');
  });

  it('spreads near-duplicates apart with the diversity pass', () => {
    const tent = (id: string) => ({ id, title: 'Trail tent', category: ['Outdoor', 'Tents'], brand: 'Peak', price: 200 });
    const catalog = catalogOf([tent('t1'), tent('t2'), tent('t3'), { id: 'x', title: 'Lamp', category: ['Home'], price: 30 }]);
    const m = { ...model(), popular: [['t1', 10], ['t2', 9.9], ['t3', 9.8], ['x', 9]] as [string, number][] };
    expect(ids(recommend('popular', { catalog, model: m }, { limit: 4, diversity: 1 }))).toEqual(['t1', 't2', 't3', 'x']);
    expect(ids(recommend('popular', { catalog, model: m }, { limit: 4, diversity: 0.5 }))).toEqual(['t1', 'x', 't2', 't3']);
  });

  it('only recommends products the catalog knows', () => {
    const ctx: RecommendContext = { ...base(), catalog: catalogOf([{ id: 'tent' }, { id: 'tent2' }]), anchor: 'tent' };
    expect(ids(recommend('also-viewed', ctx, { limit: 5 }))).toEqual(['tent2']);
  });
});

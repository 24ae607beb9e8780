import { describe, expect, it } from 'vitest';
import type { EventData } from '@affinity/core';
import type { ExperimentEventRow } from './experiment-store';
import { computeReport } from './metrics';

const EXP = 'holdout';
let clock = 1000;
const row = (visitor: string, type: string, data: EventData = {}): ExperimentEventRow => ({ visitor, type, ts: clock++, data });
const expose = (visitor: string, variant: string) => row(visitor, 'experiment_exposure', { experiment_id: EXP, variant });
const list = (visitor: string, variant: string, items: [string, string?][]) =>
  row(visitor, 'view_item_list', { experiment_id: EXP, variant, items: items.map(([item_id, item_category]) => ({ item_id, ...(item_category && { item_category }) })) });
const click = (visitor: string, variant: string, id: string) => row(visitor, 'select_item', { experiment_id: EXP, variant, items: [{ item_id: id }] });
const buy = (visitor: string, value: number) => row(visitor, 'purchase', { value, items: [{ item_id: 'x' }] });

describe('computeReport', () => {
  // Control: c1..c4. Treatment: t1..t6.
  const rows: ExperimentEventRow[] = [
    buy('t1', 999), // before exposure: must not count
    ...['c1', 'c2', 'c3', 'c4'].map((v) => expose(v, 'control')),
    ...['t1', 't2', 't3', 't4', 't5', 't6'].map((v) => expose(v, 'personalized')),
    expose('t1', 'personalized'), // a second exposure (next session) changes nothing
    list('c1', 'control', [['a', 'shoes'], ['b', 'shoes'], ['c', 'bags']]),
    list('c2', 'control', [['a', 'shoes'], ['b', 'shoes']]),
    click('c1', 'control', 'a'),
    list('t1', 'personalized', [['d', 'shoes'], ['e', 'bags'], ['f', 'hats'], ['g', 'hats']]),
    list('t2', 'personalized', [['a', 'shoes'], ['h', 'bags']]),
    click('t1', 'personalized', 'd'),
    click('t2', 'personalized', 'h'),
    click('t2', 'personalized', 'a'),
    row('c1', 'add_to_cart', { items: [{ item_id: 'a' }] }),
    row('t1', 'add_to_cart', { items: [{ item_id: 'd' }] }),
    row('t2', 'add_to_cart', { items: [{ item_id: 'h' }] }),
    row('t2', 'add_to_cart', { items: [{ item_id: 'a' }] }),
    buy('c1', 40),
    buy('t1', 100),
    buy('t1', 20), // t1 repeats
    buy('t2', 0),
    row('t3', 'purchase', { items: [{ item_id: 'z', price: 15, quantity: 2 }] }), // value from items: 30
  ];
  const report = computeReport(EXP, rows, { definition: { id: EXP }, catalogSize: 20, bootstrap: { seed: 3, rounds: 500 } });
  const arm = (name: string) => report.variants.find((v) => v.variant === name)!;

  it('counts visitors, impressions and clicks per arm', () => {
    expect(arm('control')).toMatchObject({ control: true, visitors: 4, impressions: 5, clicks: 1, ctr: 1 / 5 });
    expect(arm('personalized')).toMatchObject({ control: false, visitors: 6, impressions: 6, clicks: 3, ctr: 3 / 6 });
  });

  it('counts carts and purchases only after exposure', () => {
    const t = arm('personalized');
    expect(t).toMatchObject({ carters: 2, purchasers: 3, orders: 4, revenue: 150, repeatPurchasers: 1 });
    expect(t.addToCartRate).toBeCloseTo(2 / 6, 12);
    expect(t.conversionRate).toBeCloseTo(3 / 6, 12);
    expect(t.revenuePerVisitor).toBeCloseTo(150 / 6, 12);
    expect(t.averageOrderValue).toBeCloseTo(150 / 4, 12);
    expect(t.repeatPurchaseRate).toBeCloseTo(1 / 3, 12);
    expect(arm('control')).toMatchObject({ carters: 1, purchasers: 1, orders: 1, revenue: 40, revenuePerVisitor: 10, averageOrderValue: 40 });
  });

  it('measures coverage over the catalog and category diversity within lists', () => {
    // Control shows a, b, c of 20; pairs: (a,b) same, (a,c) diff, (b,c) diff, (a,b) same → 2 of 4 differ.
    expect(arm('control')).toMatchObject({ distinctItems: 3, coverage: 3 / 20, diversity: 0.5 });
    // Treatment shows d, e, f, g, a, h; pairs in t1: 6 with one same (f,g); t2: 1 differing → 6 of 7 differ.
    expect(arm('personalized')).toMatchObject({ distinctItems: 6, coverage: 6 / 20 });
    expect(arm('personalized').diversity).toBeCloseTo(6 / 7, 12);
  });

  it('breaks CTR down per arm and widget', () => {
    const tagged = [
      expose('w1', 'personalized'),
      row('w1', 'view_item_list', { experiment_id: EXP, variant: 'personalized', item_list_id: 'pdp', strategy: 'next', items: [{ item_id: 'a' }, { item_id: 'b' }] }),
      row('w1', 'view_item_list', { experiment_id: EXP, variant: 'personalized', item_list_id: 'home', strategy: 'for-you', items: [{ item_id: 'c' }] }),
      row('w1', 'select_item', { experiment_id: EXP, variant: 'personalized', item_list_id: 'pdp', strategy: 'next', items: [{ item_id: 'a' }] }),
    ];
    expect(computeReport(EXP, tagged).widgets).toEqual([
      { variant: 'personalized', list: 'pdp', strategy: 'next', impressions: 2, clicks: 1, ctr: 0.5 },
      { variant: 'personalized', list: 'home', strategy: 'for-you', impressions: 1, clicks: 0, ctr: 0 },
    ]);
  });

  it('reports uplift against control with intervals', () => {
    expect(report.control).toBe('control');
    const u = report.uplift[0]!;
    expect(u.variant).toBe('personalized');
    expect(u.ctr!.diff).toBeCloseTo(0.5 - 0.2, 12);
    expect(u.conversionRate!.diff).toBeCloseTo(0.5 - 0.25, 12);
    expect(u.revenuePerVisitor.welch!.diff).toBeCloseTo(25 - 10, 12);
    expect(u.revenuePerVisitor.bootstrap!.diff).toBeCloseTo(15, 12);
    expect(u.conversionRate!.low).toBeLessThan(u.conversionRate!.diff);
    expect(u.conversionRate!.high).toBeGreaterThan(u.conversionRate!.diff);
  });

  it('warns about tiny samples but not about a plausible split', () => {
    expect(report.srm!.mismatch).toBe(false);
    expect(report.warnings.join(' ')).toMatch(/only 4 visitor/);
  });

  it('flags a sample ratio mismatch and visitors in two arms', () => {
    const skewed = [
      ...Array.from({ length: 500 }, (_, i) => expose(`p${i}`, 'personalized')),
      ...Array.from({ length: 500 }, (_, i) => expose(`k${i}`, 'control')),
      expose('p1', 'control'),
    ];
    const r = computeReport(EXP, skewed, { definition: { id: EXP } });
    expect(r.srm!.mismatch).toBe(true);
    expect(r.warnings.join(' ')).toMatch(/Sample ratio mismatch/);
    expect(r.warnings.join(' ')).toMatch(/1 visitor\(s\) were exposed to more than one arm/);
    expect(r.variants.find((v) => v.variant === 'control')!.visitors).toBe(500);
  });

  it('works without a stored definition (no split check) and without control', () => {
    const r = computeReport('aa', [row('u1', 'experiment_exposure', { experiment_id: 'aa', variant: 'a' }), row('u2', 'experiment_exposure', { experiment_id: 'aa', variant: 'b' })]);
    expect(r.srm).toBeNull();
    expect(r.uplift).toEqual([]);
    expect(r.warnings.join(' ')).toMatch(/No stored definition/);
    expect(r.warnings.join(' ')).toMatch(/No control arm/);
  });
});

import { describe, expect, it } from 'vitest';
import { topAffinities } from './affinities';
import { buildProfile } from './build-profile';
import { explain } from './explain';
import { DAY, T0, ev, item } from './test-support';

const RUN = ['Shoes', 'Running'];
const CASUAL = ['Shoes', 'Casual'];

describe('buildProfile', () => {
  it('ranks categories by event weight: a carted category beats one viewed once', () => {
    const p = buildProfile(
      [
        ev('view_item', T0, { items: [item('c1', 'Loafer', CASUAL, 80)] }),
        ev('view_item', T0 + 1000, { items: [item('r1', 'Pegasus 40', RUN, 120)] }),
        ev('add_to_cart', T0 + 2000, { items: [item('r1', 'Pegasus 40', RUN, 120)] }),
      ],
      { now: () => T0 + 3000 },
    );
    const cats = topAffinities(p, 'category', T0 + 3000).map(([k]) => k);
    expect(cats.indexOf('Shoes > Running')).toBeLessThan(cats.indexOf('Shoes > Casual'));
    // The parent gets half of each child's credit: (1 + 1 + 4) / 2.
    expect(p.affinities.category['Shoes']!.s).toBeCloseTo(3);
  });

  it('counts a view of Shoes > Running, less, for Shoes', () => {
    const p = buildProfile([ev('view_item', T0, { items: [item('r1', 'Pegasus', RUN, 100)] })], { now: () => T0 });
    expect(p.affinities.category['Shoes > Running']!.s).toBe(1);
    expect(p.affinities.category['Shoes']!.s).toBe(0.5);
  });

  it('gives long views more weight than bounces', () => {
    const p = buildProfile(
      [
        ev('view_item', T0, { items: [item('a', 'A', ['Bags'], 10, { item_brand: 'Quick' })], dwell_ms: 1000 }),
        ev('view_item', T0, { items: [item('b', 'B', ['Bags'], 10, { item_brand: 'Slow' })], dwell_ms: 60_000 }),
      ],
      { now: () => T0 },
    );
    expect(p.affinities.brand['Slow']!.s).toBeGreaterThan(p.affinities.brand['Quick']!.s * 2);
  });

  it('halves interest every half-life (simulated weeks)', () => {
    const events = [ev('view_item', T0, { items: [item('r1', 'Pegasus', RUN, 100, { item_brand: 'Nike' })] })];
    const at = (weeks: number) => topAffinities(buildProfile(events, { halfLifeDays: 7, now: () => T0 + weeks * 7 * DAY }), 'brand', T0 + weeks * 7 * DAY)[0]![1];
    expect(at(0)).toBeCloseTo(1);
    expect(at(1)).toBeCloseTo(0.5);
    expect(at(3)).toBeCloseTo(0.125);
  });

  it('lets a recent interest overtake an older, bigger one', () => {
    const events = [
      ...[0, 1, 2].map((i) => ev('view_item', T0 + i, { items: [item(`h${i}`, 'Hiking boot', ['Shoes', 'Hiking'], 150)] })),
      ev('view_item', T0 + 28 * DAY, { items: [item('r1', 'Pegasus', RUN, 120)] }),
      ev('view_item', T0 + 28 * DAY + 1, { items: [item('r2', 'Ghost', RUN, 130)] }),
    ];
    const now = T0 + 28 * DAY + 2;
    const p = buildProfile(events, { halfLifeDays: 7, now: () => now });
    const fresh = buildProfile(events, { halfLifeDays: 365, now: () => now });
    expect(topAffinities(p, 'category', now).find(([k]) => k !== 'Shoes')![0]).toBe('Shoes > Running');
    expect(topAffinities(fresh, 'category', now).find(([k]) => k !== 'Shoes')![0]).toBe('Shoes > Hiking');
  });

  it('is the same whatever order the log is in', () => {
    const events = [
      ev('view_item', T0, { items: [item('r1', 'Pegasus', RUN, 120, { item_brand: 'Nike' })] }),
      ev('add_to_cart', T0 + DAY, { items: [item('r1', 'Pegasus', RUN, 120, { item_brand: 'Nike' })] }),
      ev('purchase', T0 + 2 * DAY, { transaction_id: 't1', value: 120, items: [item('r1', 'Pegasus', RUN, 120)] }),
    ];
    const a = buildProfile(events, { now: () => T0 + 3 * DAY });
    const b = buildProfile(events.slice().reverse(), { now: () => T0 + 3 * DAY });
    expect(b).toEqual(a);
  });

  it('does not double count a purchase sent twice', () => {
    const buy = (ts: number) => ev('purchase', ts, { transaction_id: 'T-1', value: 99, items: [item('r1', 'Pegasus', RUN, 99)] });
    const p = buildProfile([buy(T0), buy(T0 + 5)], { now: () => T0 + 10 });
    expect(p.orders.count).toBe(1);
    expect(p.orders.revenue).toBe(99);
  });

  it('explains an affinity with the real events and item names', () => {
    const events = [
      ...['Pegasus 40', 'Ghost 15', 'Kayano 30', 'Clifton 9'].map((name, i) => ev('view_item', T0 + i * DAY, { items: [item(`r${i}`, name, RUN, 120)] })),
      ev('add_to_cart', T0 + 4 * DAY, { items: [item('r3', 'Clifton 9', RUN, 120)] }),
    ];
    const now = T0 + 5 * DAY;
    const p = buildProfile(events, { now: () => now });
    const why = explain(p, 'category:Shoes > Running', now)!;
    expect(why.text).toBe('viewed 4 items and added 1 to the cart in Shoes > Running this week (Clifton 9, Kayano 30, Ghost 15)');
    expect(why.events).toEqual([
      { type: 'view_item', count: 4 },
      { type: 'add_to_cart', count: 1 },
    ]);
    expect(explain(p, 'brand:Nobody', now)).toBeUndefined();
  });

  it('uses the catalog for what items lack (brand, tags)', () => {
    const catalog = new Map([['r1', { id: 'r1', brand: 'Hoka', tags: ['cushioned', 'road'] }]]);
    const p = buildProfile([ev('view_item', T0, { items: [{ item_id: 'r1', item_name: 'Clifton 9' }] })], { now: () => T0, catalog });
    expect(Object.keys(p.affinities.brand)).toEqual(['Hoka']);
    expect(Object.keys(p.affinities.tag).sort()).toEqual(['cushioned', 'road']);
  });

  it('ignores malformed events and items instead of throwing', () => {
    const bad = [
      { ...ev('view_item', T0), ts: Number.NaN },
      ev('view_item', T0 + 1, { items: [null as never, { item_id: '' } as never, item('ok', 'Fine', RUN, 10)] }),
      ev('view_item', T0 + 2, { items: 'nope' as never }),
    ];
    const p = buildProfile(bad, { now: () => T0 + 3 });
    expect(p.counts.views).toBe(2);
    expect(Object.keys(p.items)).toEqual(['ok']);
  });
});

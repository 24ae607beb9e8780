import { describe, expect, it } from 'vitest';
import type { ModelEvent } from '../storage/storage';
import { createModelBuilder, yieldEvery } from './build-model';

const DAY = 86_400_000;
const T = 1_750_000_000_000;
let n = 0;
const ev = (type: string, session: string, items: string[], ts = T, data: Record<string, unknown> = {}): ModelEvent => ({
  id: `e${++n}`,
  type,
  ts,
  session,
  data: { items: items.map((item_id) => ({ item_id })), ...data },
});
const build = (events: ModelEvent[], options = {}, categories?: Map<string, string>) => {
  const b = createModelBuilder(options);
  b.add(events);
  return b.finish(categories, 42);
};

describe('model builder', () => {
  const views = [
    ...['A', 'B', 'C'].map((i) => ev('view_item', 's1', [i])),
    ...['A', 'B'].map((i) => ev('view_item', 's2', [i])),
    ...['A', 'C'].map((i) => ev('view_item', 's3', [i])),
    ev('view_item', 's4', ['B']),
  ];

  it('computes support, confidence and lift of items viewed in the same session', async () => {
    const model = await build(views, { minSupport: 1 });
    expect(model.totals).toEqual({ sessions: 4, carts: 0, orders: 0 });
    // A in 3 of 4 sessions, B in 3, C in 2; A+B in 2, A+C in 2, B+C in 1.
    expect(model.alsoViewed.A).toEqual([
      ['C', 2, 0.6667, 1.333],
      ['B', 2, 0.6667, 0.889],
    ]);
    expect(model.alsoViewed.C).toEqual([
      ['A', 2, 1, 1.333],
      ['B', 1, 0.5, 0.667],
    ]);
  });

  it('prunes pairs below the minimum support and keeps the top K', async () => {
    const model = await build(views, { minSupport: 2, topK: 1 });
    expect(model.alsoViewed).toEqual({ A: [['C', 2, 0.6667, 1.333]], B: [['A', 2, 0.6667, 0.889]], C: [['A', 2, 1, 1.333]] });
  });

  it('groups purchases by order (one transaction sent as two events is one order) and carts by session', async () => {
    const model = await build(
      [
        ev('purchase', 's1', ['A', 'B'], T, { transaction_id: 'T1' }),
        ev('purchase', 's1', ['C'], T, { transaction_id: 'T1' }),
        ev('purchase', 's2', ['A', 'B']),
        ev('add_to_cart', 's3', ['A']),
        ev('add_to_cart', 's3', ['C']),
      ],
      { minSupport: 1 },
    );
    expect(model.totals).toEqual({ sessions: 0, carts: 1, orders: 2 });
    expect(model.boughtTogether.A).toEqual([
      ['B', 2, 1, 1],
      ['C', 1, 0.5, 1],
    ]);
    expect(model.cartedTogether).toEqual({ A: [['C', 1, 1, 1]], C: [['A', 1, 1, 1]] });
  });

  it('counts next-item transitions between consecutive distinct views, in time order', async () => {
    const model = await build(
      [
        ev('view_item', 's1', ['C'], T + 4),
        ev('view_item', 's1', ['A'], T + 1),
        ev('view_item', 's1', ['B'], T + 2),
        ev('view_item', 's1', ['B'], T + 3),
        ev('view_item', 's2', ['A'], T + 1),
        ev('view_item', 's2', ['B'], T + 2),
        ev('view_item', 's3', ['A'], T + 1),
        ev('view_item', 's3', ['C'], T + 2),
      ],
      { minSupport: 1 },
    );
    expect(model.next).toEqual({ A: [['B', 2], ['C', 1]], B: [['C', 1]] });
  });

  it('decays popularity by the half-life from the newest event and weights buying over looking', async () => {
    const model = await build([ev('view_item', 's1', ['old'], T - 14 * DAY), ev('view_item', 's2', ['new'], T), ev('purchase', 's3', ['bought'], T - 28 * DAY)]);
    expect(model.popular).toEqual([
      ['bought', 2],
      ['new', 1],
      ['old', 0.5],
    ]);
  });

  it('ranks items rising now as trending, not items that were popular long ago', async () => {
    const events = [
      ...Array.from({ length: 5 }, (_, i) => ev('view_item', `r${i}`, ['rising'], T)),
      ...Array.from({ length: 20 }, (_, i) => ev('view_item', `o${i}`, ['steady'], T - 10 * DAY)),
      ev('view_item', 'x', ['steady'], T),
    ];
    const model = await build(events);
    expect(model.trending.map(([id]) => id)).toEqual(['rising', 'steady']);
    expect(model.trending[0]![1]).toBeCloseTo(5 / (6 / 14), 3);
    expect(model.popular[0]![0]).toBe('steady');
  });

  it('lists popularity per top-level category from the catalog, else from the events', async () => {
    const model = await build(
      [ev('view_item', 's1', ['A']), ev('view_item', 's1', ['A']), ev('view_item', 's2', ['B']), { ...ev('view_item', 's3', []), data: { items: [{ item_id: 'C', item_category: 'Hats' }] } }],
      {},
      new Map([['A', 'Shoes'], ['B', 'Shoes']]),
    );
    expect(model.popularByCategory).toEqual({ Hats: [['C', 1]], Shoes: [['A', 2], ['B', 1]] });
  });

  it('gives the same model and version whatever order and chunks the events arrive in', async () => {
    const events = [...views, ev('purchase', 's9', ['A', 'C']), ev('purchase', 's8', ['A', 'C']), ev('view_item', 's1', ['D'], T - DAY)];
    const forward = createModelBuilder({ minSupport: 1 });
    forward.add(events);
    const shuffled = createModelBuilder({ minSupport: 1 });
    const reversed = [...events].reverse();
    shuffled.add(reversed.slice(0, 3));
    shuffled.add(reversed.slice(3));
    const a = await forward.finish(undefined, 1);
    const b = await shuffled.finish(undefined, 2, yieldEvery(0));
    expect({ ...b, generatedAt: 1 }).toEqual(a);
    expect(JSON.stringify({ ...b, generatedAt: 1 })).toBe(JSON.stringify(a));
  });

  it('ignores events without items and other types, and an empty history gives an empty model', async () => {
    const model = await build([{ id: 'x', type: 'view_item', ts: T, session: 's', data: {} }, ev('search', 's', ['A'])]);
    expect(model).toMatchObject({ totals: { sessions: 0, carts: 0, orders: 0 }, alsoViewed: {}, popular: [], trending: [], next: {}, popularByCategory: {} });
    expect(model.version).toMatch(/^[\w-]{16}$/);
  });

  it('yields to other work while finishing a large model, and not without a pause', async () => {
    const events = Array.from({ length: 3000 }, (_, i) => ev('view_item', `s${i % 500}`, [`i${i % 97}`]));
    const otherWorkRanBefore = async (pause?: ReturnType<typeof yieldEvery>) => {
      const b = createModelBuilder();
      b.add(events);
      let ran = false;
      setImmediate(() => (ran = true));
      await b.finish(undefined, 1, pause);
      return ran;
    };
    expect(await otherWorkRanBefore(yieldEvery(0))).toBe(true);
    expect(await otherWorkRanBefore()).toBe(false);
  });
});


describe('model builder, updated incrementally', () => {
  /** A varied history: sessions revisited out of time order, orders split over events, carts. */
  const history = (): ModelEvent[] => {
    const out: ModelEvent[] = [];
    for (let i = 0; i < 600; i++) {
      const session = `s${(i * 7) % 40}`;
      const item = `i${(i * 13) % 23}`;
      const ts = T - ((i * 7919) % 50) * 3_600_000;
      const type = ['view_item', 'view_item', 'select_item', 'add_to_cart', 'purchase'][i % 5]!;
      out.push(ev(type, session, type === 'purchase' ? [item, `i${i % 5}`] : [item], ts, type === 'purchase' ? { transaction_id: `t${i % 30}` } : {}));
    }
    return out;
  };

  it('finishing between additions gives the same model as building once from every event', async () => {
    const events = history();
    const once = await build(events, { minSupport: 1, maxBasket: 12 });
    const live = createModelBuilder({ minSupport: 1, maxBasket: 12 });
    const seen: string[] = [];
    for (let i = 0; i < events.length; i += 97) {
      live.add(events.slice(i, i + 97));
      seen.push((await live.finish(undefined, 42)).version);
    }
    expect(await live.finish(undefined, 42)).toEqual(once);
    expect(live.events).toBe(events.length);
    // Each addition changed the published model.
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('takes back the pairs of a basket that grows past the size limit', async () => {
    const small = Array.from({ length: 3 }, (_, i) => ev('view_item', 'bot', [`x${i}`]));
    const live = createModelBuilder({ minSupport: 1, maxBasket: 3 });
    live.add(small);
    expect(Object.keys((await live.finish()).alsoViewed)).toEqual(['x0', 'x1', 'x2']);
    live.add([ev('view_item', 'bot', ['x3'])]);
    const model = await live.finish();
    expect(model.alsoViewed).toEqual({});
    expect(model.totals.sessions).toBe(1);
  });

  it('drops the transitions of a session that grows past the view limit', async () => {
    const live = createModelBuilder({ minSupport: 1, maxSessionViews: 3 });
    live.add(['A', 'B', 'C'].map((item, i) => ev('view_item', 'bot', [item], T + i)));
    live.add([ev('view_item', 'human', ['A'], T), ev('view_item', 'human', ['B'], T + 1)]);
    expect((await live.finish()).next).toEqual({ A: [['B', 2]], B: [['C', 1]] });
    live.add([ev('view_item', 'bot', ['D'], T + 9)]);
    expect((await live.finish()).next).toEqual({ A: [['B', 1]] });
  });

  it('re-links next-item transitions when a view arrives late', async () => {
    const live = createModelBuilder({ minSupport: 1 });
    live.add([ev('view_item', 's', ['A'], T + 1), ev('view_item', 's', ['C'], T + 3)]);
    expect((await live.finish()).next).toEqual({ A: [['C', 1]] });
    live.add([ev('view_item', 's', ['B'], T + 2)]);
    expect((await live.finish()).next).toEqual({ A: [['B', 1]], B: [['C', 1]] });
  });
});

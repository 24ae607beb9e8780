import { describe, expect, it } from 'vitest';
import { buildProfile } from './build-profile';
import { explain } from './explain';
import { emptyProfile } from './empty-profile';
import { intentOf } from './intent';
import { lifecycleOf } from './lifecycle';
import { resolveProfileOptions } from './options';
import { rfmOf, rfmSegment } from './rfm';
import { DAY, T0, ev, item } from './test-support';

const o = resolveProfileOptions();

/** A profile with `count` orders of `value` each, the last one at `lastAt`. */
function orders(count: number, value: number, lastAt: number) {
  const p = emptyProfile();
  p.activity.sessions = count;
  p.activity.last = lastAt;
  p.orders = { count, revenue: count * value, first: lastAt - count * DAY, last: lastAt, ids: [] };
  return p;
}

describe('RFM', () => {
  it('scores recency on the day thresholds, inclusive', () => {
    const t = o.rfm; // recency [14, 30, 60, 120]
    const r = (days: number) => rfmOf(orders(1, 10, T0), T0 + days * DAY, t).recency;
    expect([r(0), r(14), r(14.01), r(30), r(30.5), r(60), r(61), r(120), r(121)]).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1]);
  });

  it('scores frequency and monetary on ascending thresholds', () => {
    const f = (count: number) => rfmOf(orders(count, 1, T0), T0, o.rfm).frequency; // [2, 3, 5, 8]
    expect([f(1), f(2), f(3), f(4), f(5), f(7), f(8), f(30)]).toEqual([1, 2, 3, 3, 4, 4, 5, 5]);
    const m = (total: number) => rfmOf(orders(1, total, T0), T0, o.rfm).monetary; // [50, 150, 400, 1000]
    expect([m(49.99), m(50), m(150), m(399), m(400), m(1000)]).toEqual([1, 2, 3, 3, 4, 5]);
  });

  it('uses merchant thresholds', () => {
    const custom = resolveProfileOptions({ rfm: { recencyDays: [1, 2, 3, 4] } }).rfm;
    expect(rfmOf(orders(1, 10, T0), T0 + 5 * DAY, custom).recency).toBe(1);
    expect(() => resolveProfileOptions({ rfm: { frequency: [5, 3, 2, 1] } })).toThrow(/rfm.frequency must be four ascending numbers/);
  });

  it('maps scores to the usual named segments', () => {
    expect(rfmSegment(5, 5, 5)).toBe('champion');
    expect(rfmSegment(3, 4, 3)).toBe('loyal');
    expect(rfmSegment(5, 2, 2)).toBe('potential_loyalist');
    expect(rfmSegment(5, 1, 4)).toBe('new_customer');
    expect(rfmSegment(4, 1, 1)).toBe('promising');
    expect(rfmSegment(3, 2, 2)).toBe('needs_attention');
    expect(rfmSegment(2, 4, 3)).toBe('at_risk');
    expect(rfmSegment(1, 5, 5)).toBe('cant_lose');
    expect(rfmSegment(2, 2, 1)).toBe('hibernating');
    expect(rfmSegment(1, 1, 1)).toBe('lost');
    expect(rfmOf(emptyProfile(), T0, o.rfm)).toEqual({ recency: 0, frequency: 0, monetary: 0, segment: 'none' });
  });
});

describe('lifecycle', () => {
  const t = o.lifecycle; // dormant 30, churned 90, engaged 5 items

  it('goes new visitor → engaged browser → first-time buyer → repeat customer', () => {
    const view = (i: number) => ev('view_item', T0 + i * 1000, { items: [item(`i${i}`, `Item ${i}`, ['A'], 10)] });
    const stage = (events: ReturnType<typeof view>[]) => buildProfile(events, { now: () => T0 + DAY }).lifecycle;
    expect(buildProfile([], { now: () => T0 }).lifecycle).toBe('new_visitor');
    expect(stage([0, 1, 2, 3].map(view))).toBe('new_visitor');
    expect(stage([0, 1, 2, 3, 4].map(view))).toBe('engaged_browser');
    const buy = (n: number) => ev('purchase', T0 + 10_000 + n, { transaction_id: `t${n}`, value: 20 });
    expect(stage([view(0), buy(1)])).toBe('first_time_buyer');
    expect(stage([view(0), buy(1), buy(2)])).toBe('repeat_customer');
  });

  it('turns dormant at 30 idle days and churned at 90', () => {
    const p = buildProfile([ev('view_item', T0, { items: [item('a', 'A', ['A'], 10)] })], { now: () => T0 });
    expect(lifecycleOf(p, T0 + 29.9 * DAY, t)).toBe('new_visitor');
    expect(lifecycleOf(p, T0 + 30 * DAY, t)).toBe('dormant');
    expect(lifecycleOf(p, T0 + 89 * DAY, t)).toBe('dormant');
    expect(lifecycleOf(p, T0 + 90 * DAY, t)).toBe('churned');
  });

  it('calls a shopper back after a dormant-length gap "returning", and explains it', () => {
    const events = [
      ev('purchase', T0, { transaction_id: 't1', value: 50 }, 's1'),
      ev('page_view', T0 + 45 * DAY, {}, 's2'),
    ];
    const p = buildProfile(events, { now: () => T0 + 45 * DAY });
    expect(p.lifecycle).toBe('returning');
    expect(explain(p, 'lifecycle', T0 + 45 * DAY)!.text).toBe('back after 45 days away');
    const next = buildProfile([...events, ev('page_view', T0 + 47 * DAY, {}, 's3')], { now: () => T0 + 47 * DAY });
    expect(next.lifecycle).toBe('first_time_buyer');
  });
});

describe('session intent', () => {
  const RUN = ['Shoes', 'Running'];
  const view = (id: string, ts: number, path = RUN) => ev('view_item', ts, { items: [item(id, id, path, 100)] });

  it('reads browsing, comparing, ready to buy from this session only', () => {
    const browse = buildProfile([view('a', T0), view('b', T0 + 1, ['Bags'])], { now: () => T0 + 2 });
    expect(browse.intent).toBe('browsing');
    const compare = buildProfile([view('a', T0), view('b', T0 + 1), view('c', T0 + 2)], { now: () => T0 + 3 });
    expect(compare.intent).toBe('comparing');
    const ready = buildProfile([view('a', T0), ev('add_to_cart', T0 + 1, { items: [item('a', 'a', RUN, 100)] })], { now: () => T0 + 2 });
    expect(ready.intent).toBe('ready_to_buy');
    expect(explain(ready, 'intent')!.text).toBe('1 item in the cart this visit');
    const removed = buildProfile(
      [view('a', T0), ev('add_to_cart', T0 + 1, { items: [item('a', 'a', RUN, 100)] }), ev('remove_from_cart', T0 + 2, { items: [item('a', 'a', RUN, 100)] })],
      { now: () => T0 + 3 },
    );
    expect(removed.intent).toBe('browsing');
    expect(intentOf(compare, T0 + 31 * 60_000)).toBe('none');
  });
});

describe('tags', () => {
  it('tells a premium shopper from a bargain hunter by where their prices sit', () => {
    const list = ev('view_item_list', T0, { items: [10, 40, 80, 120, 200].map((p, i) => item(`l${i}`, `L${i}`, ['Bags'], p)) });
    const views = (prices: number[]) => prices.map((p, i) => ev('view_item', T0 + 1000 + i, { items: [item(`v${i}`, `V${i}`, ['Bags'], p)] }));
    const premium = buildProfile([list, ...views([190, 180, 150])], { now: () => T0 + DAY });
    const bargain = buildProfile([list, ...views([12, 15, 20])], { now: () => T0 + DAY });
    expect(premium.tags.priceSensitivity).toBe('low');
    expect(bargain.tags.priceSensitivity).toBe('high');
    expect(explain(bargain, 'priceSensitivity')!.text).toBe('3 of 3 items looked at were in the cheapest third of their category, 0 in the dearest third; 0 of 3 were discounted');
    expect(buildProfile(views([12]), { now: () => T0 }).tags.priceSensitivity).toBe('unknown');
  });

  it('raises interaction level with engagement and lets it fade', () => {
    const events = Array.from({ length: 12 }, (_, i) => ev(i % 4 === 3 ? 'add_to_cart' : 'view_item', T0 + i, { items: [item(`i${i}`, 'x', ['A'], 5)] }));
    expect(buildProfile(events.slice(0, 2), { now: () => T0 }).tags.interactionLevel).toBe('low');
    expect(buildProfile(events, { now: () => T0 }).tags.interactionLevel).toBe('high');
    expect(buildProfile(events, { now: () => T0 + 120 * DAY }).tags.interactionLevel).toBe('low');
    expect(buildProfile([], { now: () => T0 }).tags.interactionLevel).toBe('none');
    expect(explain(buildProfile(events, { now: () => T0 }), 'interactionLevel')!.text).toBe('12 events over 1 session: 9 views, 3 added to the cart');
  });

  it('explains RFM and favourites with the orders and events behind them', () => {
    const events = [
      ev('view_item', T0, { items: [item('r1', 'Pegasus 40', ['Shoes', 'Running'], 120, { item_brand: 'Nike' })] }),
      ev('purchase', T0 + DAY, { transaction_id: 'o1', value: 120, items: [item('r1', 'Pegasus 40', ['Shoes', 'Running'], 120, { item_brand: 'Nike' })] }),
      ev('purchase', T0 + 3 * DAY, { transaction_id: 'o2', value: 35.5, items: [item('s1', 'Socks', ['Apparel'], 35.5)] }),
    ];
    const now = T0 + 6 * DAY;
    const p = buildProfile(events, { now: () => now });
    expect(explain(p, 'rfm', now)!.text).toBe('2 orders, the last 3 days ago, 155.5 spent in total');
    expect(p.tags.favouriteBrands).toEqual(['Nike']);
    expect(explain(p, 'favouriteBrands', now)!.text).toBe('viewed 1 item and bought 1 from Nike this week (Pegasus 40)');
  });
});

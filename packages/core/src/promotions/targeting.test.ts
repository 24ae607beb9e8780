import { describe, expect, it } from 'vitest';
import { discountAmount } from './discount';
import { createServerClock } from './server-clock';
import { cartMatches, inDateWindows, matchesTarget } from './targeting';
import type { Discount } from './types';

const day = (m: number, d: number, y = 2026) => Date.UTC(y, m - 1, d, 12);

describe('date windows', () => {
  it('repeats MM-DD windows every year, also across new year', () => {
    const holidays = [{ from: '12-20', to: '01-02' }];
    expect(inDateWindows(holidays, day(12, 24))).toBe(true);
    expect(inDateWindows(holidays, day(1, 2, 2027))).toBe(true);
    expect(inDateWindows(holidays, day(1, 3, 2027))).toBe(false);
    expect(inDateWindows([{ from: '11-24', to: '11-30' }], day(11, 30, 2031))).toBe(true);
  });

  it('treats a bare ISO end date as the whole day', () => {
    const sale = [{ from: '2026-11-27', to: '2026-11-30' }];
    expect(inDateWindows(sale, Date.UTC(2026, 10, 30, 23, 59))).toBe(true);
    expect(inDateWindows(sale, Date.UTC(2026, 11, 1))).toBe(false);
  });
});

describe('targets', () => {
  it('matches birthdays within the window, including around new year', () => {
    const t = { birthday: { daysBefore: 3, daysAfter: 7 } };
    expect(matchesTarget(t, { now: day(3, 12), birthday: '03-14' })).toBe(true);
    expect(matchesTarget(t, { now: day(3, 22), birthday: '03-14' })).toBe(false);
    expect(matchesTarget(t, { now: day(12, 30), birthday: '01-01' })).toBe(true);
    expect(matchesTarget(t, { now: day(3, 12) })).toBe(false);
  });

  it('matches categories by path in the cart or the favourites, case-insensitively', () => {
    const shoes = { item_id: 'trail', item_category: 'Shoes', item_category2: 'Running' };
    expect(cartMatches({ categories: ['running'] }, { value: 90, items: [shoes] })).toBe(true);
    expect(cartMatches({ categories: ['Shoes > Running'] }, { value: 90, items: [shoes] })).toBe(true);
    expect(cartMatches({ categories: ['Outdoor'] }, { value: 0, items: [] }, ['Outdoor > Camping'])).toBe(true);
    expect(cartMatches({ categories: ['Outdoor'] }, { value: 90, items: [shoes] })).toBe(false);
    expect(cartMatches({ cartValue: { min: 50, max: 100 }, cartItems: ['trail'] }, { value: 90, items: [shoes] })).toBe(true);
    expect(cartMatches({ cartValue: { max: 50 } }, { value: 90, items: [shoes] })).toBe(false);
  });

  it('fails profile conditions without a profile and channel conditions on another channel', () => {
    expect(matchesTarget({ lifecycle: ['dormant'] }, { now: 0 })).toBe(false);
    expect(matchesTarget({ channels: ['app'] }, { now: 0 })).toBe(false);
    expect(matchesTarget({ channels: ['app'] }, { now: 0, channel: 'app' })).toBe(true);
    expect(matchesTarget(undefined, { now: 0 })).toBe(true);
  });
});

describe('discounts', () => {
  it('computes each shape, never more than the order', () => {
    expect(discountAmount({ type: 'percent', value: 15, max: 20 }, 200)).toBe(20);
    expect(discountAmount({ type: 'percent', value: 12.5 }, 99.99)).toBe(12.5);
    expect(discountAmount({ type: 'amount', value: 30 }, 25)).toBe(25);
    expect(discountAmount({ type: 'free_shipping' }, 40, 6.9)).toBe(6.9);
    const tiers: Discount = { type: 'tiers', tiers: [{ min: 100, off: 10 }, { min: 200, off: 30 }] };
    expect([99, 100, 199, 250].map((v) => discountAmount(tiers, v))).toEqual([0, 10, 10, 30]);
  });
});

describe('server clock', () => {
  it('takes the midpoint of the fastest round trip as the offset', () => {
    let local = 1_000_000;
    const clock = createServerClock(() => local);
    clock.observe(1_600_000, 1_000_000, 1_000_400); // rtt 400: offset 599 800
    expect(clock.offset).toBe(599_800);
    clock.observe(1_700_000, 1_100_000, 1_100_900); // slower answer: ignored
    expect(clock.offset).toBe(599_800);
    clock.observe(1_800_000, 1_200_000, 1_200_100); // faster: offset 599 950
    expect(clock.offset).toBe(599_950);
    local = 2_000_000;
    expect(clock.now()).toBe(2_599_950);
  });
});

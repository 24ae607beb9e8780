import { describe, expect, it } from 'vitest';
import type { DemoProduct } from '../catalog/aggregate';
import type { SaleLine } from '../catalog/clean';
import { expandSeed } from './expand-seed';
import { buildSeed } from './seed-file';
import { deterministicUlid } from './ulid';

const product = (id: string, category: string[]): DemoProduct => ({ id, title: id, price: 1, category, brand: 'B', popularity: 1 });
const products = [product('A', ['Home', 'Clocks']), product('B', ['Home', 'Clocks']), product('C', ['Kitchen', 'Baking'])];
const line = (invoice: string, code: string, ts: number, customer = '17850', quantity = 2, price = 1.5): SaleLine => ({
  invoice, code, description: code, quantity, price, ts, customer, country: 'United Kingdom',
});
const T0 = Date.UTC(2011, 0, 10, 10);
const lines = [
  line('100', 'A', T0),
  line('100', 'C', T0),
  line('100', 'ZZZ', T0), // not in the catalog
  line('101', 'B', T0 + 86_400_000, ''),
  line('200', 'A', Date.UTC(2011, 10, 5)), // after the cut-off
];

describe('buildSeed', () => {
  it('keeps catalog products of orders before the cut-off, oldest first', () => {
    const seed = buildSeed(lines, products, { until: Date.UTC(2011, 10, 1) });
    expect(seed.orders.map((o) => o[0])).toEqual(['100', '101']);
    expect(seed.orders[0]![3]).toEqual([[0, 2, 1.5], [2, 2, 1.5]]);
    expect(seed.last).toBe(T0 + 86_400_000);
  });
});

describe('expandSeed', () => {
  const seed = buildSeed(lines, products, { until: Date.UTC(2011, 10, 1) });
  const now = Date.UTC(2026, 10, 23, 12);
  const events = [...expandSeed(seed, { now, batchSize: 3 })].flat();

  it('writes one purchase per order with every line, value and transaction id', () => {
    const purchases = events.filter((e) => e.type === 'purchase');
    expect(purchases).toHaveLength(2);
    expect(purchases[0]!.data).toMatchObject({ transaction_id: 'seed-100', currency: 'GBP', value: 6 });
    expect(purchases[0]!.data.items!.map((i) => i.item_id)).toEqual(['A', 'C']);
    expect(purchases[0]!.data.items![0]).toMatchObject({ item_category: 'Home', item_category2: 'Clocks', quantity: 2, price: 1.5 });
  });

  it('precedes each purchase with views and add-to-carts in the same session, in time order', () => {
    const session = events.filter((e) => e.session === 'seed-s100');
    expect(session.filter((e) => e.type === 'add_to_cart')).toHaveLength(2);
    expect(session.filter((e) => e.type === 'view_item').length).toBeGreaterThanOrEqual(2);
    const last = session[session.length - 1]!;
    expect(last.type).toBe('purchase');
    expect(session.every((e) => e.ts <= last.ts)).toBe(true);
  });

  it('shifts history so the last order happens at now, identifies customers and guests', () => {
    expect(Math.max(...events.map((e) => e.ts))).toBe(now);
    expect(events.find((e) => e.session === 'seed-s100')!.visitor).toBe('seed-c17850');
    expect(events.find((e) => e.session === 'seed-s101')!.visitor).toBe('seed-g101');
  });

  it('gives valid, unique ids that do not change between runs or with now', () => {
    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect([...expandSeed(seed, { now: now + 5_000 })].flat().map((e) => e.id)).toEqual(ids);
  });

  it('yields batches no larger than asked', () => {
    const batches = [...expandSeed(seed, { now, batchSize: 3 })];
    expect(batches.every((b) => b.length <= 3)).toBe(true);
    expect(batches.flat()).toHaveLength(events.length);
  });
});

describe('deterministicUlid', () => {
  it('encodes the time in the first ten characters so ids sort by time', () => {
    expect(deterministicUlid(1, 'k') < deterministicUlid(2, 'k')).toBe(true);
    expect(deterministicUlid(0, 'k').slice(0, 10)).toBe('0000000000');
    expect(deterministicUlid(5, 'a')).not.toBe(deterministicUlid(5, 'b'));
  });
});

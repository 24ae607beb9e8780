import { describe, expect, it } from 'vitest';
import { evaluatePurchases } from './retail';
import { cleanLine, splitCsvLine, type RetailLine } from './retail-data';

const DAY = 86_400_000;
const CUT = 10 * DAY;
const line = (invoice: string, customer: string, item: string, day: number): RetailLine => ({
  invoice,
  item,
  title: `Item ${item}`,
  quantity: 1,
  time: day * DAY,
  price: 2,
  customer,
});

// Training (before day 10): 10 ×3, 11 ×2, 13 ×1 (day 4), 12 ×1 (day 2): popular = 10, 11, 13, 12.
// Later: A buys 12; B buys 11 and 10; D has no history and is not evaluated.
const LINES = [
  line('o1', 'A', '10', 1), line('o1', 'A', '11', 1),
  line('o2', 'B', '10', 2), line('o2', 'B', '12', 2),
  line('o3', 'C', '10', 3), line('o3', 'C', '11', 3),
  line('o4', 'A', '13', 4),
  line('o5', 'A', '12', 11),
  line('o6', 'B', '11', 12), line('o6', 'B', '10', 12),
  line('o7', 'D', '10', 12),
];

describe('evaluatePurchases on a hand-scored data set', () => {
  const reports = evaluatePurchases(LINES, CUT, 2);
  const pick = (strategy: string, mode: string) => reports.find((r) => r.strategy === strategy && r.mode === mode)!;

  it('all purchases: pop recommends [10, 11] to everyone', () => {
    // A wanted 12: miss. B bought 11 and 10: both hit, precision 2/2.
    expect(pick('pop', 'all')).toMatchObject({ n: 2, hr: 0.5, precision: 0.5, k: 2 });
  });

  it('new items only: bought items leave both the list and the targets', () => {
    // A (had 10, 11, 13) gets [12] and buys 12: 1/2. B (had 10, 12) gets [11, 13], buys new 11: 1/2.
    expect(pick('pop', 'new')).toMatchObject({ n: 2, hr: 1, precision: 0.5 });
  });

  it('runs bought-together and for-you on the same customers', () => {
    for (const strategy of ['bought-together', 'for-you']) {
      for (const mode of ['all', 'new']) expect(pick(strategy, mode).n).toBe(2);
    }
  });
});

describe('online retail CSV', () => {
  it('splits quoted fields with commas and doubled quotes', () => {
    expect(splitCsvLine('"536365","85123A","HEART, WHITE ""XL""",6,"2010-12-01 08:26:00",2.55,17850,"UK"')).toEqual([
      '536365', '85123A', 'HEART, WHITE "XL"', '6', '2010-12-01 08:26:00', '2.55', '17850', 'UK',
    ]);
  });

  it('keeps only clean product lines', () => {
    const ok = ['536365', '85123A', 'HEART', '6', '2010-12-01 08:26:00', '2.55', '17850', 'UK'];
    expect(cleanLine(ok)).toMatchObject({ invoice: '536365', item: '85123A', quantity: 6, price: 2.55, customer: '17850' });
    expect(cleanLine(['C536379', ...ok.slice(1)])).toBeUndefined(); // cancellation
    expect(cleanLine([ok[0]!, 'POST', ...ok.slice(2)])).toBeUndefined(); // postage, not a product
    expect(cleanLine([...ok.slice(0, 6), '', 'UK'])).toBeUndefined(); // guest
    expect(cleanLine([...ok.slice(0, 3), '-1', ...ok.slice(4)])).toBeUndefined();
    expect(cleanLine([...ok.slice(0, 5), '0', ...ok.slice(6)])).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { buildProfile } from '../profile/build-profile';
import { DAY, T0, ev, item } from '../profile/test-support';
import { evaluateSegments, explainSegment } from './evaluate';
import { SegmentRuleError } from './types';
import { defineSegments, validateSegments } from './validate';

const RUN = ['Shoes', 'Running'];

function loyalRunner() {
  const events = [0, 10, 20].flatMap((d, i) => [
    ev('view_item', T0 + d * DAY, { items: [item(`r${i}`, `Runner ${i}`, RUN, 120, { item_brand: 'Nike' })] }, `s${i}`),
    ev('purchase', T0 + d * DAY + 1000, { transaction_id: `t${i}`, value: 120, items: [item(`r${i}`, `Runner ${i}`, RUN, 120)] }, `s${i}`),
  ]);
  return buildProfile(events, { now: () => T0 + 21 * DAY });
}

describe('segment rules', () => {
  it('evaluates all / any / not and comparisons on profile fields', () => {
    const defs = defineSegments({
      runners: { field: 'affinity.category.Shoes > Running', op: 'gte', value: 0.5 },
      buyers: { all: [{ field: 'orders.count', op: 'gte', value: 3 }, { field: 'rfm.segment', op: 'in', value: ['champion', 'loyal'] }] },
      notNew: { not: { field: 'lifecycle', op: 'eq', value: 'new_visitor' } },
      nikeFans: { field: 'tags.favouriteBrands', op: 'contains', value: 'Nike' },
      bargain: { any: [{ field: 'tags.priceSensitivity', op: 'eq', value: 'high' }, { field: 'days.sinceLastOrder', op: 'gt', value: 60 }] },
      searched: { field: 'searches', op: 'exists' },
    });
    expect(evaluateSegments(defs, loyalRunner(), T0 + 21 * DAY)).toEqual(['runners', 'buyers', 'notNew', 'nikeFans', 'searched']);
  });

  it('names every bad path in one error', () => {
    const issues = validateSegments({
      vip: { all: [{ field: 'rfm.segmnt', op: 'eq', value: 'champion' }, { field: 'orders.count', op: 'equals', value: 3 }] },
      big: { field: 'orders.revenue', op: 'gt', value: '100' },
      empty: { any: [] },
      odd: { all: [{ field: 'lifecycle', op: 'eq', value: 'x' }], any: [] },
      code: 'return true',
    });
    expect(issues.map((i) => i.path)).toEqual(['vip.all[0].field', 'vip.all[1].op', 'big.value', 'empty.any', 'odd', 'code']);
    expect(() => defineSegments({ big: { field: 'orders.revenue', op: 'gt', value: '100' as never } })).toThrow(SegmentRuleError);
    expect(() => defineSegments({ big: { field: 'orders.revenue', op: 'gt', value: '100' as never } })).toThrow(/big\.value: 'gt' needs a finite number/);
  });

  it('treats a rule as data: strings that look like code are just compared', () => {
    const defs = defineSegments({ weird: { field: 'lifecycle', op: 'eq', value: "'); globalThis.hacked = 1; ('" } });
    expect(evaluateSegments(defs, loyalRunner(), T0)).toEqual([]);
    expect((globalThis as { hacked?: number }).hacked).toBeUndefined();
  });

  it('explains membership with the values and the events behind them', () => {
    const defs = defineSegments({ runners: { field: 'affinity.category.Shoes > Running', op: 'gte', value: 0.5 } });
    const why = explainSegment(defs, 'runners', loyalRunner(), T0 + 21 * DAY);
    expect(why.matched).toBe(true);
    expect(why.text).toBe(
      'in runners: affinity.category.Shoes > Running is 1 (viewed 3 items and bought 3 in Shoes > Running this month (Runner 2, Runner 1, Runner 0))',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { buildProfile } from '../profile/build-profile';
import { emptyProfile } from '../profile/empty-profile';
import { T0, ev, item } from '../profile/test-support';
import type { Profile } from '../profile/types';
import { clusterFeatureNames, clusterFeatures, topCategoryShares } from './features';

const purchase = (ts: number, id: string, path: string[], price: number) =>
  ev('purchase', ts, { transaction_id: `t${ts}`, value: price, items: [item(id, id, path, price)] });

describe('topCategoryShares', () => {
  it('sums leaf interest by top-level category, without double-counting parents', () => {
    const p = buildProfile(
      [
        ev('view_item', T0, { items: [item('a', 'Lamp', ['Home', 'Lamps'], 20)] }),
        ev('view_item', T0, { items: [item('b', 'Rug', ['Home', 'Rugs'], 20)] }),
        ev('view_item', T0, { items: [item('c', 'Hose', ['Garden'], 20)] }),
      ],
      { now: () => T0 },
    );
    const shares = topCategoryShares(p, T0);
    expect(shares.Home).toBeCloseTo(2 / 3);
    expect(shares.Garden).toBeCloseTo(1 / 3);
  });

  it('is empty for a shopper with no category interest', () => {
    expect(Object.keys(topCategoryShares(emptyProfile(), T0))).toEqual([]);
  });
});

describe('clusterFeatures', () => {
  it('puts a repeat buyer of Home items on the Home, RFM and repeat-customer dimensions', () => {
    const p = buildProfile([purchase(T0, 'a', ['Home'], 500), purchase(T0 + 1000, 'b', ['Home'], 700)], { now: () => T0 + 2000 });
    const names = clusterFeatureNames(['Home', 'Garden']);
    const x = clusterFeatures(p, ['Home', 'Garden'], T0 + 2000);
    const at = (name: string) => x[names.indexOf(name)];
    expect(x).toHaveLength(names.length);
    expect(at('category:Home')).toBeCloseTo(Math.SQRT1_2);
    expect(at('category:Garden')).toBe(0);
    expect(at('recency')).toBe(p.rfm.recency / 5);
    expect(at('monetary')).toBe(p.rfm.monetary / 5);
    expect(at(`lifecycle:${p.lifecycle}`)).toBeCloseTo(Math.SQRT1_2);
    expect(x.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('reads a partial synced profile with neutral values instead of throwing', () => {
    const partial = { lifecycle: 'dormant', rfm: { recency: 'x' } } as unknown as Profile;
    const x = clusterFeatures(partial, ['Home'], T0);
    const names = clusterFeatureNames(['Home']);
    expect(x[names.indexOf('recency')]).toBe(0);
    expect(x[names.indexOf('price_sensitivity')]).toBe(0.5);
    expect(x[names.indexOf('lifecycle:dormant')]).toBeCloseTo(Math.SQRT1_2);
    expect(x.every(Number.isFinite)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { runSync } from '../embeddings/steps';
import type { TrainedEmbeddings } from '../embeddings/train';
import { buildShopperPrototypes } from './prototypes';
import { sphericalKmeans } from './spherical-kmeans';

// Items on two axes: camping along x, kitchen along y.
const emb: TrainedEmbeddings = {
  ids: ['tent', 'stove', 'pan', 'knife', 'rare'],
  dim: 2,
  rows: new Float32Array([1, 0, 0.95, 0.31, 0, 1, 0.31, 0.95, 0.7, 0.7]),
};

describe('buildShopperPrototypes', () => {
  it('groups shoppers by taste and lists what each group used, with its share of members', () => {
    const campers = Array.from({ length: 30 }, (_, i) => (i % 3 ? ['tent', 'stove'] : ['tent']));
    const cooks = Array.from({ length: 25 }, () => ['pan', 'knife']);
    const p = buildShopperPrototypes([...campers, ...cooks], emb, { groups: 2, minMembers: 10 });
    expect(p.prototypes.map((g) => g.size)).toEqual([30, 25]);
    expect(p.prototypes[0]!.items).toEqual([
      ['tent', 1],
      ['stove', 0.6667],
    ]);
    expect(p.prototypes[1]!.items.map(([id]) => id).sort()).toEqual(['knife', 'pan']);
  });

  it('never publishes a small group or an item only a couple of members used', () => {
    const histories = [...Array.from({ length: 30 }, () => ['tent']), ['tent', 'rare'], ['tent', 'rare'], ...Array.from({ length: 5 }, () => ['pan'])];
    const p = buildShopperPrototypes(histories, emb, { groups: 2, minMembers: 10, minItemMembers: 3 });
    expect(p.prototypes.every((g) => g.size >= 10)).toBe(true);
    expect(JSON.stringify(p)).not.toContain('rare');
    expect(JSON.stringify(p)).not.toContain('pan');
    expect(buildShopperPrototypes([['tent']], emb).prototypes).toEqual([]);
  });
});

describe('sphericalKmeans', () => {
  it('separates directions and is deterministic for a seed', () => {
    const points = new Float64Array([1, 0, 0.99, 0.14, 0, 1, 0.14, 0.99]);
    const a = runSync(sphericalKmeans(points, 2, 2, { seed: 3 }));
    expect(a.assignments[0]).toBe(a.assignments[1]);
    expect(a.assignments[2]).toBe(a.assignments[3]);
    expect(a.assignments[0]).not.toBe(a.assignments[2]);
    expect(runSync(sphericalKmeans(points, 2, 2, { seed: 3 }))).toEqual(a);
    expect(() => runSync(sphericalKmeans(points, 2, 5))).toThrow(/k must be from 1 to the number of points \(4\)/);
  });
});

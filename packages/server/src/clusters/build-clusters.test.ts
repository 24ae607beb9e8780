import { describe, expect, it } from 'vitest';
import { behaviourFeatures } from '../../../core/src/clusters/features';
import type { Profile } from '../../../core/src/profile/types';
import { buildClusters, ClustersUnavailableError, type ClusterInput } from './build-clusters';
import { describeCentroid, uniqueLabels } from './describe';

/** A synced-profile-like object with just the fields clustering reads. */
function shopper(kind: 'big-home' | 'cheap-garden' | 'browser', i: number): ClusterInput {
  const jitter = (i % 5) / 100;
  const p = {
    'big-home': { rfm: { recency: 5, frequency: 5, monetary: 5 }, tags: { priceSensitivityScore: 0.1 + jitter, interactionScore: 30 }, lifecycle: 'repeat_customer' },
    'cheap-garden': { rfm: { recency: 2, frequency: 1, monetary: 2 }, tags: { priceSensitivityScore: 0.9 - jitter, interactionScore: 3 }, lifecycle: 'dormant' },
    browser: { rfm: { recency: 0, frequency: 0, monetary: 0 }, tags: { priceSensitivityScore: 0.5, interactionScore: 8 + i }, lifecycle: 'engaged_browser' },
  }[kind] as unknown as Profile;
  const shares: Record<string, number> = { 'big-home': { 'Home décor': 0.9 - jitter, Garden: 0.1 + jitter }, 'cheap-garden': { Garden: 1 }, browser: { Toys: 0.6, 'Home décor': 0.4 } }[kind];
  return { shares, behaviour: behaviourFeatures(p) };
}

const inputs = (['big-home', 'cheap-garden', 'browser'] as const).flatMap((kind, g) => Array.from({ length: 10 + g * 5 }, (_, i) => shopper(kind, i)));

describe('buildClusters', () => {
  it('finds the three kinds of shopper by silhouette, largest first, and describes them', async () => {
    const build = await buildClusters(inputs, 1000, { seed: 3 });
    expect(build.k).toBe(3);
    expect(build.chosenBy).toBe('silhouette');
    expect(build.sizes).toEqual([20, 15, 10]);
    expect(build.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(build.silhouette).toBe(Math.max(...build.candidates.map((c) => c.silhouette)));
    const [browsers, garden, home] = build.model.clusters.map((c) => c.label);
    expect(home).toBe('high spend, frequent, recent, Home décor, price tolerant, repeat customers');
    expect(garden).toBe('low spend, one-off, Garden, price sensitive, dormant');
    expect(browsers).toBe('no purchases, Toys & Home décor, highly engaged, engaged browsers');
    expect(build.assignments.slice(0, 10)).toEqual(new Array(10).fill(2));
  });

  it('uses the merchant k and is deterministic for a seed', async () => {
    const a = await buildClusters(inputs, 1000, { k: 2, seed: 9 });
    const b = await buildClusters(inputs, 1000, { k: 2, seed: 9 });
    expect(a.chosenBy).toBe('merchant');
    expect(a.model.clusters).toHaveLength(2);
    expect(b.model).toEqual(a.model);
  });

  it('refuses too few profiles or an impossible k', async () => {
    await expect(buildClusters(inputs.slice(0, 5), 0)).rejects.toBeInstanceOf(ClustersUnavailableError);
    await expect(buildClusters(inputs, 0, { k: 0 })).rejects.toThrow(/k must be a whole number/);
  });
});

describe('describeCentroid', () => {
  it('says "mixed categories" when no category leads and numbers repeated labels', () => {
    const centroid = [0.2, 0.2, 0.2, ...[0.8, 0.8, 0.8, 0.5, 0.2], 0, 0, 0, 0.7071, 0, 0, 0];
    expect(describeCentroid(centroid, ['A', 'B', 'C'])).toBe('high spend, frequent, recent, mixed categories, repeat customers');
    // Same centroid, against a population that buys A far less: A is what the cluster leans to.
    expect(describeCentroid(centroid, ['A', 'B', 'C'], [0.05, 0.2, 0.2])).toBe('high spend, frequent, recent, mixed, most A, repeat customers');
    expect(uniqueLabels(['x', 'y', 'x', 'x'])).toEqual(['x', 'y', 'x (2)', 'x (3)']);
  });
});

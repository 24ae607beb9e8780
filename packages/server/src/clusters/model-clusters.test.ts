import { describe, expect, it } from 'vitest';
import type { BuiltClusters, ClustersService } from './clusters-service';
import { clustersIfReady } from './model-clusters';

const built = { model: { v: 1, builtAt: 1, categories: [], clusters: [{ id: 0, label: 'all', centroid: [0.5] }] } } as unknown as BuiltClusters;

describe('clustersIfReady', () => {
  it('gives the current clustering, and does not wait for one being built', async () => {
    let finish: (b: BuiltClusters) => void = () => {};
    let state: 'building' | 'built' = 'building';
    const service = {
      get: () => (state === 'built' ? Promise.resolve(built) : new Promise<BuiltClusters>((resolve) => (finish = resolve))),
    } as unknown as ClustersService;
    const peek = clustersIfReady(service);
    expect(await peek('demo')).toBeUndefined();
    finish(built);
    state = 'built';
    expect(await peek('demo')).toBe(built.model);
  });

  it('answers undefined when the site cannot be clustered', async () => {
    const service = { get: () => Promise.reject(new Error('too few profiles')) } as unknown as ClustersService;
    expect(await clustersIfReady(service)('demo')).toBeUndefined();
  });
});

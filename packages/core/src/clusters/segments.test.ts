import { atom } from 'nanostores';
import { describe, expect, it, vi } from 'vitest';
import { createAffinity } from '../affinity';
import { buildProfile } from '../profile/build-profile';
import { createProfile } from '../profile/create-profile';
import { emptyProfile } from '../profile/empty-profile';
import { T0, ev, item } from '../profile/test-support';
import { matchesTarget } from '../promotions/targeting';
import { createRuntime } from '../runtime/runtime';
import { evaluateSegments, explainSegment } from '../segments/evaluate';
import { defineSegments } from '../segments/validate';
import type { ModelPayload } from '../types';
import { clusterFeatures } from './features';
import { usesCluster } from './segments';
import type { ClusterModel } from './types';

const categories = ['Home', 'Garden'];
const homeBuyer = buildProfile(
  [ev('purchase', T0, { transaction_id: 't1', value: 900, items: [item('a', 'Sofa', ['Home'], 900)] })],
  { now: () => T0 },
);
const clusters: ClusterModel = {
  v: 1,
  builtAt: T0,
  categories,
  clusters: [
    { id: 0, label: 'no purchases, browsing', centroid: clusterFeatures(emptyProfile(), categories, T0) },
    { id: 1, label: 'high spend, Home', centroid: clusterFeatures(homeBuyer, categories, T0) },
  ],
};
const defs = defineSegments({
  homeSpenders: { field: 'cluster.label', op: 'contains', value: 'high spend' },
  browsers: { field: 'cluster.id', op: 'eq', value: 0 },
});

describe('segment rules on the shopper’s cluster', () => {
  it('place each shopper in the segment of the nearest published centroid', () => {
    expect(evaluateSegments(defs, homeBuyer, T0, clusters)).toEqual(['homeSpenders']);
    expect(evaluateSegments(defs, emptyProfile(), T0, clusters)).toEqual(['browsers']);
    expect(explainSegment(defs, 'homeSpenders', homeBuyer, T0, clusters).text).toBe('in homeSpenders: cluster.label is "high spend, Home"');
  });

  it('match nobody while the centroids are not loaded, and never throw on a malformed model', () => {
    expect(evaluateSegments(defs, homeBuyer, T0)).toEqual([]);
    expect(evaluateSegments(defs, homeBuyer, T0, { ...clusters, clusters: [] } as ClusterModel)).toEqual([]);
  });

  it('re-evaluate when the centroids arrive, so coupon targets on such segments switch on', () => {
    const $clusters = atom<ClusterModel | undefined>(undefined);
    const store = createProfile(undefined, { segments: defs, clusters: $clusters, now: () => T0 });
    for (const e of [ev('purchase', T0, { transaction_id: 't1', value: 900, items: [item('a', 'Sofa', ['Home'], 900)] })]) store.apply(e);
    const target = { segments: ['homeSpenders'] };
    expect(matchesTarget(target, { now: T0, profile: store.$profile.get(), segments: store.$segments.get() })).toBe(false);
    $clusters.set(clusters);
    expect(store.$segments.get()).toEqual(['homeSpenders']);
    expect(matchesTarget(target, { now: T0, profile: store.$profile.get(), segments: store.$segments.get() })).toBe(true);
  });

  it('are recognised, so only pages with such rules load the model for them', () => {
    expect(usesCluster(defs)).toBe(true);
    expect(usesCluster({ vip: { not: { any: [{ field: 'rfm.segment', op: 'eq', value: 'champion' }] } } })).toBe(false);
    expect(usesCluster(undefined)).toBe(false);
  });

  it('use the centroids the runtime loads with the model', async () => {
    const model = { version: 'm1', popular: [], clusters } as unknown as ModelPayload;
    const fetch = vi.fn(async (_url: string) => new Response(JSON.stringify(model), { status: 200, headers: { 'content-type': 'application/json' } }));
    const affinity = createAffinity({ site: `cl-${Math.random()}`, storage: 'memory', consent: 'granted', respectGpc: false });
    const rt = createRuntime({ affinity, endpoint: 'http://api.test', fetch: fetch as unknown as typeof globalThis.fetch, profile: { segments: { browsers: { field: 'cluster.id', op: 'eq', value: 0 } } } });
    const stop = rt.profile.$segments.listen(() => {});
    await vi.waitFor(() => expect(rt.profile.$segments.get()).toEqual(['browsers']), { timeout: 3000 });
    expect(String(fetch.mock.calls[0]![0])).toContain('/v1/model');
    stop();
    rt.destroy();
    affinity.destroy();
  });
});

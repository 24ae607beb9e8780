import { describe, expect, it } from 'vitest';
import { buildProfile } from '../profile/build-profile';
import { emptyProfile } from '../profile/empty-profile';
import { T0, ev, item } from '../profile/test-support';
import { assignCluster, isClusterModel } from './assign';
import { clusterFeatures } from './features';
import type { ClusterModel } from './types';

const categories = ['Home', 'Garden'];
const homeBuyer = buildProfile(
  [ev('purchase', T0, { transaction_id: 't1', value: 900, items: [item('a', 'Sofa', ['Home'], 900)] })],
  { now: () => T0 },
);
const browser = emptyProfile();

function model(): ClusterModel {
  return {
    v: 1,
    builtAt: T0,
    categories,
    clusters: [
      { id: 0, label: 'new visitors', centroid: clusterFeatures(browser, categories, T0) },
      { id: 1, label: 'Home buyers', centroid: clusterFeatures(homeBuyer, categories, T0) },
    ],
  };
}

describe('assignCluster', () => {
  it('assigns each shopper to the centroid they are closest to', () => {
    expect(assignCluster(homeBuyer, model(), T0)).toMatchObject({ id: 1, label: 'Home buyers', distance: 0 });
    expect(assignCluster(browser, model(), T0)?.label).toBe('new visitors');
  });

  it('answers undefined, not an exception, for a missing or malformed model', () => {
    expect(assignCluster(homeBuyer, undefined, T0)).toBeUndefined();
    const short = model();
    short.clusters[1]!.centroid = [0.5];
    expect(assignCluster(homeBuyer, short, T0)).toBeUndefined();
    expect(isClusterModel({ v: 1, categories: [], clusters: [{ id: 0, label: 'x', centroid: [NaN] }] })).toBe(false);
    expect(isClusterModel(JSON.parse(JSON.stringify(model())))).toBe(true);
  });
});

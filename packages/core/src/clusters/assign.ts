import type { Profile } from '../profile/types';
import { clusterFeatures } from './features';
import type { ClusterAssignment, ClusterModel } from './types';

/**
 * The published cluster nearest to this shopper (Euclidean distance between `clusterFeatures`
 * and each centroid), computed in the browser so the profile never leaves it. `undefined` when
 * the model is missing or malformed (a centroid of the wrong length, say); never throws.
 *
 * @example
 * const model = await (await fetch('/v1/clusters?site=demo')).json();
 * assignCluster(profile, model, Date.now()); // { id: 2, label: 'high spend, Home, price tolerant', distance: 0.31 }
 */
export function assignCluster(profile: Profile, model: ClusterModel | undefined, now: number): ClusterAssignment | undefined {
  if (!isClusterModel(model) || !profile) return undefined;
  const x = clusterFeatures(profile, model.categories, now);
  let best: ClusterAssignment | undefined;
  for (const c of model.clusters) {
    if (c.centroid.length !== x.length) return undefined;
    let d = 0;
    for (let i = 0; i < x.length; i++) d += (x[i]! - c.centroid[i]!) ** 2;
    if (!best || d < best.distance) best = { id: c.id, label: c.label, distance: d };
  }
  if (best) best.distance = Math.sqrt(best.distance);
  return best;
}

/**
 * Whether a value (e.g. a fetched JSON body) is a usable `ClusterModel`.
 *
 * @example
 * isClusterModel(await res.json()); // true
 */
export function isClusterModel(m: unknown): m is ClusterModel {
  if (!m || typeof m !== 'object') return false;
  const o = m as Partial<ClusterModel>;
  return (
    o.v === 1 &&
    Array.isArray(o.categories) &&
    o.categories.every((c) => typeof c === 'string') &&
    Array.isArray(o.clusters) &&
    o.clusters.length > 0 &&
    o.clusters.every(
      (c) => c && typeof c.id === 'number' && typeof c.label === 'string' && Array.isArray(c.centroid) && c.centroid.every((v) => typeof v === 'number' && Number.isFinite(v)),
    )
  );
}

import type { ClusterModel } from '@affinity/core';
import type { ClustersService } from './clusters-service';

/**
 * The cluster centroids to put in a model payload: the site's current clustering if one is
 * built, else `undefined` at once — the first clustering of a site (a scan of every synced
 * profile and k-means for several k) then runs in the background and the next model publish
 * carries it, so a model is never held back by clustering.
 *
 * @example createModelService(storage, { ...config.model, clusters: clustersIfReady(clusters) })
 */
export function clustersIfReady(service: ClustersService): (site: string) => Promise<ClusterModel | undefined> {
  return (site) => {
    const built = service.get(site).then(
      (c) => c.model,
      () => undefined,
    );
    // A built clustering resolves within microtasks, before this macrotask runs.
    return Promise.race([built, new Promise<undefined>((resolve) => setImmediate(() => resolve(undefined)))]);
  };
}

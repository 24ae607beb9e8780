import { createHash } from 'node:crypto';
import { behaviourFeatures, topCategoryShares } from '../../../core/src/clusters/features';
import type { Profile } from '../../../core/src/profile/types';
import { buildClusters, ClustersUnavailableError, type ClusterBuild, type ClusterInput } from './build-clusters';
import type { ProfileScan } from './profile-source';
import { seededRandom } from '../random/seeded-random';

/** Options of {@link createClustersService}. */
export interface ClustersServiceOptions {
  /** Rebuild period for every site asked for. Default 15 minutes: shopper groups move slowly. */
  intervalMs?: number;
  /** Merchant-set k per site; other sites choose k by silhouette. */
  k?: Record<string, number>;
  /** Seed of k-means++, the silhouette sample and the profile sample. Default 1. */
  seed?: number;
  /** Profiles beyond this are sampled (seeded reservoir), bounding memory and time. Default 50,000. */
  maxProfiles?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** A build with its public JSON, ready to send. */
export interface BuiltClusters extends ClusterBuild {
  /** `JSON.stringify(model)`: centroids and labels only. */
  json: string;
  etag: string;
  durationMs: number;
  /** Stored profiles that were not JSON objects and were skipped. */
  skipped: number;
}

/** Keeps one clustering per site, rebuilt on a schedule or on demand. */
export interface ClustersService {
  /** The current clustering; the first call builds it. Throws `ClustersUnavailableError` when there is none. */
  get(site: string): Promise<BuiltClusters>;
  /** Rebuild now, optionally with a new merchant k (`'auto'` = choose by silhouette again). */
  rebuild(site: string, k?: number | 'auto'): Promise<BuiltClusters>;
  close(): void;
}

/**
 * Cluster each site's synced profiles. Only profiles the shopper chose to sync are stored (sync is
 * opt-in and erasure deletes them), so every stored profile is a consented one. Builds read
 * profiles a page at a time and keep only their feature blocks, and pause between k-means runs so
 * requests keep being served.
 *
 * @example
 * const clusters = createClustersService(storageProfileScan(storage));
 * (await clusters.get('demo')).model.clusters[0].label;
 */
export function createClustersService(scan: ProfileScan | undefined, options: ClustersServiceOptions = {}): ClustersService {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? 1;
  const merchantK = new Map(Object.entries(options.k ?? {}));
  const current = new Map<string, BuiltClusters | ClustersUnavailableError>();
  const building = new Map<string, Promise<BuiltClusters>>();

  const build = async (site: string): Promise<BuiltClusters> => {
    if (!scan) throw new ClustersUnavailableError('This storage cannot list synced profiles, so clusters are unavailable.');
    const started = performance.now();
    const at = now();
    const { inputs, skipped } = await readInputs(scan, site, at, options.maxProfiles ?? 50_000, seed);
    const built = await buildClusters(inputs, at, { k: merchantK.get(site), seed, pause: () => new Promise((r) => setImmediate(r)) });
    const json = JSON.stringify(built.model);
    return { ...built, json, etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 22)}"`, durationMs: Math.round(performance.now() - started), skipped };
  };

  const rebuild = (site: string): Promise<BuiltClusters> => {
    const running = building.get(site);
    if (running) return running;
    const promise = build(site)
      .then(
        (built) => (current.set(site, built), built),
        (error: unknown) => {
          // Remember "not enough profiles" until the next scheduled build instead of rescanning per request.
          if (error instanceof ClustersUnavailableError) current.set(site, error);
          throw error;
        },
      )
      .finally(() => building.delete(site));
    building.set(site, promise);
    return promise;
  };

  const timer = setInterval(() => {
    for (const site of current.keys()) rebuild(site).catch(() => {});
  }, options.intervalMs ?? 15 * 60_000);
  timer.unref();

  return {
    async get(site) {
      const known = current.get(site);
      if (known instanceof Error) throw known;
      return known ?? rebuild(site);
    },
    rebuild(site, k) {
      if (k === 'auto') merchantK.delete(site);
      else if (k !== undefined) merchantK.set(site, k);
      return rebuild(site);
    },
    close() {
      clearInterval(timer);
    },
  };
}

async function readInputs(scan: ProfileScan, site: string, now: number, max: number, seed: number): Promise<{ inputs: ClusterInput[]; skipped: number }> {
  const inputs: ClusterInput[] = [];
  const random = seededRandom(seed);
  let seen = 0;
  let skipped = 0;
  await scan(site, (page) => {
    for (const data of page) {
      if (!data || typeof data !== 'object' || Array.isArray(data)) {
        skipped++;
        continue;
      }
      const p = data as Profile;
      const input = { shares: topCategoryShares(p, now), behaviour: behaviourFeatures(p) };
      // Reservoir sampling: every profile has the same chance to be among the `max` kept.
      seen++;
      if (inputs.length < max) inputs.push(input);
      else {
        const j = Math.floor(random() * seen);
        if (j < max) inputs[j] = input;
      }
    }
  });
  return { inputs, skipped };
}

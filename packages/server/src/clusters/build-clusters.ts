import { categoryFeatures, clusterFeatureNames } from '../../../core/src/clusters/features';
import type { ClusterModel } from '../../../core/src/clusters/types';
import { describeCentroid, uniqueLabels } from './describe';
import { kmeans } from './kmeans';
import { silhouette } from './silhouette';

/** What the build keeps of one profile: its category shares and the rest of its feature vector. */
export interface ClusterInput {
  shares: Readonly<Record<string, number>>;
  /** `behaviourFeatures(profile)` from core. */
  behaviour: number[];
}

/** Options of {@link buildClusters}. */
export interface ClusterBuildOptions {
  /** Merchant's choice of k; otherwise chosen by silhouette over `kRange`. */
  k?: number;
  /** Candidate k when choosing by silhouette. Default [2, 8]. */
  kRange?: [number, number];
  /** Seed of k-means++ and of the silhouette sample. Default 1. */
  seed?: number;
  /** Top-level categories that become dimensions, most popular first. Default 8. */
  maxCategories?: number;
  /** Points the silhouette scores (against all points). Default 1,000. */
  silhouetteSample?: number;
  /** Fewer profiles than this are not clustered. Default 10. */
  minProfiles?: number;
  /** Called between k-means runs, so a server can let requests through. */
  pause?: () => Promise<void>;
}

/** A finished clustering: the public model plus what the merchant sees. */
export interface ClusterBuild {
  model: ClusterModel;
  /** Shoppers per cluster, in `model.clusters` order. */
  sizes: number[];
  k: number;
  chosenBy: 'silhouette' | 'merchant';
  /** Mean silhouette of the chosen clustering (0 when k = 1). */
  silhouette: number;
  /** Every k tried with its silhouette. */
  candidates: Array<{ k: number; silhouette: number }>;
  profiles: number;
  featureNames: string[];
  /** The cluster of each input, by index (not published). */
  assignments: number[];
}

/** Thrown when clusters cannot be built: too few profiles, an impossible k, a storage that cannot list profiles. */
export class ClustersUnavailableError extends Error {}

/**
 * Cluster shoppers: pick the category dimensions, run seeded k-means++ for each candidate k (or
 * the merchant's k), keep the best silhouette (smaller k on ties), order clusters by size and
 * describe each from its centroid.
 *
 * @example
 * const build = await buildClusters(inputs, Date.now(), { seed: 1 });
 * build.model.clusters[0].label; // 'high spend, frequent, Home, repeat customers'
 */
export async function buildClusters(inputs: readonly ClusterInput[], now: number, options: ClusterBuildOptions = {}): Promise<ClusterBuild> {
  const minProfiles = options.minProfiles ?? 10;
  if (inputs.length < minProfiles) {
    throw new ClustersUnavailableError(`Only ${inputs.length} synced profiles; clustering needs at least ${minProfiles}.`);
  }
  if (options.k !== undefined && (!Number.isInteger(options.k) || options.k < 1 || options.k > inputs.length)) {
    throw new ClustersUnavailableError(`k must be a whole number from 1 to the number of profiles (${inputs.length}), got ${options.k}.`);
  }
  const seed = options.seed ?? 1;
  const categories = topCategories(inputs, options.maxCategories ?? 8);
  const points = inputs.map((x) => [...categoryFeatures(x.shares, categories), ...x.behaviour]);
  const [lo, hi] = options.kRange ?? [2, 8];
  const ks = options.k !== undefined ? [options.k] : range(lo, Math.min(hi, inputs.length - 1));
  if (ks.length === 0) throw new ClustersUnavailableError(`No k in ${lo}..${hi} fits ${inputs.length} profiles.`);
  const candidates: Array<{ k: number; silhouette: number }> = [];
  let best: { k: number; silhouette: number; result: ReturnType<typeof kmeans> } | undefined;
  for (const k of ks) {
    await options.pause?.();
    const result = kmeans(points, k, { seed });
    await options.pause?.();
    const s = k >= 2 && distinct(result.assignments) >= 2 ? silhouette(points, result.assignments, { sample: options.silhouetteSample ?? 1000, seed }) : 0;
    candidates.push({ k, silhouette: s });
    if (!best || s > best.silhouette) best = { k, silhouette: s, result };
  }
  const { result } = best!;
  const sizes = new Array<number>(best!.k).fill(0);
  for (const a of result.assignments) sizes[a]!++;
  // Largest first, so ids read as "0 = the main group"; ties keep k-means order.
  const order = sizes.map((_, i) => i).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  const rank = new Array<number>(order.length);
  order.forEach((c, i) => (rank[c] = i));
  const mean = categories.map((_, d) => points.reduce((sum, p) => sum + p[d]!, 0) / points.length);
  const labels = uniqueLabels(order.map((c) => describeCentroid(result.centroids[c]!, categories, mean)));
  return {
    model: {
      v: 1,
      builtAt: now,
      categories,
      clusters: order.map((c, i) => ({ id: i, label: labels[i]!, centroid: result.centroids[c]!.map(round) })),
    },
    sizes: order.map((c) => sizes[c]!),
    k: best!.k,
    chosenBy: options.k !== undefined ? 'merchant' : 'silhouette',
    silhouette: best!.silhouette,
    candidates,
    profiles: inputs.length,
    featureNames: clusterFeatureNames(categories),
    assignments: result.assignments.map((a) => rank[a]!),
  };
}

/** Top-level categories by total share over all shoppers, most popular first (ties by name). */
function topCategories(inputs: readonly ClusterInput[], max: number): string[] {
  const totals = new Map<string, number>();
  for (const x of inputs) for (const c of Object.keys(x.shares)) totals.set(c, (totals.get(c) ?? 0) + x.shares[c]!);
  return [...totals]
    .filter(([, t]) => t > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, max)
    .map(([c]) => c);
}

function range(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let k = Math.max(1, lo); k <= hi; k++) out.push(k);
  return out;
}

function distinct(xs: readonly number[]): number {
  return new Set(xs).size;
}

// Four decimals keep the payload small; assignment differences below 1e-4 do not matter.
function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

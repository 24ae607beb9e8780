import { checkPoints, squaredDistance } from './distance';
import { seededRandom } from '../random/seeded-random';

/** Options of {@link kmeans}. */
export interface KMeansOptions {
  /** Seed of the k-means++ draws; same seed, same result. Default 1. */
  seed?: number;
  /** Independent k-means++ starts; the lowest inertia wins. Default 4. */
  restarts?: number;
  /** Lloyd iterations per start at most. Default 100. */
  maxIterations?: number;
}

/** A clustering: centroids, the cluster of each point, and the within-cluster sum of squares. */
export interface KMeansResult {
  centroids: number[][];
  assignments: number[];
  /** Sum of squared distances of points to their centroid (lower = tighter). */
  inertia: number;
}

/**
 * k-means with k-means++ seeding (Arthur & Vassilvitskii 2007) and Lloyd iterations, seeded so it
 * is deterministic. A cluster that empties is re-seeded with the point farthest from its centroid.
 *
 * @example
 * kmeans([[0, 0], [0, 1], [10, 10], [10, 11]], 2, { seed: 7 }).assignments; // [0, 0, 1, 1] (or [1, 1, 0, 0])
 */
export function kmeans(points: readonly (readonly number[])[], k: number, options: KMeansOptions = {}): KMeansResult {
  checkPoints(points);
  if (!Number.isInteger(k) || k < 1 || k > points.length) {
    throw new RangeError(`clusters: k must be a whole number from 1 to the number of points (${points.length}), got ${k}.`);
  }
  const random = seededRandom(options.seed ?? 1);
  const restarts = Math.max(1, options.restarts ?? 4);
  let best: KMeansResult | undefined;
  for (let r = 0; r < restarts; r++) {
    const result = lloyd(points, seedCentroids(points, k, random), options.maxIterations ?? 100);
    if (!best || result.inertia < best.inertia) best = result;
  }
  return best!;
}

/** k-means++: each next centre is drawn with probability proportional to its squared distance to the nearest centre so far. */
function seedCentroids(points: readonly (readonly number[])[], k: number, random: () => number): number[][] {
  const centroids = [[...points[Math.floor(random() * points.length)]!]];
  const nearest = points.map((p) => squaredDistance(p, centroids[0]!));
  while (centroids.length < k) {
    const total = nearest.reduce((a, b) => a + b, 0);
    let pick = 0;
    if (total > 0) {
      let target = random() * total;
      while (pick < points.length - 1 && (target -= nearest[pick]!) > 0) pick++;
      // Guard against rounding landing on an already-chosen point.
      while (nearest[pick] === 0 && pick > 0) pick--;
    } else pick = Math.floor(random() * points.length);
    const c = [...points[pick]!];
    centroids.push(c);
    points.forEach((p, i) => (nearest[i] = Math.min(nearest[i]!, squaredDistance(p, c))));
  }
  return centroids;
}

function lloyd(points: readonly (readonly number[])[], centroids: number[][], maxIterations: number): KMeansResult {
  const k = centroids.length;
  const dims = points[0]!.length;
  const assignments = new Array<number>(points.length).fill(-1);
  for (let iter = 0; iter < maxIterations; iter++) {
    let changed = false;
    points.forEach((p, i) => {
      const c = nearestCentroid(p, centroids);
      if (c !== assignments[i]) (assignments[i] = c), (changed = true);
    });
    if (!changed) break;
    const sums = Array.from({ length: k }, () => new Array<number>(dims).fill(0));
    const counts = new Array<number>(k).fill(0);
    points.forEach((p, i) => {
      const a = assignments[i]!;
      counts[a]!++;
      for (let d = 0; d < dims; d++) sums[a]![d]! += p[d]!;
    });
    for (let c = 0; c < k; c++) {
      if (counts[c]! > 0) centroids[c] = sums[c]!.map((s) => s / counts[c]!);
      else centroids[c] = [...points[farthestPoint(points, assignments, centroids)]!];
    }
  }
  let inertia = 0;
  points.forEach((p, i) => (inertia += squaredDistance(p, centroids[assignments[i]!]!)));
  return { centroids, assignments, inertia };
}

/**
 * Index of the centroid nearest to `p` (the first on ties).
 *
 * @example
 * nearestCentroid([1, 1], [[0, 0], [2, 2], [1, 1.1]]); // 2
 */
export function nearestCentroid(p: readonly number[], centroids: readonly (readonly number[])[]): number {
  let best = 0;
  let bestD = Infinity;
  for (let c = 0; c < centroids.length; c++) {
    const d = squaredDistance(p, centroids[c]!);
    if (d < bestD) (bestD = d), (best = c);
  }
  return best;
}

function farthestPoint(points: readonly (readonly number[])[], assignments: readonly number[], centroids: readonly (readonly number[])[]): number {
  let far = 0;
  let farD = -1;
  points.forEach((p, i) => {
    const d = squaredDistance(p, centroids[assignments[i]!]!);
    if (d > farD) (farD = d), (far = i);
  });
  return far;
}

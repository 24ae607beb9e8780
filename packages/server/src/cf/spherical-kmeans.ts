import { seededRandom } from '../random/seeded-random';
import { SLICE, type Steps } from '../embeddings/steps';

/**
 * Spherical k-means over unit vectors (row-major `Float64Array`, `dim` per point): points join
 * the centroid with the largest dot product, centroids are re-normalised means. Seeded with
 * k-means++ on 1 − cosine, so it is deterministic. Written as steps (yielding every few hundred
 * points) so the server can run it between requests. Returns each point's group and the centroids.
 *
 * @example runSync(sphericalKmeans(points, 2, 8, { seed: 1 })).assignments
 */
export function* sphericalKmeans(points: Float64Array, dim: number, k: number, options: { seed?: number; iterations?: number } = {}): Steps<{ centroids: Float64Array[]; assignments: Int32Array }> {
  const n = points.length / dim;
  if (!Number.isInteger(n) || k < 1 || k > n) throw new RangeError(`similar shoppers: k must be from 1 to the number of points (${n}), got ${k}`);
  const random = seededRandom(options.seed ?? 1);
  const row = (i: number) => points.slice(i * dim, (i + 1) * dim);
  // k-means++: each next seed drawn with probability ∝ its distance to the nearest seed so far.
  const centroids: Float64Array[] = [row(Math.floor(random() * n))];
  const nearest = new Float64Array(n).fill(Infinity);
  while (centroids.length < k) {
    yield;
    centroids.push(row(nextSeed(points, dim, centroids[centroids.length - 1]!, nearest, random())));
  }
  const assignments = new Int32Array(n).fill(-1);
  for (let it = 0; it < (options.iterations ?? 20); it++) {
    let moved = 0;
    for (let from = 0; from < n; from += SLICE * 4) {
      yield;
      moved += assign(points, dim, centroids, assignments, from, Math.min(n, from + SLICE * 4));
    }
    const sums = centroids.map(() => new Float64Array(dim));
    for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) sums[assignments[i]!]![j]! += points[i * dim + j]!;
    sums.forEach((s, c) => {
      const norm = Math.sqrt(s.reduce((a, x) => a + x * x, 0));
      // An emptied group keeps its old centroid (it may win points back next round).
      if (norm > 0) centroids[c] = s.map((x) => x / norm);
    });
    if (moved === 0) break;
  }
  return { centroids, assignments };
}

/** Assigns points [from, to) to their most similar centroid; returns how many changed group. Kept
 * out of the generator: V8 optimises this hot loop far better in a plain function. */
function assign(points: Float64Array, dim: number, centroids: readonly Float64Array[], assignments: Int32Array, from: number, to: number): number {
  let moved = 0;
  for (let i = from; i < to; i++) {
    let best = 0;
    let bestSim = -Infinity;
    const o = i * dim;
    for (let c = 0; c < centroids.length; c++) {
      const cen = centroids[c]!;
      let s = 0;
      for (let j = 0; j < dim; j++) s += points[o + j]! * cen[j]!;
      if (s > bestSim) (bestSim = s), (best = c);
    }
    if (assignments[i] !== best) (assignments[i] = best), moved++;
  }
  return moved;
}

/** One k-means++ draw: updates each point's distance (1 − cosine) to the nearest seed, then picks
 * a point with probability ∝ that distance (`u` uniform in [0, 1)). */
function nextSeed(points: Float64Array, dim: number, last: Float64Array, nearest: Float64Array, u: number): number {
  const n = nearest.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0, o = i * dim; j < dim; j++) s += points[o + j]! * last[j]!;
    const d = Math.max(0, 1 - s);
    if (d < nearest[i]!) nearest[i] = d;
    total += nearest[i]!;
  }
  let pick = u * total;
  for (let i = 0; i < n; i++) if ((pick -= nearest[i]!) <= 0) return i;
  return n - 1;
}

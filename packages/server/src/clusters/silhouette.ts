import { checkPoints } from './distance';
import { seededRandom } from '../random/seeded-random';

/** Options of {@link silhouette}. */
export interface SilhouetteOptions {
  /** Score only this many points (drawn with `seed`), each still against every point: O(sample × n) instead of O(n²). */
  sample?: number;
  seed?: number;
}

/**
 * Mean silhouette width (Rousseeuw 1987) of a clustering: for each point, a = mean distance to
 * its own cluster, b = smallest mean distance to another cluster, s = (b − a) / max(a, b);
 * a point alone in its cluster scores 0. From −1 (wrong) through 0 (overlapping) to 1 (separate).
 *
 * @example
 * silhouette([[0], [1], [10], [11]], [0, 0, 1, 1]); // ≈ 0.8998
 */
export function silhouette(points: readonly (readonly number[])[], assignments: readonly number[], options: SilhouetteOptions = {}): number {
  checkPoints(points);
  if (assignments.length !== points.length) throw new RangeError(`clusters: ${assignments.length} assignments for ${points.length} points.`);
  const k = Math.max(...assignments) + 1;
  if (k < 2) throw new RangeError('clusters: the silhouette needs at least two clusters.');
  const sizes = new Array<number>(k).fill(0);
  for (const a of assignments) sizes[a]!++;
  const scored = sampleIndexes(points.length, options.sample ?? points.length, options.seed ?? 1);
  let total = 0;
  const sums = new Array<number>(k);
  for (const i of scored) {
    const own = assignments[i]!;
    if (sizes[own]! <= 1) continue;
    sums.fill(0);
    const p = points[i]!;
    for (let j = 0; j < points.length; j++) {
      if (j === i) continue;
      const q = points[j]!;
      let d = 0;
      for (let x = 0; x < p.length; x++) d += (p[x]! - q[x]!) ** 2;
      sums[assignments[j]!] += Math.sqrt(d);
    }
    const a = sums[own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[c]! / sizes[c]!);
    const m = Math.max(a, b);
    total += m > 0 ? (b - a) / m : 0;
  }
  return total / scored.length;
}

/** All indexes, or `n` of them drawn without replacement (partial Fisher–Yates), sorted. */
function sampleIndexes(length: number, n: number, seed: number): number[] {
  const all = Array.from({ length }, (_, i) => i);
  if (n >= length) return all;
  const random = seededRandom(seed);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (length - i));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, n).sort((a, b) => a - b);
}

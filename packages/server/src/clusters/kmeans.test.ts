import { describe, expect, it } from 'vitest';
import { kmeans, nearestCentroid } from './kmeans';
import { seededRandom } from '../random/seeded-random';

/** Three tight blobs far apart, 20 points each, jittered by a seeded generator. */
function blobs(): { points: number[][]; truth: number[] } {
  const centres = [
    [0, 0, 0],
    [10, 0, 5],
    [0, 10, -5],
  ];
  const random = seededRandom(99);
  const points: number[][] = [];
  const truth: number[] = [];
  centres.forEach((c, label) => {
    for (let i = 0; i < 20; i++) {
      points.push(c.map((x) => x + (random() - 0.5)));
      truth.push(label);
    }
  });
  return { points, truth };
}

describe('kmeans', () => {
  it('recovers separable groups exactly (same partition as the truth, up to renaming)', () => {
    const { points, truth } = blobs();
    const { assignments, centroids } = kmeans(points, 3, { seed: 5 });
    const rename = new Map<number, number>();
    truth.forEach((t, i) => {
      if (!rename.has(t)) rename.set(t, assignments[i]!);
      expect(assignments[i]).toBe(rename.get(t));
    });
    expect(new Set(rename.values()).size).toBe(3);
    // Each centroid is the mean of its blob, so within half a unit of the blob centre.
    expect(Math.abs(centroids[rename.get(1)!]![0]! - 10)).toBeLessThan(0.5);
  });

  it('gives the same clustering for the same seed', () => {
    const random = seededRandom(3);
    const points = Array.from({ length: 200 }, () => [random(), random(), random()]);
    const a = kmeans(points, 4, { seed: 11 });
    const b = kmeans(points, 4, { seed: 11 });
    expect(b.assignments).toEqual(a.assignments);
    expect(b.centroids).toEqual(a.centroids);
    expect(b.inertia).toBe(a.inertia);
  });

  it('puts identical points in one cluster with zero inertia when k = 1', () => {
    const r = kmeans([[1, 2], [1, 2], [1, 2]], 1);
    expect(r.assignments).toEqual([0, 0, 0]);
    expect(r.inertia).toBe(0);
    expect(r.centroids).toEqual([[1, 2]]);
  });

  it('rejects impossible k and ragged or non-finite points with a clear message', () => {
    expect(() => kmeans([[0], [1]], 3)).toThrow(/k must be a whole number from 1 to the number of points \(2\)/);
    expect(() => kmeans([[0, 1], [1]], 1)).toThrow(/point 1 has 1 dimensions, expected 2/);
    expect(() => kmeans([[0], [NaN]], 1)).toThrow(/not a finite number/);
    expect(() => kmeans([], 1)).toThrow(/no points/);
  });
});

describe('nearestCentroid', () => {
  it('picks the closest centroid', () => {
    expect(nearestCentroid([1, 1], [[0, 0], [2, 2], [1, 1.1]])).toBe(2);
  });
});

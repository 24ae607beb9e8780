import { describe, expect, it } from 'vitest';
import { silhouette } from './silhouette';

describe('silhouette', () => {
  it('matches a hand-computed value', () => {
    // Points 0 and 1: a = 1, b = (10 + 11) / 2 = 10.5 and (9 + 10) / 2 = 9.5 → s = 9.5/10.5, 8.5/9.5;
    // the other cluster mirrors them.
    const expected = (9.5 / 10.5 + 8.5 / 9.5) / 2;
    expect(silhouette([[0], [1], [10], [11]], [0, 0, 1, 1])).toBeCloseTo(expected, 12);
  });

  it('scores a point alone in its cluster 0 and a bad split negative', () => {
    // Singleton 2 scores 0; 0: a = 1, b = 5 → 0.8; 1: a = 1, b = 4 → 0.75.
    expect(silhouette([[0], [1], [5]], [0, 0, 1])).toBeCloseTo((0.8 + 0.75 + 0) / 3, 12);
    expect(silhouette([[0], [10], [1], [11]], [0, 0, 1, 1])).toBeLessThan(0);
  });

  it('on a sample scores only the drawn points, deterministically', () => {
    const points = Array.from({ length: 50 }, (_, i) => [i < 25 ? i / 25 : 10 + i / 25]);
    const labels = points.map((_, i) => (i < 25 ? 0 : 1));
    const full = silhouette(points, labels);
    const sampled = silhouette(points, labels, { sample: 10, seed: 4 });
    expect(sampled).toBe(silhouette(points, labels, { sample: 10, seed: 4 }));
    expect(Math.abs(sampled - full)).toBeLessThan(0.05);
  });

  it('needs two clusters and one label per point', () => {
    expect(() => silhouette([[0], [1]], [0, 0])).toThrow(/at least two clusters/);
    expect(() => silhouette([[0], [1]], [0])).toThrow(/1 assignments for 2 points/);
  });
});

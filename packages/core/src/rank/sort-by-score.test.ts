import { describe, expect, it } from 'vitest';
import { sortByScore } from './sort-by-score';

describe('sortByScore', () => {
  it('orders by score descending with ties in input order', () => {
    expect(Array.from(sortByScore(Float64Array.of(0.2, 0.9, 0.2, -0.5, 0.9)))).toEqual([1, 4, 0, 2, 3]);
  });

  it('copes with huge, negative and NaN scores', () => {
    expect(Array.from(sortByScore([5e9, -5e9, Number.NaN, 1]))).toEqual([0, 3, 2, 1]);
  });

  it('agrees with a comparator sort on random data', () => {
    const scores = Array.from({ length: 500 }, (_, i) => Math.round(Math.sin(i * 12.9898) * 43758.5453) % 7);
    const expected = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
    expect(Array.from(sortByScore(scores))).toEqual(expected);
  });
});

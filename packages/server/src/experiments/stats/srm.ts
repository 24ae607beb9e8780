import { chiSquareSurvival } from './distributions';

/** Result of {@link sampleRatioMismatch}. */
export interface SrmCheck {
  chiSquare: number;
  df: number;
  p: number;
  /** Visitors each arm should have had, given the total and the configured weights. */
  expected: number[];
  /** True when p < `threshold`: the split is off and the results should not be trusted. */
  mismatch: boolean;
  threshold: number;
}

/**
 * Sample-ratio-mismatch check: a chi-square goodness-of-fit test of the visitors per arm against
 * the configured weights. A mismatch usually means broken assignment or lost exposure events,
 * which bias every metric; the usual alarm threshold is p < 0.001.
 *
 * @example sampleRatioMismatch([9000, 1100], [90, 10]) // { p: 0.0016…, mismatch: false, … }
 */
export function sampleRatioMismatch(observed: readonly number[], weights: readonly number[], threshold = 0.001): SrmCheck {
  if (observed.length !== weights.length || observed.length < 2) {
    throw new RangeError(`sampleRatioMismatch: need one weight per arm and at least two arms (got ${observed.length} counts, ${weights.length} weights)`);
  }
  const total = observed.reduce((s, x) => s + x, 0);
  const weightSum = weights.reduce((s, w) => s + w, 0);
  const expected = weights.map((w) => (total * w) / weightSum);
  let chiSquare = 0;
  observed.forEach((o, i) => {
    const e = expected[i]!;
    if (e > 0) chiSquare += ((o - e) * (o - e)) / e;
  });
  const df = observed.length - 1;
  const p = total > 0 ? chiSquareSurvival(chiSquare, df) : 1;
  return { chiSquare, df, p, expected, mismatch: p < threshold, threshold };
}

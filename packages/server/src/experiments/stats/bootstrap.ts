import { seededRandom } from '../../random/seeded-random';
import type { Interval } from './intervals';

/** Options of {@link bootstrapMeanDiff}. */
export interface BootstrapOptions {
  /** Resamples (default 2000). */
  rounds?: number;
  /** RNG seed (default 1). */
  seed?: number;
  level?: number;
}

/**
 * Percentile bootstrap interval of mean(treatment) − mean(control): both groups resampled with
 * replacement. Makes no normality assumption, which matters for revenue (mostly zeros, a few
 * large orders). The p-value is twice the share of resampled differences on the far side of 0.
 * Null unless both groups have values.
 *
 * @example bootstrapMeanDiff(treatmentRevenues, controlRevenues, { seed: 7 })
 */
export function bootstrapMeanDiff(treatment: ArrayLike<number>, control: ArrayLike<number>, options: BootstrapOptions = {}): Interval | null {
  if (!treatment.length || !control.length) return null;
  const rounds = options.rounds ?? 2000;
  const level = options.level ?? 0.95;
  const rand = seededRandom(options.seed ?? 1);
  const mean = (xs: ArrayLike<number>) => {
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += xs[i]!;
    return s / xs.length;
  };
  const resampledMean = (xs: ArrayLike<number>) => {
    let s = 0;
    for (let i = 0; i < xs.length; i++) s += xs[Math.floor(rand() * xs.length)]!;
    return s / xs.length;
  };
  const diffs = new Float64Array(rounds);
  for (let r = 0; r < rounds; r++) diffs[r] = resampledMean(treatment) - resampledMean(control);
  diffs.sort();
  const at = (q: number) => diffs[Math.min(rounds - 1, Math.max(0, Math.floor(q * rounds)))]!;
  const low = at((1 - level) / 2);
  const high = at(1 - (1 - level) / 2);
  let below = 0;
  for (const d of diffs) if (d <= 0) below++;
  const p = Math.min(1, 2 * Math.min(below, rounds - below) / rounds);
  const base = mean(control);
  const diff = mean(treatment) - base;
  return { diff, low, high, relative: base !== 0 ? diff / base : null, p, significant: low > 0 || high < 0, level };
}

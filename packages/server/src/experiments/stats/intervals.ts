import { normalCdf, normalQuantile, studentTCdf, studentTQuantile } from './distributions';

/** A difference treatment − control with its confidence interval and two-sided p-value. */
export interface Interval {
  /** Treatment − control, in the metric's unit. */
  diff: number;
  low: number;
  high: number;
  /** `diff` relative to control (0.12 = +12%), or null when control is 0. */
  relative: number | null;
  /** Two-sided p-value of "no difference". */
  p: number;
  /** Whether the interval excludes zero. */
  significant: boolean;
  /** Confidence level, e.g. 0.95. */
  level: number;
}

const finish = (diff: number, half: number, base: number, p: number, level: number): Interval => {
  const low = diff - half;
  const high = diff + half;
  return { diff, low, high, relative: base !== 0 ? diff / base : null, p, significant: low > 0 || high < 0, level };
};

/**
 * Difference of two proportions x₁/n₁ − x₀/n₀ (treatment − control) with the Wald interval
 * (unpooled standard error) and the pooled two-proportion z-test p-value — the textbook pair.
 * Returns null when either group is empty.
 *
 * @example twoProportion(120, 1000, 100, 1000) // { diff: 0.02, low: -0.0074, high: 0.0474, p: 0.155, … }
 */
export function twoProportion(x1: number, n1: number, x0: number, n0: number, level = 0.95): Interval | null {
  if (n1 <= 0 || n0 <= 0) return null;
  const p1 = x1 / n1;
  const p0 = x0 / n0;
  const diff = p1 - p0;
  const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p0 * (1 - p0)) / n0);
  const pooled = (x1 + x0) / (n1 + n0);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
  const p = sePooled > 0 ? 2 * (1 - normalCdf(Math.abs(diff) / sePooled)) : diff === 0 ? 1 : 0;
  return finish(diff, normalQuantile(0.5 + level / 2) * se, p0, p, level);
}

/** Count, mean and unbiased variance of a sample. */
export interface Moments {
  n: number;
  mean: number;
  variance: number;
}

/** Moments of a sample in one pass (Welford). @example moments([1, 2, 3]) // { n: 3, mean: 2, variance: 1 } */
export function moments(values: ArrayLike<number>): Moments {
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    const d = x - mean;
    mean += d / (i + 1);
    m2 += d * (x - mean);
  }
  return { n: values.length, mean, variance: values.length > 1 ? m2 / (values.length - 1) : 0 };
}

/** Welch–Satterthwaite degrees of freedom. @example welchDf({ n: 5, mean: 3, variance: 2.5 }, { n: 6, mean: 7, variance: 14 }) // 6.97 */
export function welchDf(a: Moments, b: Moments): number {
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const denominator = (va * va) / (a.n - 1) + (vb * vb) / (b.n - 1);
  return denominator > 0 ? ((va + vb) * (va + vb)) / denominator : Infinity;
}

/**
 * Difference of means treatment − control with Welch's t interval (unequal variances), for
 * revenue per visitor. Null unless both groups have at least two values.
 *
 * @example welch(moments(treatmentRevenues), moments(controlRevenues))
 */
export function welch(treatment: Moments, control: Moments, level = 0.95): Interval | null {
  if (treatment.n < 2 || control.n < 2) return null;
  const diff = treatment.mean - control.mean;
  const se = Math.sqrt(treatment.variance / treatment.n + control.variance / control.n);
  if (se === 0) return finish(diff, 0, control.mean, diff === 0 ? 1 : 0, level);
  const df = welchDf(treatment, control);
  const p = 2 * (1 - studentTCdf(Math.abs(diff) / se, df));
  return finish(diff, studentTQuantile(0.5 + level / 2, df) * se, control.mean, p, level);
}

/**
 * Difference of two ratio metrics Σnum/Σden (treatment − control) whose unit of randomization is
 * the visitor, not the denominator — CTR is clicks/impressions but visitors were assigned, and
 * one visitor's impressions are correlated. The delta method (Deng, Knoblich & Lu 2018) gives
 * Var(R) ≈ (σₓ² − 2R·σₓᵧ + R²·σᵧ²) / (n·ȳ²) from per-visitor sums; intervals are normal.
 * Null unless both groups have at least two visitors with a denominator.
 *
 * @example ratioDelta({ num: [1, 0, 2], den: [5, 4, 6] }, { num: [0, 1, 0], den: [5, 5, 5] })
 */
export function ratioDelta(
  treatment: { num: ArrayLike<number>; den: ArrayLike<number> },
  control: { num: ArrayLike<number>; den: ArrayLike<number> },
  level = 0.95,
): Interval | null {
  const t = ratioMoments(treatment.num, treatment.den);
  const c = ratioMoments(control.num, control.den);
  if (!t || !c) return null;
  const diff = t.ratio - c.ratio;
  const se = Math.sqrt(t.variance + c.variance);
  const p = se > 0 ? 2 * (1 - normalCdf(Math.abs(diff) / se)) : diff === 0 ? 1 : 0;
  return finish(diff, normalQuantile(0.5 + level / 2) * se, c.ratio, p, level);
}

function ratioMoments(num: ArrayLike<number>, den: ArrayLike<number>): { ratio: number; variance: number } | null {
  const n = num.length;
  if (n < 2 || den.length !== n) return null;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += num[i]!;
    sy += den[i]!;
  }
  if (sy <= 0) return null;
  const mx = sx / n;
  const my = sy / n;
  let vx = 0;
  let vy = 0;
  let cxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = num[i]! - mx;
    const dy = den[i]! - my;
    vx += dx * dx;
    vy += dy * dy;
    cxy += dx * dy;
  }
  vx /= n - 1;
  vy /= n - 1;
  cxy /= n - 1;
  const ratio = sx / sy;
  return { ratio, variance: Math.max(0, (vx - 2 * ratio * cxy + ratio * ratio * vy) / (n * my * my)) };
}

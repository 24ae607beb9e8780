import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../random/seeded-random';
import { bootstrapMeanDiff } from './bootstrap';
import { chiSquareSurvival, normalCdf, normalQuantile, studentTCdf, studentTQuantile } from './distributions';
import { moments, ratioDelta, twoProportion, welch, welchDf } from './intervals';
import { logGamma, regularizedBeta, upperGamma } from './special';
import { sampleRatioMismatch } from './srm';

// Reference values: statistical tables / scipy.stats 1.17 (stats.t.ppf, stats.chi2.sf,
// stats.ttest_ind(equal_var=False), stats.chisquare, stats.beta.cdf, stats.gamma.sf).

describe('distributions', () => {
  it('normal CDF and quantile match the tables', () => {
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293, 6);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.0902323, 6);
  });

  it('Student t quantiles match the t table', () => {
    const table: [number, number][] = [
      [1, 12.7062047],
      [2, 4.3026527],
      [5, 2.5705818],
      [10, 2.2281389],
      [30, 2.0422725],
      [6.972, 2.36655072],
    ];
    for (const [df, t] of table) expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 5);
    expect(studentTCdf(2.2281389, 10)).toBeCloseTo(0.975, 7);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.2281389, 5);
  });

  it('chi-square survival matches the table', () => {
    expect(chiSquareSurvival(3.841459, 1)).toBeCloseTo(0.05, 7);
    expect(chiSquareSurvival(5.991465, 2)).toBeCloseTo(0.05, 7);
    expect(chiSquareSurvival(20, 3)).toBeCloseTo(0.00016974243555, 10);
    expect(chiSquareSurvival(0.5, 4)).toBeCloseTo(0.97350097884, 9);
  });

  it('special functions match closed forms', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
    expect(regularizedBeta(0.5, 2, 2)).toBeCloseTo(0.5, 10);
    expect(regularizedBeta(0.3, 2.5, 4)).toBeCloseTo(0.35219758590, 8);
    expect(upperGamma(1, 2)).toBeCloseTo(Math.exp(-2), 10);
    expect(upperGamma(2.5, 3)).toBeCloseTo(0.30621891, 6);
  });
});

describe('twoProportion', () => {
  it('gives the textbook Wald interval and pooled z-test', () => {
    // 12% of 1000 vs 10% of 1000: SE = √(.12·.88/1000 + .1·.9/1000) = 0.0139857; z(pooled) = 1.42927.
    const r = twoProportion(120, 1000, 100, 1000)!;
    expect(r.diff).toBeCloseTo(0.02, 12);
    expect(r.low).toBeCloseTo(0.02 - 1.959964 * 0.0139857, 6);
    expect(r.high).toBeCloseTo(0.02 + 1.959964 * 0.0139857, 6);
    expect(r.p).toBeCloseTo(0.15291778, 6);
    expect(r.relative).toBeCloseTo(0.2, 12);
    expect(r.significant).toBe(false);
  });

  it('flags a clear difference', () => {
    const r = twoProportion(300, 2000, 200, 2000)!;
    expect(r.low).toBeGreaterThan(0);
    expect(r.significant).toBe(true);
    expect(r.p).toBeLessThan(0.001);
  });

  it('handles empty groups and zero rates', () => {
    expect(twoProportion(1, 0, 1, 10)).toBeNull();
    expect(twoProportion(0, 10, 0, 10)).toMatchObject({ diff: 0, p: 1, significant: false, relative: null });
  });
});

describe('welch', () => {
  const a = [1, 2, 3, 4, 5];
  const b = [2, 4, 6, 8, 10, 12];

  it('matches Welch’s t-test (scipy ttest_ind equal_var=False)', () => {
    expect(moments(b)).toEqual({ n: 6, mean: 7, variance: 14 });
    expect(welchDf(moments(b), moments(a))).toBeCloseTo(6.972255729794934, 10);
    const r = welch(moments(b), moments(a))!;
    expect(r.diff).toBe(4);
    expect(r.low).toBeCloseTo(0.016531304371169675, 6);
    expect(r.high).toBeCloseTo(7.98346869562883, 6);
    expect(r.p).toBeCloseTo(0.04928433820673053, 6);
    expect(r.significant).toBe(true);
  });

  it('needs two values per group', () => {
    expect(welch(moments([1]), moments(a))).toBeNull();
  });
});

describe('bootstrapMeanDiff', () => {
  it('is reproducible for a seed and agrees with Welch on a large sample', () => {
    const rand = seededRandom(3);
    const t = Array.from({ length: 1000 }, () => (rand() < 0.1 ? 50 + rand() * 100 : 0));
    const c = Array.from({ length: 1000 }, () => (rand() < 0.08 ? 50 + rand() * 100 : 0));
    const one = bootstrapMeanDiff(t, c, { seed: 9 })!;
    expect(bootstrapMeanDiff(t, c, { seed: 9 })).toEqual(one);
    const w = welch(moments(t), moments(c))!;
    expect(one.diff).toBeCloseTo(w.diff, 10);
    expect(Math.abs(one.low - w.low)).toBeLessThan(0.25 * (w.high - w.low));
    expect(Math.abs(one.high - w.high)).toBeLessThan(0.25 * (w.high - w.low));
  });

  it('seeded random is uniform-looking and deterministic', () => {
    const r1 = seededRandom(42);
    const r2 = seededRandom(42);
    const xs = Array.from({ length: 10_000 }, () => r1());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => r2()));
    expect(moments(xs).mean).toBeCloseTo(0.5, 1);
  });
});

describe('sampleRatioMismatch', () => {
  it('matches the chi-square goodness-of-fit test', () => {
    const r = sampleRatioMismatch([9000, 1100], [90, 10]);
    expect(r.chiSquare).toBeCloseTo(8.910891089108912, 9);
    expect(r.p).toBeCloseTo(0.002834749080259389, 8);
    expect(r.mismatch).toBe(false);
  });

  it('warns when the split is clearly off and not when it is right', () => {
    expect(sampleRatioMismatch([8800, 1200], [90, 10]).mismatch).toBe(true);
    expect(sampleRatioMismatch([9010, 990], [90, 10]).mismatch).toBe(false);
  });

  it('refuses counts without matching weights', () => {
    expect(() => sampleRatioMismatch([1, 2], [1])).toThrow(/one weight per arm/);
  });
});

describe('ratioDelta', () => {
  it('reduces to the Wald interval (with n/(n−1) variance) when every visitor has one impression', () => {
    // 30 of 100 vs 20 of 100 visitors clicked their single impression.
    const group = (clicks: number, n: number) => ({ num: Array.from({ length: n }, (_, i) => (i < clicks ? 1 : 0)), den: Array(n).fill(1) as number[] });
    const r = ratioDelta(group(30, 100), group(20, 100))!;
    const se = Math.sqrt(((0.3 * 0.7) / 100) * (100 / 99) + ((0.2 * 0.8) / 100) * (100 / 99));
    expect(r.diff).toBeCloseTo(0.1, 12);
    expect(r.high - r.diff).toBeCloseTo(1.959964 * se, 6);
  });

  it('widens the interval when impressions of one visitor are correlated', () => {
    // Same CTRs, but each visitor clicks all or none of 10 impressions: far less information than 1000 independent impressions.
    const clustered = (clickers: number, n: number) => ({ num: Array.from({ length: n }, (_, i) => (i < clickers ? 10 : 0)), den: Array(n).fill(10) as number[] });
    const delta = ratioDelta(clustered(30, 100), clustered(20, 100))!;
    const naive = twoProportion(300, 1000, 200, 1000)!;
    expect(delta.diff).toBeCloseTo(naive.diff, 12);
    expect(delta.high - delta.low).toBeGreaterThan(2.5 * (naive.high - naive.low));
  });
});

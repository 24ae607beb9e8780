// Median and range of repeated samples, as the table reports them.

/** Median, minimum and maximum of the samples (NaN-free input expected). */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/**
 * @example spread([3, 1, 2]) // { median: 2, min: 1, max: 3 }
 */
export function spread(samples: number[]): Spread {
  const xs = samples.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!xs.length) return { median: NaN, min: NaN, max: NaN };
  const mid = xs.length >> 1;
  const median = xs.length % 2 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
  return { median, min: xs[0]!, max: xs[xs.length - 1]! };
}

/**
 * The order peers run in for repetition `rep`: rotated each time so that no tracker always
 * runs first (cold disk, JIT) or right after a heavy one.
 * @example rotation(['a', 'b', 'c'], 1) // ['b', 'c', 'a']
 */
export function rotation<T>(items: readonly T[], rep: number): T[] {
  const k = rep % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

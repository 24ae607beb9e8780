const INDEX_BITS = 2 ** 20;
const SCALE = 1e6;
const LIMIT = 1000;

/**
 * Indices `0…n-1` ordered by `scores` descending, ties (within 1e-6) by index ascending —
 * so equal scores keep the merchant's order. Packs score and index into one float and uses
 * the engine's native numeric sort, several times faster than a comparator sort.
 *
 * @example
 * sortByScore(Float64Array.of(0.2, 0.9, 0.2)); // → Uint32Array [1, 0, 2]
 */
export function sortByScore(scores: Float64Array | readonly number[], n = scores.length): Uint32Array {
  const out = new Uint32Array(n);
  if (n >= INDEX_BITS) {
    for (let i = 0; i < n; i++) out[i] = i;
    return out.sort((a, b) => scores[b]! - scores[a]! || a - b);
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = scores[i]!;
    // Clamp so the packed key stays an exact integer below 2^53; NaN sorts as 0.
    s = s > LIMIT ? LIMIT : s < -LIMIT ? -LIMIT : s === s ? s : 0;
    keys[i] = -Math.round(s * SCALE) * INDEX_BITS + i;
  }
  keys.sort();
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    // Exact for integers below 2^53 (division by a power of two), unlike `%` on doubles, which
    // V8 runs as a C call: that alone was a third of this function's time.
    out[i] = k - Math.floor(k / INDEX_BITS) * INDEX_BITS;
  }
  return out;
}

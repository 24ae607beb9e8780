// The last exponent and its power of two (see `decayed`).
let lastExponent = NaN;
let lastFactor = NaN;

/**
 * Value of a score stored at time `at`, read at time `now`, halving every `halfLifeMs`.
 * Storing (score, reference time) and decaying on read keeps updates O(1): nothing is
 * rewritten as time passes.
 *
 * @example
 * decayed(8, 0, 2 * WEEK, WEEK); // → 2
 */
export function decayed(score: number, at: number, now: number, halfLifeMs: number): number {
  if (now <= at) return score;
  const x = -(now - at) / halfLifeMs;
  // Keys bumped together share their last time, so the same factor is often asked for twice
  // in a row (one event bumps a category, its parents, brand and price band).
  if (x !== lastExponent) (lastExponent = x), (lastFactor = Math.pow(2, x));
  return score * lastFactor;
}

/**
 * Add `weight` observed at `ts` to a score stored at `entry.at`, moving the reference time
 * forward. Late (out-of-order) events are decayed back to the entry's time instead.
 * Scores never go below zero (a removal cannot make you dislike a category).
 *
 * @example
 * const e = { s: 0, at: 0 };
 * bump(e, 1, 0, WEEK); bump(e, 1, WEEK, WEEK); // e.s → 1.5
 */
export function bump(entry: { s: number; at: number }, weight: number, ts: number, halfLifeMs: number): void {
  if (ts >= entry.at) {
    entry.s = decayed(entry.s, entry.at, ts, halfLifeMs) + weight;
    entry.at = ts;
  } else {
    entry.s += decayed(weight, ts, entry.at, halfLifeMs);
  }
  if (entry.s < 0) entry.s = 0;
}

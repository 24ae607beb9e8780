/**
 * The highlight path of a lottery reveal: a couple of laps over the prizes, ending on the one the
 * server drew. Purely cosmetic (the result is already decided); out-of-stock prizes are skipped so
 * the animation never suggests a prize that could not be won. Empty when motion should be reduced:
 * the renderer then shows the result at once.
 *
 * @example
 * revealPath(['lose', 'ten', 'mug'], 'ten', { laps: 1 }); // ['lose', 'ten', 'mug', 'lose', 'ten']
 */
export function revealPath(ids: readonly string[], won: string, options: { laps?: number; reducedMotion?: boolean } = {}): string[] {
  if (options.reducedMotion || !ids.includes(won)) return [];
  const laps = Math.max(0, Math.floor(options.laps ?? 2));
  const path: string[] = [];
  for (let lap = 0; lap < laps; lap++) path.push(...ids);
  for (const id of ids) {
    path.push(id);
    if (id === won) break;
  }
  return path;
}

/**
 * Odds as a shopper reads them: a percentage with up to two decimals, "< 0.01%" for a
 * non-zero chance too small to print, "0%" for a prize that cannot be won now.
 *
 * @example
 * oddsPercent(0.0625); // '6.25%'
 */
export function oddsPercent(odds: number): string {
  if (!(odds > 0)) return '0%';
  const pct = odds * 100;
  if (pct < 0.01) return '< 0.01%';
  return `${Number(pct.toFixed(2))}%`;
}

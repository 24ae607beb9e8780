import type { NextItemReport } from './metrics';
import type { PurchaseReport } from './retail';

/** One line per strategy for humans: `vsknn  HR@20 0.671  MRR@20 0.344 …`. */
export function formatReport(r: NextItemReport): string {
  const f = (x: number, d = 3) => x.toFixed(d);
  return [
    r.strategy.padEnd(12),
    `HR@${r.k} ${f(r.hr)}`,
    `MRR@${r.k} ${f(r.mrr)}`,
    `cov ${f(r.coverage)}`,
    `ILD ${f(r.diversity)}`,
    `pop ${f(r.popularity)}`,
    `${f(r.ms, 3)} ms/rec`,
    `n ${r.n}`,
  ].join('  ');
}

/** The JSON line `--json` prints: the keys the issue fixes first, then the extra metrics. */
export function jsonReport(r: NextItemReport, dataset: string): string {
  return JSON.stringify({
    strategy: r.strategy,
    hr: r.hr,
    mrr: r.mrr,
    coverage: r.coverage,
    k: r.k,
    n: r.n,
    diversity: r.diversity,
    popularity: r.popularity,
    ms: r.ms,
    dataset,
  });
}

/** The purchase mode's line for humans. */
export function formatPurchase(r: PurchaseReport): string {
  const f = (x: number, d = 3) => x.toFixed(d);
  return [
    `${r.strategy} (${r.mode})`.padEnd(24),
    `HR@${r.k} ${f(r.hr)}`,
    `P@${r.k} ${f(r.precision)}`,
    `cov ${f(r.coverage)}`,
    `${f(r.ms, 3)} ms/rec`,
    `n ${r.n}`,
  ].join('  ');
}

/** The purchase mode's JSON line (`hr`, `precision`, `coverage`, `k`, `n` per strategy and mode). */
export function jsonPurchase(r: PurchaseReport): string {
  return JSON.stringify({ ...r, dataset: 'online-retail' });
}

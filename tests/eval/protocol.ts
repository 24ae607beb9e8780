import { cooccurrenceCosine, eventCounts } from './cooccurrence';
import { MetricsAccumulator, type NextItemReport } from './metrics';
import type { Session } from './sessions';
import type { NextItemStrategy } from './strategy';

/** Options of {@link evaluateNextItem}. */
export interface NextItemOptions {
  /** List length K (default 20). */
  k?: number;
  /** Called after each strategy finishes, e.g. to print progress. */
  onReport?: (report: NextItemReport) => void;
}

/**
 * The published session-based protocol (session-rec, "evaluation_last" off): for every test
 * session and every position i, give the strategy items 0..i and check where item i+1 lands
 * in its top K. Targets never seen in training are skipped. The training index is never updated
 * with test sessions.
 *
 * @example evaluateNextItem(train, test, [pop]) // [{ strategy: 'pop', hr: 0.09, … }]
 */
export function evaluateNextItem(
  train: readonly Session[],
  test: readonly Session[],
  strategies: readonly NextItemStrategy[],
  options: NextItemOptions = {},
): NextItemReport[] {
  const k = options.k ?? 20;
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a positive integer, got ${k}`);
  const popularity = eventCounts(train);
  const similarity = cooccurrenceCosine(train);
  const reports: NextItemReport[] = [];
  for (const strategy of strategies) {
    const recommend = strategy.fit(train);
    const metrics = new MetricsAccumulator(k, popularity, popularity.size, similarity);
    let elapsed = 0;
    for (const session of test) {
      for (let i = 0; i + 1 < session.items.length; i++) {
        const target = session.items[i + 1]!;
        if (!popularity.has(target)) continue;
        const prefix = session.items.slice(0, i + 1);
        const start = performance.now();
        const list = recommend(prefix, k, session.times[i]!);
        elapsed += performance.now() - start;
        metrics.add(list, target);
      }
    }
    const report = metrics.report(strategy.name, elapsed);
    options.onReport?.(report);
    reports.push(report);
  }
  return reports;
}

import { buildSessionIndex, predictNext, type NextOptions } from '../../packages/core/src/recommend/next';
import { next } from '../../packages/core/src/recommend/strategies/next';
import type { ModelPayload, Scored } from '../../packages/core/src/types';
import { endTime } from './sessions';
import type { NextItemStrategy } from './strategy';

/**
 * The `next` strategy of `@affinity/core`, evaluated exactly as it runs in the browser: an index
 * of the training sessions (times in epoch ms), queried with the session so far.
 *
 * @example evaluateNextItem(train, test, [coreNext()])
 */
export function coreNext(options: Omit<NextOptions, 'limit' | 'now'> = {}, name = 'next', maxSessions = Infinity): NextItemStrategy {
  return {
    name,
    fit(train) {
      const index = buildSessionIndex(
        train.map((s) => ({ items: s.items, end: endTime(s) * 1000 })),
        { maxSessions },
      );
      return (prefix, k, time) => predictNext(index, prefix, { ...options, limit: k, now: time * 1000 }).map(([id]) => id);
    },
  };
}

/**
 * Core's `next` strategy without a session index — what a browser does with only
 * `ModelPayload.next` (item → immediate next item counts, top 50 per item, as the server builds).
 *
 * @example evaluateNextItem(train, test, [coreNextTransitions()])
 */
export function coreNextTransitions(): NextItemStrategy {
  return {
    name: 'next-rules',
    fit(train) {
      const counts = new Map<string, Map<string, number>>();
      for (const s of train) {
        for (let i = 0; i + 1 < s.items.length; i++) {
          const row = counts.get(s.items[i]!) ?? new Map<string, number>();
          row.set(s.items[i + 1]!, (row.get(s.items[i + 1]!) ?? 0) + 1);
          counts.set(s.items[i]!, row);
        }
      }
      const model = { next: {} as Record<string, Scored[]> } as ModelPayload;
      for (const [a, row] of counts) model.next[a] = [...row].sort((x, y) => y[1] - x[1]).slice(0, 50);
      return (prefix, k) => next({ model, viewed: prefix }, k).slice(0, k).map((c) => c.id);
    },
  };
}

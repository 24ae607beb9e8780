import { byScore, nameOf } from '../candidates';
import { predictNext } from '../next/predict-next';
import type { RecommendCandidate, RecommendContext, RecommendStrategyFn } from '../types';

/**
 * `next`: what this session is likely to look at next. With a session index, the sequence-aware
 * session-kNN of `predictNext` (the method the offline evaluation chose); without one, or when
 * the index knows none of the session's items, the model's item → next-item transitions of the
 * last three items (weights 1, ½, ⅓).
 *
 * @example next({ sessionIndex, viewed: ['a', 'b'] }, 8)[0].reason // 'Often viewed next after Trail shoe'
 */
export const next: RecommendStrategyFn = (ctx, want) => {
  const sequence = sessionSequence(ctx);
  if (sequence.length === 0) return [];
  const reason = `Often viewed next after ${nameOf(ctx, sequence[sequence.length - 1]!)}`;
  const current = sequence[sequence.length - 1];
  if (ctx.sessionIndex) {
    // The item on screen is the likeliest "next click" of all (shoppers reload and return), but
    // showing it in its own page's widget would be useless.
    const found = predictNext(ctx.sessionIndex, sequence, { limit: want * 3 + 1, now: ctx.now })
      .filter(([id]) => id !== current)
      .map(([id, score]) => ({ id, score, reason }));
    // A served index holds only the most recent sessions; the model's transitions cover all of
    // them, so an item the index has not seen still gets sequence-based suggestions.
    if (found.length > 0) return found;
  }
  const acc = new Map<string, number>();
  const recent = sequence.slice(-3).reverse();
  recent.forEach((seed, i) => {
    for (const row of ctx.model?.next?.[seed] ?? []) {
      if (Array.isArray(row) && typeof row[0] === 'string' && row[1] > 0) acc.set(row[0], (acc.get(row[0]) ?? 0) + row[1] / (i + 1));
    }
  });
  const max = Math.max(0, ...acc.values());
  return [...acc].map(([id, s]): RecommendCandidate => ({ id, score: s / max, reason })).sort(byScore);
};

/** This session's views with the anchor as the latest step (the page being looked at now). */
function sessionSequence(ctx: RecommendContext): string[] {
  const seq = [...(ctx.viewed ?? [])];
  if (ctx.anchor && seq[seq.length - 1] !== ctx.anchor) seq.push(ctx.anchor);
  return seq;
}

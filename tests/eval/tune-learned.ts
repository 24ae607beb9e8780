/**
 * `npx tsx tests/eval/tune-learned.ts` — chooses the blend weight of each learned strategy
 * (`embedding`, `similar-shoppers`) with `next` on validation splits carved from the TRAINING
 * data only (the last day of YooChoose train, the last 21 days of Diginetica train, as
 * `tune.ts` does), never on test. A weight is kept only if it beats w = 0 (plain `next`) by ≥ 0.5 % on
 * the mean of (HR/HR₀ + MRR/MRR₀)/2 over both data sets; `npm run eval` then reports it on test.
 */
import { datasetsDir, diginetica, splitByTime } from './datasets';
import { nextBlend, type LearnedPart } from './learned';
import { evaluateNextItem } from './protocol';
import { readSessions } from './sessions';

const WEIGHTS = [0, 0.05, 0.1, 0.2, 0.3];
/** A weight must beat plain `next` by this much (0.5 % relative) to count: less is noise here. */
const MIN_GAIN = 0.005;
const splits = [
  { name: 'yoochoose', ...splitByTime(readSessions(`${datasetsDir()}yoochoose-100k/train.tsv`), 1) },
  { name: 'diginetica', ...splitByTime(diginetica().train, 21) },
];
for (const part of ['embedding', 'similar-shoppers'] as LearnedPart[]) {
  const rows = splits.map((s) => evaluateNextItem(s.train, s.test, WEIGHTS.map((w) => nextBlend(part, w))));
  let best = 0;
  let bestScore = 1;
  WEIGHTS.forEach((w, i) => {
    const score = rows.reduce((sum, r) => sum + (r[i]!.hr / r[0]!.hr + r[i]!.mrr / r[0]!.mrr) / 2, 0) / rows.length;
    console.log(
      `${part} w=${w}`,
      splits.map((s, d) => `${s.name} HR@20 ${rows[d]![i]!.hr.toFixed(4)} MRR@20 ${rows[d]![i]!.mrr.toFixed(4)} (n ${rows[d]![i]!.n})`).join('  '),
      `objective ${score.toFixed(4)}`,
    );
    if (score > Math.max(bestScore, 1 + MIN_GAIN)) [best, bestScore] = [w, score];
  });
  console.log(`${part}: chosen w = ${best}`);
}

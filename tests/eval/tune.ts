/**
 * `npx tsx tests/eval/tune.ts` — tunes the `next` strategy's defaults on validation splits carved
 * from the TRAINING data only (the last day of YooChoose train, the last 21 days of Diginetica
 * train — 7 days give only ~150 positions), never on test. Coordinate search: one parameter at a time over a grid, keeping the
 * best, objective = mean over data sets of (HR/HR_vsknn + MRR/MRR_vsknn) / 2 on validation.
 */
import type { NextOptions } from '../../packages/core/src/recommend/next';
import { vsknn } from './baselines/vsknn';
import { coreNext } from './core-next';
import { datasetsDir, diginetica, splitByTime } from './datasets';
import { evaluateNextItem } from './protocol';
import { readSessions } from './sessions';

type Tunable = Omit<NextOptions, 'limit' | 'now'>;
const GRID: Record<keyof Tunable, number[]> = {
  positionDecay: [1, 1.5, 2.5, 4, 8],
  recencyDecay: [0.25, 1, 2, 7, 30, 1e6].map((d) => d * 86_400_000),
  distanceDecay: [1, 2, 3, 5, 10],
  beforeFactor: [0, 0.25, 0.5, 1],
  rulesShare: [0, 0.15, 0.3, 0.45, 0.6],
  neighbours: [50, 100, 200],
  sampleSize: [250, 500, 1000],
  voteFloor: [0, 0.1, 0.2, 0.4],
  idf: [0, 0.3, 1, 2],
};

const yoo = splitByTime(readSessions(`${datasetsDir()}yoochoose-100k/train.tsv`), 1);
const dig = splitByTime(diginetica().train, 21);
const splits = [yoo, dig];
const base = splits.map((s) => evaluateNextItem(s.train, s.test, [vsknn()])[0]!);
console.log('validation vsknn', base.map((r) => `${r.hr.toFixed(4)}/${r.mrr.toFixed(4)} n=${r.n}`).join('  '));

function objective(options: Tunable): number {
  let sum = 0;
  splits.forEach((s, i) => {
    const r = evaluateNextItem(s.train, s.test, [coreNext(options)])[0]!;
    sum += (r.hr / base[i]!.hr + r.mrr / base[i]!.mrr) / 2;
  });
  return sum / splits.length;
}

// Start from the current defaults (a previous run's result), or from the options given as JSON.
let best: Tunable = JSON.parse(process.argv[2] ?? '{}') as Tunable;
let bestScore = objective(best);
console.log('defaults', bestScore.toFixed(4));
for (let round = 0; round < 2; round++) {
  for (const key of Object.keys(GRID) as (keyof Tunable)[]) {
    for (const value of GRID[key]) {
      const trial = { ...best, [key]: value };
      const score = objective(trial);
      if (score > bestScore + 1e-4) {
        best = trial;
        bestScore = score;
        console.log('better', bestScore.toFixed(4), JSON.stringify(best));
      }
    }
  }
  console.log(`round ${round} best`, bestScore.toFixed(4), JSON.stringify(best));
}
splits.forEach((s, i) => {
  const r = evaluateNextItem(s.train, s.test, [coreNext(best)])[0]!;
  console.log(['yoochoose', 'diginetica'][i], 'validation next', r.hr.toFixed(4), r.mrr.toFixed(4), 'vsknn', base[i]!.hr.toFixed(4), base[i]!.mrr.toFixed(4));
});

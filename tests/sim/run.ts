/**
 * The experiment validation simulation on real data: held-out YooChoose sessions replayed as
 * shoppers who click a recommendation exactly when it is the item they really viewed next.
 *
 *   npx tsx tests/sim/run.ts [--sessions N] [--aa-seeds N] [--k 10]
 *
 * Prints JSON lines: the A/B result (core `next` vs popular, 50/50), a 90/10 holdout, and the
 * A/A false-positive rate over many assignment seeds.
 */
import { join } from 'node:path';
import { datasetsDir } from '../eval/datasets';
import { readSessions } from '../eval/sessions';
import { fitRecommenders } from './replay';
import type { ExperimentDefinition } from '../../packages/core/src/experiments';
import { aaFalsePositiveRate, replayAll, simulate } from './simulate';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  const n = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
  return n;
};
const k = arg('k', 10);
const dir = join(datasetsDir(), 'yoochoose-100k');
const train = readSessions(join(dir, 'train.tsv'));
const all = readSessions(join(dir, 'test.tsv'));
const test = all.slice(0, process.argv.includes('--sessions') ? arg('sessions', all.length) : all.length);
const aaSeeds = arg('aa-seeds', 200);
const started = Date.now();
const recs = fitRecommenders(train);
const catalogSize = recs.index.items.length;

const ab = replayAll(test, { personalized: recs.personalized, control: recs.popular }, k);
const pct = (x: number | null | undefined) => (x == null ? null : Math.round(x * 1e5) / 1e3);
const designs: [string, ExperimentDefinition][] = [
  ['a/b 50/50', { id: 'next-vs-popular', variants: [{ name: 'personalized', weight: 50 }, { name: 'control', weight: 50 }] }],
  ['holdout 90/10', { id: 'holdout' }],
];
for (const [name, def] of designs) {
  const report = simulate(ab, def, 1, catalogSize);
  const u = report.uplift[0]!;
  const arm = (n: string) => report.variants.find((v) => v.variant === n)!;
  console.log(
    JSON.stringify({
      name,
      sessions: test.length,
      visitors: report.variants.map((v) => [v.variant, v.visitors]),
      ctrPct: { personalized: pct(arm('personalized').ctr), control: pct(arm('control').ctr) },
      upliftPts: { diff: pct(u.ctr!.diff), low: pct(u.ctr!.low), high: pct(u.ctr!.high), relative: pct(u.ctr!.relative), p: u.ctr!.p },
      perImpressionInterval: { low: pct(u.ctrPerImpression!.low), high: pct(u.ctrPerImpression!.high) },
      coverage: { personalized: pct(arm('personalized').coverage), control: pct(arm('control').coverage) },
      significant: u.ctr!.significant,
      srm: { p: report.srm!.p, mismatch: report.srm!.mismatch },
    }),
  );
}

// A/A: both arms show the personalized widget; its replays are the A/B run's, reused.
const aa = ab.map((r) => ({ ...r, byArm: { a: r.byArm.personalized!, b: r.byArm.personalized! } }));
const fpr = aaFalsePositiveRate(aa, aaSeeds);
console.log(JSON.stringify({ name: 'a/a false-positive rate', sessions: test.length, ...fpr, expected: 0.05 }));
console.log(JSON.stringify({ name: 'simulation time', unit: 's', value: (Date.now() - started) / 1000 }));

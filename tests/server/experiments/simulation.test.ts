import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetsDir } from '../../eval/datasets';
import { readSessions } from '../../eval/sessions';
import { fitRecommenders } from '../../sim/replay';
import { aaFalsePositiveRate, replayAll, simulate, type ReplayedSession } from '../../sim/simulate';

// The fast version of `npx tsx tests/sim/run.ts`: 500 held-out YooChoose sessions instead of 3,416.
describe('experiment simulation on held-out YooChoose sessions', () => {
  let ab: ReplayedSession[];
  beforeAll(() => {
    const dir = join(datasetsDir(), 'yoochoose-100k');
    const recs = fitRecommenders(readSessions(join(dir, 'train.tsv')));
    ab = replayAll(readSessions(join(dir, 'test.tsv')).slice(0, 500), { personalized: recs.personalized, control: recs.popular }, 10);
  });

  it('replays shoppers who click only their real next item', () => {
    const steps = ab.flatMap((r) => r.byArm.personalized!);
    expect(steps.length).toBeGreaterThan(1000);
    expect(steps.every((s) => s.items.length === 10 && s.clicked < 10)).toBe(true);
    expect(steps.some((s) => s.clicked >= 0)).toBe(true);
  });

  it('measures a positive CTR uplift of the personalized widget with an interval excluding zero', () => {
    const report = simulate(ab, { id: 'next-vs-popular', variants: [{ name: 'personalized', weight: 1 }, { name: 'control', weight: 1 }] }, 1);
    const u = report.uplift[0]!;
    expect(u.variant).toBe('personalized');
    expect(u.ctr!.low).toBeGreaterThan(0);
    expect(u.ctr!.significant).toBe(true);
    expect(report.srm!.mismatch).toBe(false);
    const arm = (n: string) => report.variants.find((v) => v.variant === n)!;
    expect(arm('personalized').coverage!).toBeGreaterThan(arm('control').coverage!);
  });

  it('finds no effect in an A/A test most of the time (false-positive rate near 5%)', () => {
    const aa = ab.map((r) => ({ ...r, byArm: { a: r.byArm.personalized!, b: r.byArm.personalized! } }));
    const fpr = aaFalsePositiveRate(aa, 40);
    // 40 runs at a true 5% rate: more than 6 false positives happens with probability < 1.5%.
    expect(fpr.visitorLevel).toBeLessThanOrEqual(6 / 40);
    expect(fpr.srm).toBeLessThanOrEqual(1 / 40);
  });
});

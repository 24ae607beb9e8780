import { assignVariant, type ExperimentDefinition } from '../../packages/core/src/experiments';
import type { ExperimentEventRow } from '../../packages/server/src/experiments/experiment-store';
import { computeReport, type ExperimentReport } from '../../packages/server/src/experiments/metrics';
import type { Session } from '../eval/sessions';
import { replaySession, type Recommender, type Shown } from './replay';

/** A held-out session replayed under each arm's widget (computed once, reused for every seed). */
export interface ReplayedSession {
  visitor: string;
  start: number;
  /** What each arm's widget showed this shopper. */
  byArm: Record<string, Shown[]>;
}

/**
 * Replays every session once per distinct recommender, so that many assignment seeds can be
 * simulated without recomputing recommendations.
 *
 * @example replayAll(test, { personalized: recs.personalized, control: recs.popular }, 10)
 */
export function replayAll(sessions: readonly Session[], arms: Record<string, Recommender>, k: number): ReplayedSession[] {
  return sessions.map((s) => {
    // Arms sharing a recommender (A/A) share one replay.
    const memo = new Map<Recommender, Shown[]>();
    const byArm: Record<string, Shown[]> = {};
    for (const [arm, recommender] of Object.entries(arms)) {
      let shown = memo.get(recommender);
      if (!shown) memo.set(recommender, (shown = replaySession(s, recommender, k)));
      byArm[arm] = shown;
    }
    return { visitor: `yc-${s.id}`, start: Math.round(s.times[0]! * 1000), byArm };
  });
}

/**
 * The events the SDK would have sent for these shoppers under one assignment (`experiment.salt`
 * varies it): an exposure per visitor, a stamped `view_item_list` per widget view and a stamped
 * `select_item` per click — exactly what the server's report reads.
 *
 * @example eventsFor(replayed, { id: 'holdout', salt: 'seed-1' })
 */
export function eventsFor(replayed: readonly ReplayedSession[], experiment: ExperimentDefinition): ExperimentEventRow[] {
  const rows: ExperimentEventRow[] = [];
  for (const r of replayed) {
    const variant = assignVariant(experiment, `v:${r.visitor}`);
    const shown = r.byArm[variant];
    if (!shown) throw new Error(`simulation: no replay for arm "${variant}" of experiment "${experiment.id}"`);
    const tag = { experiment_id: experiment.id, variant };
    rows.push({ visitor: r.visitor, type: 'experiment_exposure', ts: r.start, data: tag });
    for (const step of shown) {
      rows.push({ visitor: r.visitor, type: 'view_item_list', ts: step.ts, data: { ...tag, item_list_id: 'pdp-next', items: step.items.map((item_id, index) => ({ item_id, index })) } });
      if (step.clicked >= 0) rows.push({ visitor: r.visitor, type: 'select_item', ts: step.ts + 1, data: { ...tag, item_list_id: 'pdp-next', items: [{ item_id: step.items[step.clicked]!, index: step.clicked }] } });
    }
  }
  return rows;
}

/** One simulated experiment: the server's report for one assignment seed. @example simulate(replayed, def, 1) */
export function simulate(replayed: readonly ReplayedSession[], experiment: ExperimentDefinition, seed: number, catalogSize?: number): ExperimentReport {
  const def = { ...experiment, salt: `${experiment.salt ?? ''}seed-${seed}` };
  return computeReport(def.id, eventsFor(replayed, def), { definition: def, catalogSize, bootstrap: { seed, rounds: 200 } });
}

/** Share of A/A runs whose CTR interval excludes zero, by interval kind, over `seeds` assignment seeds. */
export interface FalsePositiveRate {
  runs: number;
  /** Delta-method interval over visitors (the one reported as `ctr`). */
  visitorLevel: number;
  /** Two-proportion interval over impressions (`ctrPerImpression`). */
  perImpression: number;
  /** SRM alarms (p < 0.001) — should be about 0.1%. */
  srm: number;
}

/**
 * Runs an A/A test (both arms the same widget) under `seeds` different salts and counts how often
 * each CTR interval wrongly excludes zero; at a 95% level a correct interval does so ~5% of the time.
 *
 * @example aaFalsePositiveRate(replayAll(test, { a: recs.personalized, b: recs.personalized }, 10), 200)
 */
export function aaFalsePositiveRate(replayed: readonly ReplayedSession[], seeds: number, firstSeed = 1): FalsePositiveRate {
  const def: ExperimentDefinition = { id: 'aa', control: 'a', variants: [{ name: 'a', weight: 1 }, { name: 'b', weight: 1 }] };
  let visitorLevel = 0;
  let perImpression = 0;
  let srm = 0;
  for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
    const report = simulate(replayed, def, seed);
    const u = report.uplift[0]!;
    if (u.ctr?.significant) visitorLevel++;
    if (u.ctrPerImpression?.significant) perImpression++;
    if (report.srm?.mismatch) srm++;
  }
  return { runs: seeds, visitorLevel: visitorLevel / seeds, perImpression: perImpression / seeds, srm: srm / seeds };
}

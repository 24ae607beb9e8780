// Experiments: the per-render cost of an assignment (browser) and the cost of a report over
// 100k events (server), each next to a baseline measured in the same run.
//   npx tsx bench/experiments.bench.ts
import { assignVariant, assignmentOf, hash32 } from '../packages/core/src/experiments';
import type { ExperimentEventRow } from '../packages/server/src/experiments/experiment-store';
import { computeReport } from '../packages/server/src/experiments/metrics';
import { measurePair, report, rng } from './bench-support';

const visitors = Array.from({ length: 1024 }, (_, i) => `01JABCDEFGHJKMNPQRSTV${String(i).padStart(5, '0')}`);
const def = { id: 'holdout' };
let i = 0;
// Baseline: hashing the same key alone — the least any hash-based assignment must do.
const [assign, hashOnly] = measurePair(
  () => assignmentOf(def, assignVariant(def, `v:${visitors[i++ & 1023]}`)),
  () => hash32(`:holdout:v:${visitors[i++ & 1023]}`),
  20_000,
);
report('experiments: variantFor (assign + control behaviour)', assign, hashOnly);

// 10k visitors, ~100k events: exposures, widget impressions and clicks, carts, purchases.
const rand = rng(7);
const rows: ExperimentEventRow[] = [];
for (let v = 0; v < 10_000; v++) {
  const visitor = `v${v}`;
  const variant = rand() < 0.9 ? 'personalized' : 'control';
  const tag = { experiment_id: 'holdout', variant };
  let ts = v * 10;
  rows.push({ visitor, type: 'experiment_exposure', ts: ts++, data: tag });
  for (let s = 0; s < 3; s++) {
    rows.push({ visitor, type: 'view_item_list', ts: ts++, data: { ...tag, items: Array.from({ length: 8 }, (_, k) => ({ item_id: `p${Math.floor(rand() * 2000)}`, item_category: `c${k % 4}` })) } });
    if (rand() < 0.3) rows.push({ visitor, type: 'select_item', ts: ts++, data: { ...tag, items: [{ item_id: 'p1' }] } });
  }
  if (rand() < 0.2) rows.push({ visitor, type: 'add_to_cart', ts: ts++, data: { items: [{ item_id: 'p1' }] } });
  if (rand() < 0.05) rows.push({ visitor, type: 'purchase', ts: ts++, data: { value: 20 + rand() * 100 } });
}
// Baseline: one pass grouping the rows by visitor — the least work any per-visitor report needs.
const group = () => {
  const by = new Map<string, number>();
  for (const r of rows) by.set(r.visitor, (by.get(r.visitor) ?? 0) + (r.data.items?.length ?? 0));
  return by.size;
};
const [full, grouping] = measurePair(() => computeReport('holdout', rows, { definition: def, bootstrap: { rounds: 2000 } }), group, 1, 7);
report('experiments: computeReport, 10k visitors / ~52k events, bootstrap capped at 500 rounds', full, grouping, { events: rows.length });

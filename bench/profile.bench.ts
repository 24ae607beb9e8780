// Profile speed: full rebuild from 10,000 events and the incremental update per event, each
// against a floor measured in the same run (the least work any profile must do: one Map
// update per item). Run: npx tsx bench/profile.bench.ts
import { applyEvent } from '../packages/core/src/profile/apply-event';
import { buildProfile } from '../packages/core/src/profile/build-profile';
import { deriveProfile } from '../packages/core/src/profile/derive-profile';
import { resolveProfileOptions } from '../packages/core/src/profile/options';
import { evaluateSegments } from '../packages/core/src/segments/evaluate';
import { defineSegments } from '../packages/core/src/segments/validate';
import type { AffinityEvent } from '../packages/core/src/types';
import { makeEvents, makeProducts, measure, measurePair, report } from './bench-support';

const catalog = makeProducts(5_000);
const all = makeEvents(20_000, catalog, 4, 240);
const history = all.slice(0, 10_000);
const now = all.at(-1)!.ts;
const o = resolveProfileOptions({ now: () => now });

/** The floor: fold each item into a per-category counter. */
function floorFold(events: readonly AffinityEvent[], counts: Map<string, number>): void {
  for (const e of events) {
    const items = e.data.items ?? [];
    for (const it of items) {
      const key = it.item_category3 ?? it.item_id;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
}

const [rebuild, rebuildFloor] = measurePair(
  () => buildProfile(history, { now: () => now }),
  () => {
    const m = new Map<string, number>();
    floorFold(history, m);
    return m;
  },
  2,
  7,
);
report('profile rebuild from 10000 events', rebuild, rebuildFloor);

// Incremental: each timed call applies the next unseen event to a profile built from 10,000.
const profile = buildProfile(history, { now: () => now });
const floorCounts = new Map<string, number>();
floorFold(history, floorCounts);
let nextFloor = 10_000;
let nextApply = 10_000;
const [perEvent, perEventFloor] = measurePair(
  () => applyEvent(profile, all[nextApply++]!, o),
  () => floorFold([all[nextFloor++]!], floorCounts),
  100,
  15,
);
report('profile incremental update per event (apply)', perEvent, perEventFloor);
// What the profile store does per event: apply, then refresh tags/RFM/lifecycle/intent.
const copy = buildProfile(history, { now: () => now });
let nextFull = 10_000;
let nextFloor2 = 10_000;
const [perEventDerived, floor2] = measurePair(
  () => {
    applyEvent(copy, all[nextFull++]!, o);
    return deriveProfile(copy, now, o);
  },
  () => floorFold([all[nextFloor2++]!], floorCounts),
  100,
  15,
);
report('profile incremental update per event (apply + derive tags/RFM/lifecycle)', perEventDerived, floor2);

const segments = defineSegments({
  runners: { field: 'affinity.category.Shoes', op: 'gte', value: 0.5 },
  vip: { all: [{ field: 'rfm.segment', op: 'in', value: ['champion', 'loyal'] }, { field: 'orders.revenue', op: 'gt', value: 500 }] },
  bargain: { field: 'tags.priceSensitivity', op: 'eq', value: 'high' },
  lapsing: { any: [{ field: 'lifecycle', op: 'eq', value: 'dormant' }, { field: 'days.sinceLastOrder', op: 'gt', value: 60 }] },
  engaged: { not: { field: 'tags.interactionLevel', op: 'in', value: ['none', 'low'] } },
});
report('segments: evaluate 5 rules on a 10000-event profile', measure(() => evaluateSegments(segments, profile, now), 100, 9));

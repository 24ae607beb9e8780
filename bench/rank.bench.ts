// Re-ranking speed against a floor: the same products scored by a plain dot product of
// precomputed feature vectors, then sorted the same (fastest) way. Run: npx tsx bench/rank.bench.ts
import { loadavg } from 'node:os';
import { applyEvent } from '../packages/core/src/profile/apply-event';
import { buildProfile } from '../packages/core/src/profile/build-profile';
import { resolveProfileOptions } from '../packages/core/src/profile/options';
import { rank } from '../packages/core/src/rank/rank';
import { sortByScore } from '../packages/core/src/rank/sort-by-score';
import { makeEvents, makeModel, makeProducts, measurePair, report, rng } from './bench-support';

const FEATURES = 10;

for (const n of [1_000, 10_000]) {
  const catalog = makeProducts(20_000);
  const products = catalog.slice(0, n);
  const events = makeEvents(2_000, catalog.slice(0, 5_000));
  const now = events.at(-1)!.ts + 3_600_000;
  const profile = buildProfile(events, { now: () => now });
  const model = makeModel(catalog);
  const options = { profile, model, now, region: 'FR', rules: { pin: { p5: 1 }, bury: ['p9'] } } as const;

  const r = rng(9);
  const vectors = new Float64Array(n * FEATURES);
  for (let i = 0; i < vectors.length; i++) vectors[i] = r();
  const weights = Float64Array.from({ length: FEATURES }, () => r());
  const floor = () => {
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      const o = i * FEATURES;
      for (let f = 0; f < FEATURES; f++) s += vectors[o + f]! * weights[f]!;
      scores[i] = s;
    }
    return sortByScore(scores, n);
  };

  const iterations = n === 1_000 ? 100 : 10;
  const rounds = n === 1_000 ? 21 : 11;
  const [full, baseline] = measurePair(() => rank(products, options), floor, iterations, rounds);
  // The machine's load is printed because shared CI/dev boxes inflate absolute numbers.
  report(`rank ${n} products (profile + model + rules + MMR)`, full, baseline, { targetRatio: 2, targetNs: n === 1_000 ? 2_000_000 : undefined, load1: loadavg()[0] });
  const [noDiversity, b2] = measurePair(() => rank(products, { ...options, diversity: false }), floor, iterations, rounds);
  report(`rank ${n} products without diversity`, noDiversity, b2);
  // A new profile object each call, as the profile store publishes: a shallow copy. Lookups are
  // cached per profile version (event count and nested objects), so an unchanged copy reuses them.
  const [fresh, b3] = measurePair(() => rank(products, { ...options, profile: { ...profile } }), floor, iterations, rounds);
  report(`rank ${n} products, profile not seen before (shallow copy, same version)`, fresh, b3);
  // A real update: one new event applied in place (as the store does), then a shallow copy
  // ranked, so the profile's lookups are rebuilt on every call (the apply is timed too).
  const live = buildProfile(events, { now: () => now });
  const o = resolveProfileOptions({ now: () => now });
  const more = makeEvents(4_000, catalog.slice(0, 5_000), 11).map((e, i) => ({ ...e, id: `u${i}`, ts: now + i * 1000 }));
  let next = 0;
  const [updated, b5] = measurePair(
    () => {
      applyEvent(live, more[next++ % more.length]!, o);
      return rank(products, { ...options, profile: { ...live } });
    },
    floor,
    iterations,
    rounds,
  );
  report(`rank ${n} products after a profile update (one event applied, lookups rebuilt)`, updated, b5);
  const [cold, b4] = measurePair(() => rank(products), floor, iterations, rounds);
  report(`rank ${n} products, new visitor`, cold, b4);
}

// Re-ranking speed against a floor: the same products scored by a plain dot product of
// precomputed feature vectors, then sorted the same (fastest) way. Run: npx tsx bench/rank.bench.ts
// The `embedding` cases re-rank with a 32-d learned embedding table in the model (issue 12): the
// table covers the whole 20,000-item catalog, so every listed product and profile item has a vector.
import { loadavg } from 'node:os';
import { applyEvent } from '../packages/core/src/profile/apply-event';
import { buildProfile } from '../packages/core/src/profile/build-profile';
import { resolveProfileOptions } from '../packages/core/src/profile/options';
import { rank } from '../packages/core/src/rank/rank';
import { encodeEmbeddings } from '../packages/core/src/recommend/learned/codec';
import { sortByScore } from '../packages/core/src/rank/sort-by-score';
import { makeEvents, makeModel, makeProducts, measurePair, report, rng } from './bench-support';

const FEATURES = 10;
const DIM = 32;

/** Unit-length random vectors for every catalog id, quantised as the server publishes them. */
function embeddingsFor(ids: readonly string[], seed = 21) {
  const r = rng(seed);
  const rows = new Float32Array(ids.length * DIM);
  for (let i = 0; i < ids.length; i++) {
    let norm = 0;
    for (let j = 0; j < DIM; j++) norm += (rows[i * DIM + j] = r() * 2 - 1) ** 2;
    for (let j = 0; j < DIM; j++) rows[i * DIM + j]! /= Math.sqrt(norm);
  }
  return encodeEmbeddings(ids, rows, DIM);
}

for (const n of [1_000, 10_000]) {
  const catalog = makeProducts(20_000);
  const products = catalog.slice(0, n);
  const events = makeEvents(2_000, catalog.slice(0, 5_000));
  const now = events.at(-1)!.ts + 3_600_000;
  const profile = buildProfile(events, { now: () => now });
  const model = makeModel(catalog);
  const learned = { ...model, embeddings: embeddingsFor(catalog.map((p) => p.id)) };
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

  // Learned embeddings as a ranking signal. Steady state: the query is cached per profile version
  // and model, the cosines per (query, list), so a repeat rank adds one typed-array read per product.
  const withTable = { ...options, model: learned };
  const [emb, b6] = measurePair(() => rank(products, withTable), floor, iterations, rounds);
  report(`rank ${n} products with a ${DIM}-d embedding table (profile + model + rules + MMR)`, emb, b6, { targetRatio: 2, load1: loadavg()[0] });
  // The signal's own cost: the same call with and without the table, rounds interleaved.
  const [emb2, noEmb] = measurePair(() => rank(products, withTable), () => rank(products, options), iterations, rounds);
  report(`rank ${n} products, ${DIM}-d embedding table vs none (baseline: same call without the table)`, emb2, noEmb);
  // After a profile update the query is rebuilt and the list's rows re-scored (n × 32 int8 dot
  // products); the rows of the list in the table stay cached.
  const liveEmb = buildProfile(events, { now: () => now });
  const liveNone = buildProfile(events, { now: () => now });
  let nextEmb = 0;
  let nextNone = 0;
  const updateWith = () => {
    applyEvent(liveEmb, more[nextEmb++ % more.length]!, o);
    return rank(products, { ...withTable, profile: { ...liveEmb } });
  };
  const [updatedEmb, b7] = measurePair(updateWith, floor, iterations, rounds);
  report(`rank ${n} products with a ${DIM}-d embedding table after a profile update (query and cosines rebuilt)`, updatedEmb, b7);
  const updateWithout = () => {
    applyEvent(liveNone, more[nextNone++ % more.length]!, o);
    return rank(products, { ...options, profile: { ...liveNone } });
  };
  const [updatedEmb2, updatedNone] = measurePair(updateWith, updateWithout, iterations, rounds);
  report(`rank ${n} products after a profile update, ${DIM}-d embedding table vs none (baseline: same call without the table)`, updatedEmb2, updatedNone);
}

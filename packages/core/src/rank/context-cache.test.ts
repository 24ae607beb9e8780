import { describe, expect, it } from 'vitest';
import { applyEvent } from '../profile/apply-event';
import { buildProfile } from '../profile/build-profile';
import { deriveProfile } from '../profile/derive-profile';
import { resolveProfileOptions } from '../profile/options';
import { DAY, T0, ev, item } from '../profile/test-support';
import type { AffinityEvent } from '../types';
import { rank } from './rank';
import { RUN, ids, shoesPage, testModel } from './test-products';

// rank caches its lookups per profile version and per model object; these tests check that a
// change to either reaches the ranking, and that a cache hit ranks exactly like a cold start.

const NOW = T0 + DAY;
const HIKE = ['Shoes', 'Hiking'];
const o = resolveProfileOptions({ now: () => NOW });

const runnerEvents: AffinityEvent[] = [
  ev('view_item', T0, { items: [item('x1', 'Cumulus 25', RUN, 130)] }),
  ev('view_item', T0 + 60_000, { items: [item('x2', 'Novablast 4', RUN, 140)] }),
  ev('add_to_cart', T0 + 120_000, { items: [item('x2', 'Novablast 4', RUN, 140)] }),
];
const hikingEvents: AffinityEvent[] = Array.from({ length: 8 }, (_, i) =>
  ev(i % 2 ? 'add_to_cart' : 'view_item', T0 + 600_000 + i * 60_000, { items: [item(`hk${i}`, `Boot ${i}`, HIKE, 160)] }),
);

const scored = (list: ReturnType<typeof rank>) => list.map((r) => [r.id, r.score]);


describe('rank — cached lookups follow profile and model changes', () => {
  it('re-ranks after events applied in place and published as a shallow copy (as the profile store does)', () => {
    const live = buildProfile(runnerEvents, { now: () => NOW });
    const before = rank(shoesPage, { profile: { ...live }, now: NOW });
    expect(before[0]!.product.category).toEqual(RUN);

    for (const e of hikingEvents) applyEvent(live, e, o);
    deriveProfile(live, NOW, o);
    const after = rank(shoesPage, { profile: { ...live }, now: NOW });
    expect(after[0]!.product.category).toEqual(HIKE);
    expect(after[0]!.reason).toBe('Matches your interest in Shoes > Hiking');
    // Same as ranking with a profile built from scratch from the same events.
    const cold = buildProfile([...runnerEvents, ...hikingEvents], { now: () => NOW });
    expect(scored(after)).toEqual(scored(rank(shoesPage, { profile: cold, now: NOW })));
  });

  it('ranks a shallow copy of an unchanged profile exactly like the original', () => {
    const p = buildProfile([...runnerEvents, ...hikingEvents], { now: () => NOW });
    const first = rank(shoesPage, { profile: p, now: NOW });
    expect(scored(rank(shoesPage, { profile: { ...p }, now: NOW }))).toEqual(scored(first));
    expect(scored(rank(shoesPage, { profile: structuredClone(p), now: NOW }))).toEqual(scored(first));
  });

  it('follows a new session view into co-occurrence (the session is updated in place)', () => {
    const live = buildProfile([ev('view_item', T0, { items: [item('r1', 'Pegasus 40', RUN, 120)] })], { now: () => T0 });
    const m = testModel([], T0);
    m.alsoViewed['r1'] = [['c4', 30, 0.6, 4]];
    m.alsoViewed['h2'] = [['f2', 30, 0.9, 4]];
    const before = rank(shoesPage, { profile: { ...live }, model: m, now: T0, diversity: false });
    expect(before.find((r) => r.id === 'f2')!.parts.cooccurrence).toBe(0);

    applyEvent(live, ev('view_item', T0 + 60_000, { items: [item('h2', 'Hiking boot', HIKE, 170)] }), o);
    const after = rank(shoesPage, { profile: { ...live }, model: m, now: T0 + 60_000, diversity: false });
    const f2 = after.find((r) => r.id === 'f2')!;
    expect(f2.parts.cooccurrence).toBe(1);
    expect(f2.reason).toBe('Often viewed with Hiking boot');
  });

  it('uses the popularity of the model passed, not of an earlier one', () => {
    const p = buildProfile(runnerEvents, { now: () => NOW });
    const weights = { popularity: 5 };
    const a = rank(shoesPage, { profile: p, model: testModel([['f1', 100]], T0), now: NOW, weights, diversity: false });
    const b = rank(shoesPage, { profile: p, model: testModel([['c4', 100]], T0), now: NOW, weights, diversity: false });
    expect(a[0]!.id).toBe('f1');
    expect(a[0]!.reason).toBe('Popular with other shoppers');
    expect(b[0]!.id).toBe('c4');
    expect(b.find((r) => r.id === 'f1')!.parts.popularity).toBe(0);
    // And without a model, no popularity at all.
    expect(rank(shoesPage, { profile: p, now: NOW, weights }).every((r) => r.parts.popularity === 0)).toBe(true);
  });

  it('gives the base order back once the profile is replaced by an empty one', () => {
    const p = buildProfile(runnerEvents, { now: () => NOW });
    expect(ids(rank(shoesPage, { profile: p, now: NOW }))).not.toEqual(ids(shoesPage));
    const reset = buildProfile([], { now: () => NOW });
    expect(ids(rank(shoesPage, { profile: reset, now: NOW }))).toEqual(ids(shoesPage));
  });
});

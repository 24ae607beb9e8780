import { describe, expect, it } from 'vitest';
import { memoryKeyValue } from '../storage/key-value';
import type { AffinityEvent, EventData, EventType, KeyValueStore } from '../types';
import { assignVariant } from './assign';
import { createExperiments } from './create-experiments';

/** A stand-in SDK whose session the test controls, recording what was tracked. */
function fakeAffinity(state: KeyValueStore = memoryKeyValue(), visitorId = 'visitor-1') {
  const listeners = new Set<(e: AffinityEvent) => void>();
  const tracked: AffinityEvent[] = [];
  let session = 's1';
  let clock = 1_000_000;
  let n = 0;
  return {
    visitorId,
    state,
    tracked,
    clock: () => clock,
    advance(ms: number, newSession?: string) {
      clock += ms;
      if (newSession) session = newSession;
    },
    track(type: EventType, data: EventData = {}) {
      const e: AffinityEvent = { id: String(++n), type, ts: clock, visitor: visitorId, session, channel: 'web', data };
      tracked.push(e);
      for (const l of listeners) l(e);
      return e;
    },
    subscribe(l: (e: AffinityEvent) => void) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
  };
}

const exposures = (a: { tracked: AffinityEvent[] }) => a.tracked.filter((e) => e.type === 'experiment_exposure');
const holdout = { id: 'holdout', variants: [{ name: 'personalized', weight: 1 }, { name: 'control', weight: 1 }] };

describe('createExperiments', () => {
  it('logs an exposure once per experiment and session', async () => {
    const affinity = fakeAffinity();
    const ex = createExperiments({ affinity, experiments: [holdout], now: affinity.clock });
    affinity.track('page_view');
    expect(await ex.expose('holdout')).toBe(true);
    expect(await ex.expose('holdout')).toBe(false);
    affinity.advance(60_000);
    affinity.track('view_item', { items: [{ item_id: 'a' }] });
    expect(await ex.expose('holdout')).toBe(false);
    expect(exposures(affinity)).toHaveLength(1);
    expect(exposures(affinity)[0]!.data).toEqual({ experiment_id: 'holdout', variant: ex.variantFor('holdout')!.variant });

    affinity.advance(31 * 60_000, 's2');
    affinity.track('page_view');
    expect(await ex.expose('holdout')).toBe(true);
    expect(exposures(affinity).map((e) => e.session)).toEqual(['s1', 's2']);
  });

  it('remembers exposures across pages of the same session', async () => {
    const state = memoryKeyValue();
    const first = fakeAffinity(state);
    const a = createExperiments({ affinity: first, experiments: [holdout], now: first.clock });
    first.track('page_view');
    await a.expose('holdout');

    const second = fakeAffinity(state); // next page: same stored state, same session
    const b = createExperiments({ affinity: second, experiments: [holdout], now: second.clock });
    const logged = b.expose('holdout'); // no event seen on this page yet: waits for one
    second.track('page_view');
    expect(await logged).toBe(false);
    expect(exposures(second)).toHaveLength(0);
  });

  it('waits for the first event of a page to learn its session, then logs', async () => {
    const affinity = fakeAffinity();
    const ex = createExperiments({ affinity, experiments: [holdout], now: affinity.clock });
    const logged = ex.expose('holdout');
    expect(exposures(affinity)).toHaveLength(0);
    affinity.track('view_item_list', { items: [{ item_id: 'a' }] });
    expect(await logged).toBe(true);
    expect(exposures(affinity)).toHaveLength(1);
  });

  it('concurrent calls log once', async () => {
    const affinity = fakeAffinity();
    const ex = createExperiments({ affinity, experiments: [holdout], now: affinity.clock });
    affinity.track('page_view');
    const results = await Promise.all([ex.expose('holdout'), ex.expose('holdout'), ex.expose('holdout')]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(exposures(affinity)).toHaveLength(1);
  });

  it('stamps widget events with the experiment and the arm', () => {
    const affinity = fakeAffinity();
    const ex = createExperiments({ affinity, experiments: [holdout] });
    const arm = ex.variantFor('holdout')!;
    expect(ex.stamp('holdout', { item_list_id: 'pdp' })).toEqual({ item_list_id: 'pdp', experiment_id: 'holdout', variant: arm.variant });
    expect(ex.stamp('unknown', { item_list_id: 'pdp' })).toEqual({ item_list_id: 'pdp' });
    expect(ex.variantFor('unknown')).toBeUndefined();
  });

  it('assigns by customer id once identified, so devices agree', async () => {
    // Find a visitor whose own arm differs from the customer's, so the switch is visible.
    const customerArm = assignVariant(holdout, 'c:cust-7');
    const visitor = Array.from({ length: 50 }, (_, i) => `v${i}`).find((v) => assignVariant(holdout, `v:${v}`) !== customerArm)!;
    const phone = fakeAffinity(memoryKeyValue(), visitor);
    const ex = createExperiments({ affinity: phone, experiments: [holdout], now: phone.clock });
    await ex.ready;
    expect(ex.variantFor('holdout')!.variant).not.toBe(customerArm);
    phone.track('page_view');
    expect(await ex.expose('holdout')).toBe(true);
    phone.track('login', { customer_id: 'cust-7' });
    expect(ex.variantFor('holdout')!.variant).toBe(customerArm);
    // The switch of arm in the same session is exposed again, so the server can see it.
    expect(await ex.expose('holdout')).toBe(true);
    expect(await ex.expose('holdout')).toBe(false);
    expect(exposures(phone).map((e) => e.data.variant)).toEqual([assignVariant(holdout, `v:${visitor}`), customerArm]);

    const laptop = fakeAffinity(memoryKeyValue(), 'another-visitor');
    const other = createExperiments({ affinity: laptop, experiments: [holdout], customerId: 'cust-7' });
    expect(other.variantFor('holdout')!.variant).toBe(customerArm);

    // The next page of the phone remembers the customer from state.
    const next = createExperiments({ affinity: fakeAffinity(phone.state, visitor), experiments: [holdout] });
    await next.ready;
    expect(next.variantFor('holdout')!.variant).toBe(customerArm);
  });

  it('skips invalid definitions without throwing', async () => {
    const affinity = fakeAffinity();
    const ex = createExperiments({ affinity, experiments: [{ id: 'bad id' }, holdout] });
    expect(ex.variantFor('bad id')).toBeUndefined();
    expect(await ex.expose('bad id')).toBe(false);
    expect(ex.variantFor('holdout')).toBeDefined();
  });
});

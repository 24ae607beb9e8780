// Capture hot path and local persistence, each against a floor measured in the same process.
// Run: npx tsx bench/capture.bench.ts
// Rounds of the floor and of track alternate, so load from other processes hits both alike.
// - track: ns per call against the floor of pushing the same event object to an array (the
//   object is built per call in both, with the same data literal and Date.now()).
// - persist: one batch of 100 events written the way the SDK writes it (event log + outbox +
//   prune) to IndexedDB, against a single idb-keyval setMany of the same events. IndexedDB in
//   Node is fake-indexeddb (named in the output): relative numbers only.
import 'fake-indexeddb/auto';
import { createStore, setMany } from 'idb-keyval';
import { createAffinity } from '../packages/core/src/affinity';
import { ulid } from '../packages/core/src/capture/ulid';
import { idbStores } from '../packages/core/src/storage/stores';
import type { AffinityEvent } from '../packages/core/src/types';

const ROUNDS = 41;
const CALLS = 5_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const print = (name: string, unit: string, value: number, baseline: number) =>
  console.log(JSON.stringify({ name, unit, value: +value.toFixed(1), baseline: +baseline.toFixed(1), ratio: +(value / baseline).toFixed(2) }));

type Case = { fn: () => unknown; between: () => Promise<void> | void; rounds: number[] };

/**
 * Median ns per call of each case over ROUNDS rounds of CALLS calls; rounds of the cases
 * alternate so load from other processes hits both alike. `between` runs untimed.
 */
async function perCall(...cases: Case[]): Promise<number[]> {
  for (let r = 0; r < ROUNDS + 2; r++) {
    for (const c of cases) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < CALLS; i++) c.fn();
      const ns = Number(process.hrtime.bigint() - t0) / CALLS;
      if (r >= 2) c.rounds.push(ns); // the first two rounds warm the JIT
      await c.between();
    }
  }
  return cases.map((c) => median(c.rounds));
}

async function trackBench(name: string, clock: () => () => number) {
  let sink: AffinityEvent[] = [];
  const id = ulid();
  const now = clock();
  const a = createAffinity({ site: 'bench', consent: 'granted', storage: 'memory', log: { maxEvents: CALLS }, now: clock() });
  const [floor, value] = await perCall(
    {
      fn: () => sink.push({ id, type: 'view_item', ts: now(), visitor: id, session: id, channel: 'web', data: { items: [{ item_id: 'sku-1', price: 10 }] } }),
      between: () => void (sink = []),
      rounds: [],
    },
    {
      fn: () => a.track('view_item', { items: [{ item_id: 'sku-1', price: 10 }] }),
      // Persist what was tracked (untimed), then clear, so every round starts alike.
      between: async () => {
        await a.flush();
        await a.forget();
      },
      rounds: [],
    },
  );
  a.destroy();
  print(name, 'ns', value, floor);
}

// Many calls share a millisecond, as in a tight loop.
await trackBench('track (granted, per call) vs array push', () => Date.now);
// Worst case for id minting: every call in a new millisecond (a real page's usual case).
await trackBench('track (granted, new ms every call) vs array push', () => {
  let t = Date.now();
  return () => ++t;
});

async function persistBench() {
  const a = createAffinity({ site: 'bench-src', consent: 'denied', storage: 'memory' });
  const batches = Array.from({ length: ROUNDS + 2 }, () => Array.from({ length: 100 }, () => a.track('view_item', { items: [{ item_id: 'sku-1', price: 10 }] })!));
  a.destroy();
  const time = async (fn: (batch: AffinityEvent[]) => Promise<unknown>) => {
    const rounds: number[] = [];
    for (let r = 0; r < batches.length; r++) {
      const t0 = process.hrtime.bigint();
      await fn(batches[r]!);
      if (r >= 2) rounds.push(Number(process.hrtime.bigint() - t0));
    }
    return median(rounds);
  };
  const raw = createStore('bench-raw', 'events');
  const floor = await time((batch) => setMany(batch.map((e) => [e.id, e]), raw));
  const stores = idbStores('bench', () => {}, () => {});
  const value = await time(async (batch) => {
    await stores.log.add(batch);
    await stores.outbox.add(batch);
    await stores.log.prune(5000, Date.now() - 90 * 86_400_000);
  });
  print('persist 100 events: log + outbox + prune (fake-indexeddb) vs one idb-keyval setMany', 'ns', value, floor);
}
await persistBench();

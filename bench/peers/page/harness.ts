// Runs in the benchmark page (bundled to /harness.js): loads one tracker, and times calls to it
// and to the raw floor (a function call and an array push) in the same page.
import type { BenchEventData, PeerAdapter } from '../adapters/types';

type AffinityGlobal = { track(type: string, data: unknown): void } | unknown[] | undefined;

const sink: unknown[] = [];
/** The floor: what any capture call must at least do. */
const floor: PeerAdapter = {
  init() {},
  track(type, data) {
    sink.push({ type, data });
  },
};

/** A realistic product event; ids cycle over a 500-product catalog. */
function event(i: number): BenchEventData {
  const n = i % 500;
  return { items: [{ item_id: `p${n}`, item_name: `Product ${n}`, price: 10 + (n % 90), item_category: 'Shoes' }] };
}

function tick(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Inserts the tracker's script, as an async tag would, and waits until it can take calls.
 * Affinity configures itself from its tag; the others through their adapter's `init`.
 */
async function load(peer: string, endpoint: string): Promise<{ scriptMs: number; readyMs: number; isolated: boolean }> {
  const t0 = performance.now();
  if (peer !== 'none') {
    await new Promise<void>((resolve, reject) => {
      const s = document.createElement('script');
      s.src = `/${peer}.js`;
      if (peer === 'affinity') Object.assign(s.dataset, { site: 'bench', endpoint, consent: 'granted' });
      s.onload = () => resolve();
      s.onerror = () => reject(new Error(`${peer}.js did not load`));
      document.head.append(s);
    });
  }
  const loaded = performance.now();
  const w = window as unknown as { affinity: AffinityGlobal };
  if (peer === 'affinity') {
    while (!w.affinity || Array.isArray(w.affinity)) await tick(0);
    const affinity = w.affinity as { track(type: string, data: unknown): void };
    window.peer = { init() {}, track: (type, data) => affinity.track(type, data) };
  } else if (peer === 'none') {
    const own: unknown[] = [];
    window.peer = { init() {}, track: (type, data) => void own.push({ type, data }) };
  } else {
    await window.peer!.init(endpoint);
  }
  return { scriptMs: loaded - t0, readyMs: performance.now() - t0, isolated: crossOriginIsolated };
}

/**
 * `n` calls back to back to the tracker, no longer than `budgetMs` (some trackers need seconds
 * for a burst), and as many to the floor, interleaved in chunks of 100 so that both see the same
 * machine (these machines are shared); ns per call of each and the tracker calls made.
 */
function burst(n: number, budgetMs: number): { floorNs: number; peerNs: number; calls: number } {
  const target = window.peer!;
  for (let i = 0; i < 1000; i++) floor.track('view_item', event(i));
  sink.length = 0;
  let floorMs = 0;
  let peerMs = 0;
  let calls = 0;
  while (calls < n && peerMs <= budgetMs) {
    const end = Math.min(n, calls + 100);
    const t0 = performance.now();
    for (let i = calls; i < end; i++) floor.track('view_item', event(i));
    const t1 = performance.now();
    for (let i = calls; i < end; i++) target.track('view_item', event(i));
    const t2 = performance.now();
    floorMs += t1 - t0;
    peerMs += t2 - t1;
    calls = end;
  }
  return { floorNs: (floorMs * 1e6) / calls, peerNs: (peerMs * 1e6) / calls, calls };
}

/**
 * `n` calls `gapMs` apart, each timed alone, the floor's call beside it in the same task
 * (alternating which goes first); mean ns per call of each.
 */
async function spaced(n: number, gapMs: number): Promise<{ floorNs: number; peerNs: number }> {
  let floorMs = 0;
  let peerMs = 0;
  const target = window.peer!;
  for (let i = 0; i < n; i++) {
    await tick(gapMs);
    const first = i % 2 ? floor : target;
    const second = i % 2 ? target : floor;
    const t0 = performance.now();
    first.track('view_item', event(i));
    const t1 = performance.now();
    second.track('view_item', event(i));
    const t2 = performance.now();
    floorMs += i % 2 ? t1 - t0 : t2 - t1;
    peerMs += i % 2 ? t2 - t1 : t1 - t0;
  }
  return { floorNs: (floorMs * 1e6) / n, peerNs: (peerMs * 1e6) / n };
}

(window as unknown as { bench: unknown }).bench = { load, burst, spaced };

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
 * Mean of timings after dropping the highest and lowest 10 %. The timer ticks in 5 µs steps
 * with jitter, so a timing reads up to a tick off either way: a mean (not a median, which
 * would be a whole tick) stays close to the truth, and dropping as many low as high keeps it
 * so. The top samples of a busy shared machine hold another process running or a collection
 * (over a millisecond each), which land on whichever side happens to be running; the tracker's
 * collections and deferred work are counted in the all-in figure, and the plain mean is
 * reported beside this one.
 */
function trimmedMean(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const cut = Math.floor(s.length / 10);
  const mid = s.slice(cut, s.length - cut);
  return mid.reduce((a, x) => a + x, 0) / mid.length;
}

const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;

/** Calls per timed chunk of a burst: 20 timer ticks or more for the floor. */
const CHUNK = 100;
/** Chunks of a burst run, and counted as calls, but not timed: both sides warm up alike. */
const WARM_CHUNKS = 10;

/**
 * `n` calls back to back to the tracker, no longer than `budgetMs` (some trackers need seconds
 * for a burst), and as many to the floor, interleaved in chunks of 100 so that both see the same
 * machine (these machines are shared). Each side goes first in every other chunk: the one that
 * runs second inherits the collections and cache misses of the first. The first chunks warm
 * both up (the JIT tiers up on calls) and are left out of both figures; they are still tracker
 * calls, counted in `calls` and in everything the page does afterwards.
 */
function burst(n: number, budgetMs: number): { floorNs: number; peerNs: number; floorMeanNs: number; peerMeanNs: number; calls: number } {
  const target = window.peer!;
  sink.length = 0;
  const floorNs: number[] = [];
  const peerNs: number[] = [];
  let peerMs = 0;
  let calls = 0;
  for (let k = 0; calls < n && peerMs <= budgetMs; k++) {
    const end = Math.min(n, calls + CHUNK);
    const peerFirst = k % 2 === 1;
    const t0 = performance.now();
    if (peerFirst) for (let i = calls; i < end; i++) target.track('view_item', event(i));
    else for (let i = calls; i < end; i++) floor.track('view_item', event(i));
    const t1 = performance.now();
    if (peerFirst) for (let i = calls; i < end; i++) floor.track('view_item', event(i));
    else for (let i = calls; i < end; i++) target.track('view_item', event(i));
    const t2 = performance.now();
    const [f, p] = peerFirst ? [t2 - t1, t1 - t0] : [t1 - t0, t2 - t1];
    peerMs += p;
    if (k >= WARM_CHUNKS) {
      floorNs.push((f * 1e6) / (end - calls));
      peerNs.push((p * 1e6) / (end - calls));
    }
    calls = end;
  }
  // A tracker too slow to get past the warm-up within its budget is timed on what it did.
  if (!peerNs.length) return { floorNs: NaN, peerNs: (peerMs * 1e6) / calls, floorMeanNs: NaN, peerMeanNs: (peerMs * 1e6) / calls, calls };
  return { floorNs: trimmedMean(floorNs), peerNs: trimmedMean(peerNs), floorMeanNs: mean(floorNs), peerMeanNs: mean(peerNs), calls };
}

/**
 * `n` calls `gapMs` apart, each timed alone, the floor's call beside it in the same task
 * (alternating which goes first); ns per call of each. One call is a tick or two of the 5 µs
 * timer, so only the mean of many means something, and a few interruptions of the thread
 * (another process, a collection: over a millisecond each, so worth several µs on a mean of
 * 200) would decide it: both sides get the same 10 % trimmed mean as a burst's chunks.
 */
async function spaced(n: number, gapMs: number): Promise<{ floorNs: number; peerNs: number; floorMeanNs: number; peerMeanNs: number }> {
  const floorNs: number[] = [];
  const peerNs: number[] = [];
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
    floorNs.push((i % 2 ? t1 - t0 : t2 - t1) * 1e6);
    peerNs.push((i % 2 ? t2 - t1 : t1 - t0) * 1e6);
  }
  return { floorNs: trimmedMean(floorNs), peerNs: trimmedMean(peerNs), floorMeanNs: mean(floorNs), peerMeanNs: mean(peerNs) };
}

(window as unknown as { bench: unknown }).bench = { load, burst, spaced };

// Shared helpers for bench/*.bench.ts: timing by median of rounds, JSON-line output, seeded data.
import type { AffinityEvent, EventType, Item, ModelPayload, Product } from '../packages/core/src/types';
import { seededRandom } from '../packages/server/src/random/seeded-random';

/**
 * Clock of `measure`/`measurePair`: wall time by default; `AFFINITY_BENCH_CLOCK=cpu` uses the
 * process's CPU time instead, which a loaded shared machine inflates far less (time spent
 * descheduled is not counted). Reports carry the clock used.
 */
export const CLOCK: 'wall' | 'cpu' = process.env.AFFINITY_BENCH_CLOCK === 'cpu' ? 'cpu' : 'wall';

/** Nanoseconds on the chosen clock (CPU time has microsecond resolution). */
function clockNs(): number {
  if (CLOCK === 'wall') return Number(process.hrtime.bigint());
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}

/** Median ns per call of `fn` over `rounds` rounds of `iterations` calls, after a warm-up. */
export function measure(fn: () => unknown, iterations: number, rounds = 15, warmup = iterations * 3): number {
  let sink = 0;
  for (let i = 0; i < warmup; i++) sink ^= fn() === undefined ? 0 : 1;
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = clockNs();
    for (let i = 0; i < iterations; i++) sink ^= fn() === undefined ? 0 : 1;
    samples.push((clockNs() - t0) / iterations);
  }
  if (sink === 42) console.error('');
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

/**
 * Median ns per call of a case and of its baseline, their rounds interleaved so that load from
 * other processes on a shared machine hits both alike. Returns `[value, baseline]`.
 */
export function measurePair(fn: () => unknown, baseline: () => unknown, iterations: number, rounds = 15): [number, number] {
  let sink = 0;
  for (let i = 0; i < iterations * 3; i++) sink ^= (fn() === undefined ? 0 : 1) ^ (baseline() === undefined ? 0 : 1);
  const a: number[] = [];
  const b: number[] = [];
  const time = (f: () => unknown, into: number[]) => {
    const t0 = clockNs();
    for (let i = 0; i < iterations; i++) sink ^= f() === undefined ? 0 : 1;
    into.push((clockNs() - t0) / iterations);
  };
  for (let r = 0; r < rounds; r++) {
    time(fn, a);
    time(baseline, b);
  }
  if (sink === 42) console.error('');
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[xs.length >> 1]!;
  return [median(a), median(b)];
}

/** Print one JSON line; ratio only when a baseline is given. */
export function report(name: string, value: number, baseline?: number, extra: Record<string, unknown> = {}): void {
  const line: Record<string, unknown> = { name, unit: 'ns', value: Math.round(value) };
  if (CLOCK !== 'wall') line.clock = CLOCK;
  if (baseline !== undefined) Object.assign(line, { baseline: Math.round(baseline), ratio: Math.round((value / baseline) * 100) / 100 });
  console.log(JSON.stringify({ ...line, ...extra }));
}

/** A small seeded PRNG (the server's) so every run ranks the same data. */
export const rng = seededRandom;

const TOP = ['Shoes', 'Apparel', 'Bags', 'Outdoor', 'Home', 'Beauty', 'Sports', 'Kids', 'Garden', 'Tech'];

/** A catalog of `n` products over 10 × 5 × 4 categories, 60 brands and 120 tags. */
export function makeProducts(n: number, seed = 1): Product[] {
  const r = rng(seed);
  const out: Product[] = [];
  for (let i = 0; i < n; i++) {
    const top = TOP[Math.floor(r() * TOP.length)]!;
    const mid = `${top} ${Math.floor(r() * 5)}`;
    const leaf = `${mid}.${Math.floor(r() * 4)}`;
    out.push({
      id: `p${i}`,
      title: `Product ${i}`,
      category: [top, mid, leaf],
      brand: `Brand ${Math.floor(r() * 60)}`,
      tags: [`tag${Math.floor(r() * 120)}`, `tag${Math.floor(r() * 120)}`, `tag${Math.floor(r() * 120)}`],
      price: Math.round(5 + r() * r() * 400),
      rating: Math.round((2.5 + r() * 2.5) * 10) / 10,
      ratingCount: Math.floor(r() * 500),
      stock: r() < 0.05 ? 0 : Math.floor(r() * 50) + 1,
      regions: r() < 0.1 ? ['US'] : undefined,
    });
  }
  return out;
}

function toItem(p: Product): Item {
  const [c1, c2, c3] = p.category ?? [];
  return { item_id: p.id, item_name: p.title, item_brand: p.brand, item_category: c1, item_category2: c2, item_category3: c3, price: p.price };
}

/**
 * `n` events of a realistic shopper over `days`: mostly views (with dwell), some lists,
 * clicks, carts and purchases, sessions of about 20 events.
 */
export function makeEvents(n: number, products: Product[], seed = 2, days = 120): AffinityEvent[] {
  const r = rng(seed);
  const start = Date.UTC(2026, 0, 1);
  const out: AffinityEvent[] = [];
  // A shopper has favourite corners of the catalog.
  const favourites = products.filter((_, i) => i % 7 === 0);
  for (let i = 0; i < n; i++) {
    const ts = start + Math.floor((i / n) * days * 86_400_000);
    const pick = () => (r() < 0.7 ? favourites[Math.floor(r() * favourites.length)]! : products[Math.floor(r() * products.length)]!);
    const x = r();
    let type: EventType = 'view_item';
    let items: Item[] = [toItem(pick())];
    const data: Record<string, unknown> = {};
    if (x < 0.15) (type = 'view_item_list'), (items = Array.from({ length: 12 }, () => toItem(products[Math.floor(r() * products.length)]!)));
    else if (x < 0.25) type = 'select_item';
    else if (x < 0.31) type = 'add_to_cart';
    else if (x < 0.33) (type = 'purchase'), (data.transaction_id = `t${i}`);
    else if (x < 0.36) (type = 'search'), (items = []), (data.search_term = `term ${Math.floor(r() * 30)}`);
    else data.dwell_ms = Math.floor(r() * 90_000);
    out.push({
      id: `${ts.toString(32).padStart(10, '0')}${String(i).padStart(16, '0')}`,
      type,
      ts,
      visitor: 'v1',
      session: `s${Math.floor(i / 20)}`,
      channel: 'web',
      data: { ...data, items },
    });
  }
  return out;
}

/** A server model with popularity and trend for 2,000 items and neighbours for every 5th item. */
export function makeModel(products: Product[], seed = 3): ModelPayload {
  const r = rng(seed);
  const ids = products.map((p) => p.id);
  const scored = (k: number): Array<[string, number]> =>
    Array.from({ length: Math.min(k, ids.length) }, (_, i) => [ids[(i * 37) % ids.length]!, Math.round(r() * 1000)] as [string, number]).sort((a, b) => b[1] - a[1]);
  const alsoViewed: ModelPayload['alsoViewed'] = {};
  for (let i = 0; i < ids.length; i += 5) {
    alsoViewed[ids[i]!] = Array.from({ length: 20 }, () => [ids[Math.floor(r() * ids.length)]!, 10, r(), 1 + r() * 3] as [string, number, number, number]);
  }
  return {
    version: 'bench',
    generatedAt: Date.UTC(2026, 3, 1),
    halfLifeDays: 7,
    totals: { sessions: 10_000, carts: 2_000, orders: 800 },
    alsoViewed,
    boughtTogether: {},
    cartedTogether: {},
    next: {},
    popular: scored(2000),
    trending: scored(300),
    popularByCategory: {},
  };
}

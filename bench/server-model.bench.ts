// Model rebuild over 1 million events (SQLite storage, scan + build), next to a floor that only
// scans and parses the same events, plus the size of GET /v1/model for a 10,000-item catalog.
// Run: npx tsx bench/server-model.bench.ts   (env BENCH_EVENTS, default 1000000)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AffinityEvent, EventType } from '@affinity/core';
import { createSqliteStorage } from '../packages/server/src/storage/sqlite';
import { createModelBuilder } from '../packages/server/src/model/build-model';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const ITEMS = 10_000;
const ROUNDS = 3;
const DAY = 86_400_000;

/** Deterministic pseudo-random numbers so every run measures the same history. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

/** Sessions of 3–12 interactions over 30 days; item popularity is Zipf-like, sessions stay near one category. */
function* history(total: number): Generator<AffinityEvent[]> {
  const random = rng(7);
  const now = Date.UTC(2026, 10, 1);
  const zipf = () => Math.floor(ITEMS * random() ** 2.5);
  let produced = 0;
  let session = 0;
  let batch: AffinityEvent[] = [];
  while (produced < total) {
    session++;
    const start = now - Math.floor(random() * 30 * DAY);
    const anchor = zipf();
    const length = 3 + Math.floor(random() * 10);
    const visitor = `v${Math.floor(session / 3)}`;
    for (let k = 0; k < length && produced < total; k++, produced++) {
      const item = random() < 0.7 ? (anchor + Math.floor(random() * 40)) % ITEMS : zipf();
      const roll = random();
      const type: EventType = roll < 0.75 ? 'view_item' : roll < 0.85 ? 'select_item' : roll < 0.96 ? 'add_to_cart' : 'purchase';
      const ts = start + k * 45_000;
      batch.push({
        id: `${ts.toString(32).toUpperCase().padStart(10, '0')}${produced.toString(32).toUpperCase().padStart(16, '0')}`,
        type,
        ts,
        visitor,
        session: `s${session}`,
        channel: 'web',
        data: { items: [{ item_id: `sku-${item}`, item_category: `cat-${item % 40}`, price: 10 + (item % 90) }], ...(type === 'purchase' ? { transaction_id: `t${session}` } : {}) },
      });
      if (batch.length === 10_000) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const line = (name: string, unit: string, value: number, baseline?: number) =>
  console.log(JSON.stringify({ name, unit, value: Math.round(value), ...(baseline ? { baseline: Math.round(baseline), ratio: Math.round((value / baseline) * 1000) / 1000 } : {}) }));

const dir = mkdtempSync(join(tmpdir(), 'affinity-model-bench-'));
const storage = createSqliteStorage({ file: join(dir, 'model.sqlite') });
try {
  for (const batch of history(EVENTS)) await storage.insertEvents('bench', batch);
  await storage.upsertProducts('bench', Array.from({ length: ITEMS }, (_, i) => ({ id: `sku-${i}`, category: [`cat-${i % 40}`] })));

  const scanOnly = async () => {
    let n = 0;
    await storage.scanModelEvents('bench', (chunk) => {
      n += chunk.length;
    });
    return n;
  };
  const rebuild = async () => {
    const builder = createModelBuilder();
    await storage.scanModelEvents('bench', (chunk) => builder.add(chunk));
    return builder.finish(await storage.productCategories('bench'));
  };

  await scanOnly();
  await rebuild(); // warm-up
  const scans: number[] = [];
  const builds: number[] = [];
  let model = await rebuild();
  for (let r = 0; r < ROUNDS; r++) {
    let t = performance.now();
    await scanOnly();
    scans.push(performance.now() - t);
    t = performance.now();
    model = await rebuild();
    builds.push(performance.now() - t);
  }
  line(`server-model/rebuild-${EVENTS}-events`, 'ms', median(builds), median(scans));
  const json = JSON.stringify(model);
  line(`server-model/payload-${ITEMS}-items`, 'bytes', Buffer.byteLength(json));
  line(`server-model/payload-${ITEMS}-items-gzip`, 'bytes', gzipSync(json).length);
} finally {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
}

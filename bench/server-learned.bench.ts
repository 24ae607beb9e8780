// Server cost of issue 12's learned model parts (embeddings + shopper prototypes) on a synthetic
// store history of 10,000 items (Zipf popularity, sessions near one category, as
// server-model.bench.ts), next to the co-occurrence model built from the same events in the
// same process, plus the resulting payload bytes. Run: npx tsx bench/server-learned.bench.ts
// (env BENCH_EVENTS, default 300000)
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import type { ModelEvent } from '../packages/server/src/storage/storage';
import { createModelBuilder } from '../packages/server/src/model/build-model';
import { createLearnedBuilder } from '../packages/server/src/embeddings/learned-builder';
import { rng } from './bench-support';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 300_000);
const ITEMS = 10_000;
const random = rng(7);
const zipf = () => Math.floor(ITEMS * random() ** 2.5);
const events: ModelEvent[] = [];
for (let session = 0; events.length < EVENTS; session++) {
  const anchor = zipf();
  const length = 3 + Math.floor(random() * 10);
  for (let k = 0; k < length; k++) {
    const item = random() < 0.7 ? (anchor + Math.floor(random() * 40)) % ITEMS : zipf();
    const roll = random();
    const type = roll < 0.75 ? 'view_item' : roll < 0.85 ? 'select_item' : roll < 0.96 ? 'add_to_cart' : 'purchase';
    events.push({ id: `e${events.length}`, type, ts: 1_700_000_000_000 + session * 60_000 + k * 45_000, session: `s${session}`, data: { items: [{ item_id: `sku-${item}` }], ...(type === 'purchase' ? { transaction_id: `t${session}` } : {}) } });
  }
}
const chunks = Array.from({ length: Math.ceil(events.length / 10_000) }, (_, i) => events.slice(i * 10_000, (i + 1) * 10_000));

let t = performance.now();
const model = createModelBuilder();
for (const c of chunks) model.add(c);
const payload = await model.finish(new Map(), 1_700_000_000_000 + 1e10);
const modelMs = performance.now() - t;
t = performance.now();
const learned = createLearnedBuilder();
for (const c of chunks) learned.add(c);
const parts = await learned.finish(() => {});
const learnedMs = performance.now() - t;
const load1 = loadavg()[0];
console.log(JSON.stringify({ name: `server.learned build ${EVENTS} events (embeddings + prototypes)`, unit: 'ms', value: Math.round(learnedMs), baseline: Math.round(modelMs), ratio: Math.round((learnedMs / modelMs) * 100) / 100, items: parts.embeddings?.ids.length, groups: parts.shoppers?.prototypes.length, load1 }));
for (const [name, value] of [['model (co-occurrence, popularity)', payload], ['embeddings', parts.embeddings], ['shoppers', parts.shoppers]] as const) {
  const json = JSON.stringify(value);
  console.log(JSON.stringify({ name: `server.learned payload ${name}`, unit: 'bytes', value: Buffer.byteLength(json), gzip: gzipSync(json).length }));
}

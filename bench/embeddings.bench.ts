// Learned embeddings in the page (issue 12): scoring 1,000 candidates with 32-dimensional int8
// embeddings against a plain Float32 dot-product floor over the same rows, decode cost, payload
// bytes for a 10,000-item catalog, and server training time on real sessions.
// Run: npx tsx bench/embeddings.bench.ts
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { decodeEmbeddings, encodeEmbeddings } from '../packages/core/src/recommend/learned/codec';
import { embeddingScores, queryVector, scoreRows } from '../packages/core/src/recommend/learned/score';
import { embedding } from '../packages/core/src/recommend/strategies/embedding';
import type { ModelPayload } from '../packages/core/src/types';
import { buildShopperPrototypes } from '../packages/server/src/cf/prototypes';
import { cooccurrence } from '../packages/server/src/embeddings/ppmi';
import { runSync } from '../packages/server/src/embeddings/steps';
import { trainEmbeddings } from '../packages/server/src/embeddings/train';
import { datasetsDir } from '../tests/eval/datasets';
import { readSessions } from '../tests/eval/sessions';
import { measurePair, report, rng } from './bench-support';

const DIM = 32;
const ITEMS = 10_000;
const r = rng(12);
const ids = Array.from({ length: ITEMS }, (_, i) => `sku-${String(100_000 + i)}`);
const rows = new Float32Array(ITEMS * DIM);
for (let i = 0; i < ITEMS; i++) {
  let n = 0;
  for (let j = 0; j < DIM; j++) n += (rows[i * DIM + j] = r() * 2 - 1) ** 2;
  for (let j = 0; j < DIM; j++) rows[i * DIM + j]! /= Math.sqrt(n);
}
const payload = encodeEmbeddings(ids, rows, DIM);
const json = JSON.stringify(payload);
const table = decodeEmbeddings(JSON.parse(json))!;
const load1 = loadavg()[0];

// Payload size for 10,000 items (ids "sku-1xxxxx", 10 characters).
report('embeddings.payload.json 10000 items x 32', Buffer.byteLength(json), undefined, { unit: 'bytes', gzip: gzipSync(json).length, vectorBytes: ITEMS * DIM, scaleBytes: ITEMS * 4 });

// 1,000 candidates: the page's path (ids → rows, int8 × float, per-item scale) vs the floor.
const session = [ids[5]!, ids[77]!, ids[901]!].map((id, i): [string, number] => [id, 1 / (i + 1)]);
const q = queryVector(table, session)!;
const candidates = Array.from({ length: 1_000 }, (_, i) => ids[(i * 7919) % ITEMS]!);
const candidateRows = Int32Array.from(candidates, (id) => table.index.get(id)!);
const floatRows = new Float32Array(1_000 * DIM);
candidateRows.forEach((row, i) => {
  for (let j = 0; j < DIM; j++) floatRows[i * DIM + j] = table.vectors[row * DIM + j]! * table.scales[row]!;
});
const floor = () => {
  const out = new Float32Array(1_000);
  for (let i = 0; i < 1_000; i++) {
    let s = 0;
    for (let j = 0, o = i * DIM; j < DIM; j++) s += floatRows[o + j]! * q[j]!;
    out[i] = s;
  }
  return out;
};
const [byId, base1] = measurePair(() => embeddingScores(table, q, candidates), floor, 200, 21);
report('embeddings.score 1000 candidates by id (int8, 32-d)', byId, base1, { targetRatio: 2, load1 });
const [byRow, base2] = measurePair(() => scoreRows(table, q, candidateRows), floor, 200, 21);
report('embeddings.score 1000 rows (int8, 32-d)', byRow, base2, { targetRatio: 2, load1 });

// The whole strategy over the 10,000-item table (query, score all, top 24) vs a 10,000-row floor.
const model = { embeddings: payload } as ModelPayload;
const all = new Float32Array(ITEMS * DIM);
for (let i = 0; i < ITEMS; i++) for (let j = 0; j < DIM; j++) all[i * DIM + j] = table.vectors[i * DIM + j]! * table.scales[i]!;
const floor10k = () => {
  const out = new Float32Array(ITEMS);
  for (let i = 0; i < ITEMS; i++) {
    let s = 0;
    for (let j = 0, o = i * DIM; j < DIM; j++) s += all[o + j]! * q[j]!;
    out[i] = s;
  }
  return out;
};
embedding({ model, viewed: session.map(([id]) => id) }, 8); // decode once (cached per payload)
const [strategy, base3] = measurePair(() => embedding({ model, viewed: session.map(([id]) => id) }, 8), floor10k, 20, 15);
report('embeddings.strategy embedding over 10000 items', strategy, base3, { load1 });

// Decoding the table once per model: base64 → typed arrays + id index, vs JSON.parse alone.
const [decode, parse] = measurePair(() => decodeEmbeddings(JSON.parse(json)), () => JSON.parse(json), 5, 9);
report('embeddings.decode 10000 items (JSON.parse + decode)', decode, parse, { load1 });

// Server: training on YooChoose train sessions vs counting their co-occurrences (what the
// model builder already pays), and shopper prototypes.
const train = readSessions(`${datasetsDir()}yoochoose-100k/train.tsv`).map((s) => s.items);
let t = performance.now();
const trained = trainEmbeddings(train);
const trainMs = performance.now() - t;
const index = new Map(trained.ids.map((id, i) => [id, i]));
t = performance.now();
runSync(cooccurrence(train.map((s) => Int32Array.from(s.filter((id) => index.has(id)).map((id) => index.get(id)!))), trained.ids.length, 2));
const countMs = performance.now() - t;
report('embeddings.train yoochoose-100k (PPMI + eigen, 32-d)', trainMs * 1e6, countMs * 1e6, { sessions: train.length, items: trained.ids.length, load1 });
const real = JSON.stringify(encodeEmbeddings(trained.ids, trained.rows, trained.dim));
report('embeddings.payload.json yoochoose-100k', Buffer.byteLength(real), undefined, { unit: 'bytes', gzip: gzipSync(real).length, items: trained.ids.length });
t = performance.now();
const shoppers = buildShopperPrototypes(train, trained);
report('embeddings.prototypes yoochoose-100k', (performance.now() - t) * 1e6, undefined, { groups: shoppers.prototypes.length, bytes: JSON.stringify(shoppers).length, gzip: gzipSync(JSON.stringify(shoppers)).length, load1 });

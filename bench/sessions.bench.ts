// GET /v1/sessions: size and build time of the served session index, and the `next` quality a
// browser gets from it, on real stored events (SQLite, through the server's own code path).
// Run: npx tsx bench/sessions.bench.ts   [--no-quality to skip the ~20 s of evaluation]
// - server.sessions.build.*: scan + collect + buildSessionIndex + JSON + gzip, against a model
//   rebuild (GET /v1/model) over the same storage, median of 3 rounds.
// - server.sessions.bytes.*: the payload (raw and gzip) against the model payload of the same events.
// - quality lines: HR@20 / MRR@20 of predictNext over the index as the browser parses it
//   (fromSessionIndexPayload), with the eval harness's protocol on the YooChoose-100k test set.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AffinityEvent } from '@affinity/core';
import { fromSessionIndexPayload, predictNext } from '../packages/core/src/recommend/next';
import { createModelService } from '../packages/server/src/model/model-service';
import { createSessionsService } from '../packages/server/src/sessions/sessions-service';
import { createSqliteStorage } from '../packages/server/src/storage/sqlite';
import type { Storage } from '../packages/server/src/storage/storage';
import { seedDemoStore } from '../demo-store/src/seed/seed-store';
import { datasetsDir } from '../tests/eval/datasets';
import { evaluateNextItem } from '../tests/eval/protocol';
import { readSessions, type Session } from '../tests/eval/sessions';

const ROUNDS = 3;
const quality = !process.argv.includes('--no-quality');

async function median(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
}

function line(name: string, unit: string, value: number, baseline: number, extra: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ name, unit, value: Math.round(value), baseline: Math.round(baseline), ratio: +(value / baseline).toFixed(3), ...extra }));
}

/** Session-rec sessions as stored `view_item` events (ids sortable like ULIDs, times in ms). */
function* asEvents(sessions: readonly Session[]): Generator<AffinityEvent[]> {
  let n = 0;
  let batch: AffinityEvent[] = [];
  for (const s of sessions) {
    s.items.forEach((item, i) => {
      const ts = Math.round(s.times[i]! * 1000);
      batch.push({
        id: `${ts.toString(32).toUpperCase().padStart(10, '0')}${(n++).toString(32).toUpperCase().padStart(16, '0')}`,
        type: 'view_item',
        ts,
        visitor: `v${s.id}`,
        session: `s${s.id}`,
        channel: 'web',
        data: { items: [{ item_id: item }] },
      });
    });
    if (batch.length >= 5_000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

async function measureSite(storage: Storage, site: string, label: string, maxSessions: number, test?: Session[], train?: Session[]): Promise<void> {
  const sessions = createSessionsService(storage, { intervalMs: 3_600_000, maxSessions });
  const models = createModelService(storage, { intervalMs: 3_600_000 });
  try {
    const built = await sessions.rebuild(site);
    const model = await models.rebuild(site);
    const buildMs = await median(() => sessions.rebuild(site));
    const modelMs = await median(() => models.rebuild(site));
    const extra = { sessions: built.sessions, items: built.items };
    line(`server.sessions.build.${label}`, 'ms', buildMs, modelMs, extra);
    line(`server.sessions.bytes.${label}`, 'B', Buffer.byteLength(built.json), Buffer.byteLength(model.json), extra);
    line(`server.sessions.gzip.${label}`, 'B', gzipSync(built.json).length, gzipSync(model.json).length, extra);
    if (quality && test && train) {
      const index = fromSessionIndexPayload(JSON.parse(built.json));
      const [r] = evaluateNextItem(train, test, [{ name: 'next-served', fit: () => (prefix, k) => predictNext(index, prefix, { limit: k }).map(([id]) => id) }]);
      console.log(JSON.stringify({ name: `quality.next-served.${label}`, hr: +r!.hr.toFixed(4), mrr: +r!.mrr.toFixed(4), n: r!.n, k: r!.k }));
    }
  } finally {
    sessions.close();
    models.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'affinity-sessions-bench-'));
try {
  const yoo = createSqliteStorage({ file: join(dir, 'yoochoose.sqlite') });
  const train = readSessions(`${datasetsDir()}yoochoose-100k/train.tsv`);
  const test = readSessions(`${datasetsDir()}yoochoose-100k/test.tsv`);
  for (const batch of asEvents(train)) await yoo.insertEvents('yoo', batch);
  for (const max of [5_000, 10_000, Infinity]) {
    await measureSite(yoo, 'yoo', `yoochoose.${Number.isFinite(max) ? max : 'all'}`, max, test, train);
  }
  await yoo.close();

  const demo = createSqliteStorage({ file: join(dir, 'demo.sqlite') });
  const seeded = await seedDemoStore(demo, { site: 'demo', file: new URL('../demo-store/data/seed-orders.json', import.meta.url).pathname });
  console.error(`demo seed: ${seeded.accepted} events`);
  await measureSite(demo, 'demo', 'demo-store', 5_000);
  await demo.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

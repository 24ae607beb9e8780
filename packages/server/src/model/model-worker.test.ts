import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AffinityEvent, EventType, ModelPayload } from '@affinity/core';
import { createSqliteStorage } from '../storage/sqlite';
import { testEvent } from '../testing/events';
import { createModelService, type ModelService } from './model-service';

const file = () => `/tmp/affinity-model-worker-${process.pid}-${randomBytes(6).toString('hex')}.sqlite`;
const sansTime = ({ generatedAt: _, ...rest }: ModelPayload) => rest;

/** Views, selections, carts and orders over 40 items in 300 sessions, some in two-event orders. */
function shopping(n: number, prefix: string): AffinityEvent[] {
  const types: EventType[] = ['view_item', 'view_item', 'select_item', 'view_item', 'add_to_cart', 'purchase'];
  return Array.from({ length: n }, (_, i) => {
    const type = types[i % types.length]!;
    const items = [{ item_id: `sku-${(i * 7) % 40}`, item_category: `cat-${i % 3}` }, ...(type === 'purchase' ? [{ item_id: `sku-${(i * 11) % 40}` }] : [])];
    return testEvent({
      type,
      session: `${prefix}${i % 300}`,
      data: { items, ...(type === 'purchase' ? { transaction_id: `${prefix}T${Math.floor(i / 12)}` } : {}) },
    });
  });
}

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Terminates the worker each time it is asked for a build, `times` times (then builds go through). */
function killWorkerOnBuild(times = Infinity) {
  const post = Worker.prototype.postMessage;
  let kills = 0;
  return vi.spyOn(Worker.prototype, 'postMessage').mockImplementation(function (this: Worker, message: unknown, transferList?: Parameters<Worker['postMessage']>[1]) {
    if ((message as { type?: string }).type === 'build' && kills++ < times) void this.terminate();
    return post.call(this, message, transferList);
  });
}

describe('model rebuilds in a worker thread', () => {
  const files: string[] = [];
  const services: ModelService[] = [];
  const closers: (() => Promise<void>)[] = [];
  const open = () => {
    const path = file();
    files.push(path);
    const storage = createSqliteStorage({ file: path });
    closers.push(() => storage.close());
    return storage;
  };
  const service = (...args: Parameters<typeof createModelService>) => {
    const models = createModelService(...args);
    services.push(models);
    return models;
  };
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const s of services.splice(0)) s.close();
    for (const close of closers.splice(0)) await close();
    for (const path of files.splice(0)) await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(path + suffix, { force: true })));
  });

  it('gives the same model as a rebuild on the server thread, and the same after live updates continue from its counts', async () => {
    const storage = open();
    await storage.upsertProducts('demo', [{ id: 'sku-1', title: 'Shoe', category: ['Shoes', 'Trail'] } as never]);
    for (let i = 0; i < 3; i++) await storage.insertEvents('demo', shopping(3000, `s${i}-`));
    const here = service(storage, { intervalMs: 3_600_000, refreshMs: 50, minSupport: 1, offThread: false });
    const there = service(storage, { intervalMs: 3_600_000, refreshMs: 50, minSupport: 1 });
    const [a, b] = await Promise.all([here.get('demo'), there.get('demo')]);
    expect(a.events).toBe(9000);
    expect(b.events).toBe(9000);
    expect(b.payload.embeddings).toBeDefined(); // the learned parts come from the worker too
    expect(sansTime(b.payload)).toEqual(sansTime(a.payload));
    expect(b.json).toBe(JSON.stringify(b.payload));

    // Same sessions and orders as before: pairs with what the rebuild counted need its full state.
    const more = shopping(600, 's1-');
    const { fresh } = await storage.insertEvents('demo', more);
    here.observe('demo', fresh);
    there.observe('demo', fresh);
    await until(async () => (await here.get('demo')).events === 9600 && (await there.get('demo')).events === 9600);
    const [c, d] = await Promise.all([here.get('demo'), there.get('demo')]);
    expect(d.source).toBe('incremental');
    expect(sansTime(d.payload)).toEqual(sansTime(c.payload));
    expect(d.payload.version).not.toBe(b.payload.version);
  });

  it('counts events stored while the worker scans exactly once', async () => {
    const storage = open();
    for (let i = 0; i < 4; i++) await storage.insertEvents('demo', shopping(5000, `a${i}-`));
    const models = service(storage, { intervalMs: 3_600_000, refreshMs: 50, minSupport: 1 });
    await models.get('demo');
    const ingest = async (events: AffinityEvent[]) => models.observe('demo', (await storage.insertEvents('demo', events)).fresh);
    // Stored before the rebuild starts but observed after it (an acknowledgement that lagged its
    // commit): the scan reads these, so the worker must say so or they would count twice.
    const early = await Promise.all(Array.from({ length: 10 }, (_, i) => storage.insertEvents('demo', shopping(50, `early${i}-`))));
    const rebuilding = models.rebuild('demo');
    for (const { fresh } of early) models.observe('demo', fresh);
    // Stored and observed while the worker scans: not in the scan.
    await Promise.all(Array.from({ length: 10 }, (_, i) => ingest(shopping(50, `during${i}-`))));
    expect((await rebuilding).source).toBe('rebuild');
    const expected = 20_000 + 20 * 50;
    await until(async () => (await models.get('demo')).events >= expected);
    await new Promise((resolve) => setTimeout(resolve, 200)); // any double count would show by now
    const served = await models.get('demo');
    expect(served.events).toBe(expected);
    const fresh = service(storage, { intervalMs: 3_600_000, minSupport: 1, offThread: false });
    expect(sansTime(served.payload)).toEqual(sansTime((await fresh.get('demo')).payload));
  });

  it('keeps serving the previous model when the worker dies mid-rebuild, counts what arrived meanwhile, and rebuilds in a new worker next time', async () => {
    const storage = open();
    await storage.insertEvents('demo', shopping(3000, 'a-'));
    const models = service(storage, { intervalMs: 3_600_000, refreshMs: 50, minSupport: 1 });
    const first = await models.get('demo');

    // Kill the worker as soon as it is asked for the next build.
    const spy = killWorkerOnBuild();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const rebuilding = models.rebuild('demo');
    const { fresh } = await storage.insertEvents('demo', shopping(60, 'late-'));
    models.observe('demo', fresh);
    await expect(rebuilding).rejects.toThrow(/worker exited/);
    spy.mockRestore();
    expect((await models.get('demo')).payload.version).not.toBe(''); // still served
    expect(models.freshness('demo')?.rebuiltAt).toBe(first.rebuiltAt);
    // What was stored during the failed rebuild is counted into the model being served.
    await until(async () => (await models.get('demo')).events === 3060);

    const again = await models.rebuild('demo');
    expect(again.source).toBe('rebuild');
    expect(again.events).toBe(3060);
    expect(errors).not.toHaveBeenCalledWith(expect.stringContaining('worker failed'), expect.anything());
  });

  it('logs a failed scheduled rebuild and keeps the previous model', async () => {
    const storage = open();
    await storage.insertEvents('demo', shopping(600, 'a-'));
    const models = service(storage, { intervalMs: 200, refreshMs: 50, minSupport: 1 });
    const first = await models.get('demo');
    killWorkerOnBuild(1);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    await until(async () => errors.mock.calls.some((call) => String(call[0]).includes('model rebuild for "demo" failed')));
    expect((await models.get('demo')).payload.version).toBe(first.payload.version);
    // The schedule goes on, in a new worker.
    await until(async () => (models.freshness('demo')?.rebuiltAt ?? 0) > first.rebuiltAt);
    expect(models.freshness('demo')?.source).toBe('rebuild');
  });
});

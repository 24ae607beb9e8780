import { afterEach, describe, expect, it } from 'vitest';
import type { AffinityEvent, ModelPayload } from '@affinity/core';
import { createSqliteStorage } from '../storage/sqlite';
import type { Storage } from '../storage/storage';
import { testEvent } from '../testing/events';
import { createModelBuilder } from './build-model';
import { createModelService, type ModelService } from './model-service';

const counted = (m: ModelPayload) => {
  const rest: Record<string, unknown> = { ...m };
  for (const key of ['version', 'generatedAt', 'embeddings', 'shoppers', 'clusters']) delete rest[key];
  return rest;
};

describe('model service', () => {
  const storage = createSqliteStorage({ file: ':memory:' });
  let models: ModelService | undefined;
  afterEach(() => models?.close());

  it('counts events stored while a full rebuild runs exactly once, whether or not its scan read them', async () => {
    const views = (n: number, prefix: string): AffinityEvent[] =>
      Array.from({ length: n }, (_, i) => testEvent({ session: `${prefix}${i % 300}`, item: `sku-${(i * 7) % 40}` }));
    // More than one scan page (5,000 rows), so the scan yields and ingestion runs in between.
    for (const batch of [views(6000, 'a'), views(6000, 'b')]) await storage.insertEvents('demo', batch);
    const ingest = async (events: AffinityEvent[]) => models!.observe('demo', (await storage.insertEvents('demo', events)).fresh);

    let lateBatch: Promise<void> | undefined;
    // Called once the scan is over: events stored now are not in it.
    const watched: Storage = {
      ...storage,
      productCategories: (site) => {
        lateBatch ??= ingest(views(40, 'late'));
        return storage.productCategories(site);
      },
    };
    models = createModelService(watched, { intervalMs: 3_600_000, refreshMs: 100, minSupport: 1 });
    await models.get('demo');
    await lateBatch;
    lateBatch = undefined;

    const rebuilding = models.rebuild('demo');
    await ingest(views(50, 'during')); // stored while the scan is on its first page: the scan reads these
    const rebuilt = await rebuilding;
    await lateBatch;
    expect(rebuilt.source).toBe('rebuild');

    const all = createModelBuilder({ minSupport: 1 });
    await storage.scanModelEvents('demo', (chunk) => all.add(chunk));
    const expected = counted(await all.finish(await storage.productCategories('demo')));
    let served = await models.get('demo');
    expect(all.events).toBe(12_000 + 40 + 50 + 40);
    // Wait for the background refresh (a lost late batch would also end here, by timeout).
    while (served.events < all.events) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      served = await models.get('demo');
    }
    expect(served.events).toBe(all.events); // none counted twice
    expect(served.source).toBe('incremental');
    expect(counted(served.payload)).toEqual(expected);
  });

  it('counts a queue longer than one slice over several turns, then publishes it', async () => {
    const storage = createSqliteStorage({ file: ':memory:' });
    await storage.insertEvents('demo', [testEvent({ session: 'x', item: 'sku-0' })]);
    models = createModelService(storage, { intervalMs: 3_600_000, refreshMs: 10, minSupport: 1 });
    await models.get('demo');
    const many = Array.from({ length: 10_000 }, (_, i) => testEvent({ session: `s${i % 500}`, item: `sku-${(i * 7) % 60}` }));
    models.observe('demo', (await storage.insertEvents('demo', many)).fresh);
    let turns = 0;
    let served = await models.get('demo');
    while (served.events < 10_001) {
      await new Promise((resolve) => setImmediate(resolve));
      turns++;
      served = await models.get('demo');
    }
    expect(turns).toBeGreaterThan(2); // not in one go
    const all = createModelBuilder({ minSupport: 1 });
    await storage.scanModelEvents('demo', (chunk) => all.add(chunk));
    expect(counted(served.payload)).toEqual(counted(await all.finish(await storage.productCategories('demo'))));
    await storage.close();
  });
});

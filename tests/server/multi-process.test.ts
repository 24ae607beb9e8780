import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStorage } from '../../packages/server/src/storage/postgres';
import { dropSchema, TEST_POSTGRES_URL } from '../../packages/server/src/testing/storages';
import { testEvent } from '../../packages/server/src/testing/events';
import { createSqliteStorage } from '../../packages/server/src/storage/sqlite';
import { createModelBuilder } from '../../packages/server/src/model/build-model';
import type { AffinityEvent, ModelPayload } from '@affinity/core';
import { spawnServer, type ServerProcess } from './spawn-server';

describe('two server processes on one PostgreSQL', () => {
  const schema = `affinity_mp_${process.pid}_${randomBytes(3).toString('hex')}`;
  let servers: ServerProcess[] = [];
  beforeAll(async () => {
    // Started together on purpose: both race to run the migrations on an empty schema.
    servers = await Promise.all([0, 1].map(() => spawnServer(['--db', TEST_POSTGRES_URL, '--schema', schema, '--sites', 'demo=*'])));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await dropSchema(schema);
  });

  const visitors = ['v-a', 'v-b', 'v-c'];
  const batches: AffinityEvent[][] = Array.from({ length: 12 }, (_, b) =>
    Array.from({ length: 50 }, (_, i) =>
      testEvent({ visitor: visitors[(b + i) % 3]!, session: `s-${(b + i) % 7}`, item: `sku-${(i * 3 + b) % 20}`, type: i % 5 === 0 ? 'add_to_cart' : 'view_item' }),
    ),
  );

  it('stores every event once when both receive the same batches at the same time', async () => {
    const send = (url: string, events: unknown[]) =>
      fetch(`${url}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ site: 'demo', events }) }).then(
        (r) => r.json() as Promise<{ accepted: number; duplicates: number }>,
      );
    const answers = await Promise.all(batches.flatMap((events) => servers.map((s) => send(s.url, events))));
    const accepted = answers.reduce((n, a) => n + a.accepted, 0);
    const duplicates = answers.reduce((n, a) => n + a.duplicates, 0);
    expect(accepted).toBe(600);
    expect(duplicates).toBe(600);

    const storage = await createPostgresStorage({ url: TEST_POSTGRES_URL, schema, max: 1 });
    try {
      expect(await storage.countEvents('demo')).toBe(600);
      for (const v of visitors) expect(await storage.visitorEvents('demo', v)).toHaveLength(200);
    } finally {
      await storage.close();
    }
  });

  it('both processes serve the same model, identical to one built from the same events on SQLite', async () => {
    const models = await Promise.all(servers.map(async (s) => (await (await fetch(`${s.url}/v1/model?site=demo`)).json()) as ModelPayload));
    expect(models[0]!.version).toBe(models[1]!.version);
    expect({ ...models[1]!, generatedAt: 0 }).toEqual({ ...models[0]!, generatedAt: 0 });
    expect(Object.keys(models[0]!.alsoViewed).length).toBeGreaterThan(0);

    const single = createSqliteStorage({ file: ':memory:' });
    try {
      for (const events of batches) await single.insertEvents('demo', events);
      const builder = createModelBuilder();
      await single.scanModelEvents('demo', (chunk) => builder.add(chunk));
      // The learned parts (embeddings, prototypes) come from their own builder; the counted
      // models must match exactly.
      const counted = (m: ModelPayload) => {
        const rest: Record<string, unknown> = { ...m };
        for (const key of ['version', 'generatedAt', 'embeddings', 'shoppers', 'clusters']) delete rest[key];
        return rest;
      };
      expect(counted(await builder.finish(await single.productCategories('demo')))).toEqual(counted(models[0]!));
    } finally {
      await single.close();
    }
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelPayload } from '@affinity/core';
import { STORAGE_KINDS, type TestStorage } from '../testing/storages';
import { startTestServer, type TestServer } from '../testing/http';
import { testEvent } from '../testing/events';

const ADMIN = 'admin-secret-0123456789';

describe.each(STORAGE_KINDS)('GET /v1/model on $name', ({ create }) => {
  let t: TestStorage;
  let server: TestServer;
  beforeEach(async () => {
    t = await create();
    server = await startTestServer({
      storage: t.storage,
      config: { sites: { demo: { origins: ['*'] } }, adminKey: ADMIN, model: { intervalMs: 3_600_000, minSupport: 1 } },
    });
  });
  afterEach(async () => {
    await server.close();
    await t.destroy();
  });

  const sessionViews = (session: string, items: string[]) => items.map((item) => testEvent({ session, item }));

  it('serves what shoppers taught it, in the ModelPayload shape, with ETag and cache headers', async () => {
    await t.storage.upsertProducts('demo', [{ id: 'tent', category: ['Outdoor', 'Tents'] }]);
    await t.storage.insertEvents('demo', [
      ...sessionViews('s1', ['tent', 'stove']),
      ...sessionViews('s2', ['tent', 'stove']),
      testEvent({ session: 's3', type: 'purchase', data: { transaction_id: 'o1', items: [{ item_id: 'tent' }, { item_id: 'mat' }] } }),
    ]);
    const res = await fetch(`${server.url}/v1/model?site=demo`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const model = (await res.json()) as ModelPayload;
    // Learned parts (issue 12: embeddings, shopper prototypes, cluster centroids) come when the data allows.
    expect(Object.keys(model).filter((key) => !['embeddings', 'shoppers', 'clusters'].includes(key)).sort()).toEqual(
      ['version', 'generatedAt', 'halfLifeDays', 'totals', 'alsoViewed', 'boughtTogether', 'cartedTogether', 'next', 'popular', 'trending', 'popularByCategory'].sort(),
    );
    expect(res.headers.get('etag')).toBe(`"${model.version}"`);
    expect(model.totals).toEqual({ sessions: 2, carts: 0, orders: 1 });
    expect(model.alsoViewed.tent).toEqual([['stove', 2, 1, 1]]);
    expect(model.boughtTogether.mat).toEqual([['tent', 1, 1, 1]]);
    expect(model.next.tent).toEqual([['stove', 2]]);
    expect(model.popular[0]![0]).toBe('tent');
    expect(model.popularByCategory.Outdoor).toEqual([['tent', expect.any(Number)]]);

    const again = await fetch(`${server.url}/v1/model?site=demo`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('changes version after new events once rebuilt, and serves per-item slices', async () => {
    await t.storage.insertEvents('demo', sessionViews('s1', ['a', 'b']));
    const first = (await (await fetch(`${server.url}/v1/model?site=demo`)).json()) as ModelPayload;
    await t.storage.insertEvents('demo', sessionViews('s2', ['a', 'c']));
    const rebuild = await fetch(`${server.url}/v1/admin/model/rebuild?site=demo`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` } });
    expect(rebuild.status).toBe(200);
    expect(await rebuild.json()).toMatchObject({ events: 4 });
    const second = await fetch(`${server.url}/v1/model?site=demo`, { headers: { 'if-none-match': `"${first.version}"` } });
    expect(second.status).toBe(200);
    const slice = await (await fetch(`${server.url}/v1/model/items/a?site=demo`)).json();
    expect(slice).toMatchObject({ item: 'a', alsoViewed: [['b', 1, 0.5, 1], ['c', 1, 0.5, 1]], boughtTogether: [] });
    expect(slice.version).not.toBe(first.version);
  });

  it('a rebuild and an ingest running at the same time both succeed', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => testEvent({ session: `s${i % 2000}`, item: `sku-${i % 300}` }));
    for (let i = 0; i < many.length; i += 1000) await t.storage.insertEvents('demo', many.slice(i, i + 1000));
    const rebuilding = fetch(`${server.url}/v1/admin/model/rebuild?site=demo`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` } });
    const ingest = await server.post('/v1/events', { site: 'demo', events: [testEvent()] });
    expect(ingest.status).toBe(202);
    expect((await rebuilding).status).toBe(200);
  });
});

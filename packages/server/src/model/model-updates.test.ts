import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelPayload } from '@affinity/core';
import { STORAGE_KINDS, type TestStorage } from '../testing/storages';
import { startTestServer, type TestServer } from '../testing/http';
import { testEvent } from '../testing/events';

const ADMIN = 'admin-secret-0123456789';

describe.each(STORAGE_KINDS)('model updated as events arrive on $name', ({ create }) => {
  let t: TestStorage;
  let server: TestServer;
  beforeEach(async () => {
    t = await create();
    server = await startTestServer({
      storage: t.storage,
      // No scheduled rebuild during the test: only the incremental path can change the model.
      config: { sites: { demo: { origins: ['*'] } }, adminKey: ADMIN, model: { intervalMs: 3_600_000, refreshMs: 100, minSupport: 1 } },
    });
  });
  afterEach(async () => {
    await server.close();
    await t.destroy();
  });

  const model = async () => (await (await fetch(`${server.url}/v1/model?site=demo`)).json()) as ModelPayload;
  /** Poll until the served model satisfies `done` (the refresh runs in the background). */
  const modelWhen = async (done: (m: ModelPayload) => boolean): Promise<ModelPayload> => {
    for (;;) {
      const m = await model();
      if (done(m)) return m;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const views = (session: string, items: string[]) => items.map((item) => testEvent({ session, item }));
  const rebuild = () => fetch(`${server.url}/v1/admin/model/rebuild?site=demo`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` } });

  it('counts ingested events into the served model without a rebuild, each event once', async () => {
    await server.post('/v1/events', { site: 'demo', events: views('s1', ['tent', 'stove']) });
    const first = await model();
    expect(first.alsoViewed.tent).toEqual([['stove', 1, 1, 1]]);

    const batch = [...views('s2', ['tent', 'stove']), ...views('s3', ['tent', 'mat'])];
    await server.post('/v1/events', { site: 'demo', events: batch });
    // The same batch again (a lost acknowledgement): duplicates must not count.
    const again = await server.post('/v1/events', { site: 'demo', events: batch });
    expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 4 });
    await server.post('/v1/events', { site: 'demo', events: views('s4', ['lamp']) });

    const updated = await modelWhen((m) => m.popular.some(([id]) => id === 'lamp'));
    expect(updated.totals.sessions).toBe(4);
    expect(updated.alsoViewed.tent).toEqual([
      ['stove', 2, 0.6667, 1.333],
      ['mat', 1, 0.3333, 1.333],
    ]);
    const freshness = await (await fetch(`${server.url}/v1/admin/stats?site=demo`, { headers: { authorization: `Bearer ${ADMIN}` } })).json();
    expect(freshness.model).toMatchObject({ source: 'incremental', events: 7 });

    // The reconciliation path agrees with what was counted incrementally.
    expect(await (await rebuild()).json()).toMatchObject({ source: 'rebuild', events: 7 });
    // (Learned parts — embeddings, shopper prototypes — are trained by full rebuilds only.)
    const counted = (m: ModelPayload) => {
      const rest: Record<string, unknown> = { ...m };
      for (const key of ['version', 'generatedAt', 'embeddings', 'shoppers', 'clusters']) delete rest[key];
      return rest;
    };
    expect(counted(await model())).toEqual(counted(updated));
  });

  it('ignores events that teach the model nothing and keeps serving while it updates', async () => {
    await server.post('/v1/events', { site: 'demo', events: views('s1', ['a', 'b']) });
    const before = await model();
    await server.post('/v1/events', { site: 'demo', events: [testEvent({ type: 'search', data: { search_term: 'tent' } }), testEvent({ type: 'page_view', data: {} })] });
    await server.post('/v1/events', { site: 'demo', events: views('s2', ['a', 'c']) });
    const after = await modelWhen((m) => m.version !== before.version);
    expect(after.alsoViewed.a).toEqual([
      ['b', 1, 0.5, 1],
      ['c', 1, 0.5, 1],
    ]);
    expect(after.totals).toEqual({ sessions: 2, carts: 0, orders: 0 });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStorage } from '../storage/sqlite';
import { startTestServer, type TestServer } from '../testing/http';
import { testEvent } from '../testing/events';

const ADMIN = 'admin-secret-0123456789';

describe('GET /v1/admin/stats', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ storage: createSqliteStorage({ file: ':memory:' }), config: { sites: { demo: { origins: ['*'] } }, adminKey: ADMIN } });
  });
  afterEach(async () => {
    await server.close();
    await server.app.context.storage.close();
  });

  it('reports events by type and channel, people, products and model freshness to the admin only', async () => {
    const admin = { authorization: `Bearer ${ADMIN}` };
    await server.post('/v1/events', { site: 'demo', events: [testEvent({ ts: 5000 }), testEvent({ visitor: 'v2', type: 'add_to_cart', ts: 6000 })] });
    await server.post('/v1/events', { site: 'demo', events: [testEvent({ visitor: 'till-7', channel: 'pos', type: 'purchase', ts: 7000 })] }, { headers: admin });
    expect((await fetch(`${server.url}/v1/admin/stats?site=demo`)).status).toBe(401);

    const before = await (await fetch(`${server.url}/v1/admin/stats?site=demo`, { headers: admin })).json();
    expect(before).toEqual({
      events: 3,
      eventsByType: { view_item: 1, add_to_cart: 1, purchase: 1 },
      eventsByChannel: { web: 2, pos: 1 },
      visitors: 3,
      customers: 0,
      products: 0,
      profiles: 0,
      lastEventAt: 7000,
      funnel: { viewers: 1, carters: 1, checkouts: 0, buyers: 1 },
      rfmSegments: {},
      promotions: null,
      model: null,
    });
    await fetch(`${server.url}/v1/model?site=demo`);
    const after = await (await fetch(`${server.url}/v1/admin/stats?site=demo`, { headers: admin })).json();
    expect(after.model).toMatchObject({ events: 3, version: expect.any(String), builtAt: expect.any(Number) });
  });

  it('counts synced profiles per RFM segment, folding anything odd into "other"', async () => {
    const storage = server.app.context.storage;
    await storage.putProfile('demo', 'v:a', { rfm: { recency: 5, frequency: 5, monetary: 5, segment: 'champion' } });
    await storage.putProfile('demo', 'v:b', { rfm: { recency: 5, frequency: 5, monetary: 4, segment: 'champion' } });
    await storage.putProfile('demo', 'v:c', { affinity: {} });
    await storage.putProfile('demo', 'v:d', { rfm: { segment: '<b>boss</b>' } });
    await storage.putProfile('other', 'v:e', { rfm: { segment: 'lost' } });
    const stats = await (await fetch(`${server.url}/v1/admin/stats?site=demo`, { headers: { authorization: `Bearer ${ADMIN}` } })).json();
    expect(stats.rfmSegments).toEqual({ champion: 2, none: 1, other: 1 });
  });
});

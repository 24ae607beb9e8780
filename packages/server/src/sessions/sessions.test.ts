import { describe, expect, it } from 'vitest';
import { fromSessionIndexPayload, predictNext, type AffinityEvent, type SessionIndexPayload } from '@affinity/core';
import { STORAGE_KINDS } from '../testing/storages';
import { serverPerTest } from '../testing/http';
import { testEvent } from '../testing/events';
import { createSessionsService } from './sessions-service';

const ADMIN = 'admin-secret-0123456789';
const T0 = 1_750_000_000_000;

/** One session's item views, a minute apart from `start`. */
const views = (session: string, items: string[], start = T0): AffinityEvent[] =>
  items.map((item, i) => testEvent({ session, item, ts: start + i * 60_000 }));

/** The payload's sessions as item-id lists, oldest first. */
const sessionsOf = (p: SessionIndexPayload) => p.sessions.map((s) => s.map((n) => p.items[n]));

describe.each(STORAGE_KINDS)('GET /v1/sessions on $name', ({ create }) => {
  const ctx = serverPerTest(create, {
    config: { sites: { demo: { origins: ['*'] }, other: { origins: ['*'] } }, adminKey: ADMIN, model: { intervalMs: 3_600_000 } },
  });

  it('ships the stored sessions, and predictNext over them suggests what those shoppers did next', async () => {
    await ctx.t.storage.insertEvents('demo', [
      ...views('s1', ['tent', 'stove', 'mat'], T0),
      ...views('s2', ['tent', 'stove', 'lamp'], T0 + 3_600_000),
      ...views('s3', ['shoe', 'sock'], T0 + 7_200_000),
      testEvent({ session: 's4', item: 'alone', ts: T0 }),
      testEvent({ session: 's3', type: 'purchase', ts: T0 + 7_300_000, data: { transaction_id: 'o1', items: [{ item_id: 'shoe' }, { item_id: 'hat' }] } }),
    ]);
    await ctx.t.storage.insertEvents('other', views('x1', ['kettle', 'teapot']));

    const res = await fetch(`${ctx.server.url}/v1/sessions?site=demo`);
    expect(res.status).toBe(200);
    const payload = (await res.json()) as SessionIndexPayload;
    // Single-step sessions say nothing about "next"; purchases list an order, not a click; other sites stay apart.
    expect(sessionsOf(payload)).toEqual([
      ['tent', 'stove', 'mat'],
      ['tent', 'stove', 'lamp'],
      ['shoe', 'sock'],
    ]);
    // Rounded to the hour (the payload is public), in the order the sessions really ended.
    expect(payload.ends).toEqual([T0 + 120_000, T0 + 3_720_000, T0 + 7_260_000].map((e) => Math.floor(e / 3_600_000) * 3_600_000));

    const index = fromSessionIndexPayload(payload);
    // predictNext may return the session's own items (shoppers go back); what is new comes from neighbours.
    const afterStove = predictNext(index, ['tent', 'stove']).map(([id]) => id).filter((id) => id !== 'tent' && id !== 'stove');
    expect(afterStove.slice(0, 2).sort()).toEqual(['lamp', 'mat']);
    expect(afterStove).not.toContain('sock');
    expect(predictNext(index, ['shoe']).find(([id]) => id !== 'shoe')?.[0]).toBe('sock');
  });

  it('answers 304 for the same ETag, and changes once rebuilt with new sessions', async () => {
    await ctx.t.storage.insertEvents('demo', views('s1', ['a', 'b']));
    const first = await fetch(`${ctx.server.url}/v1/sessions?site=demo`, { headers: { 'accept-encoding': 'gzip' } });
    expect(first.status).toBe(200);
    // A few bytes of JSON are not worth compressing (large indexes are: http/etag.test.ts).
    expect(first.headers.get('content-encoding')).toBeNull();
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect(sessionsOf((await first.json()) as SessionIndexPayload)).toEqual([['a', 'b']]);

    const same = await fetch(`${ctx.server.url}/v1/sessions?site=demo`, { headers: { 'if-none-match': etag } });
    expect(same.status).toBe(304);

    await ctx.t.storage.insertEvents('demo', views('s2', ['b', 'c'], T0 + 600_000));
    // Until the rebuild, the cached index is served (a request never waits for one).
    expect((await fetch(`${ctx.server.url}/v1/sessions?site=demo`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const rebuild = await fetch(`${ctx.server.url}/v1/admin/sessions/rebuild?site=demo`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` } });
    expect(rebuild.status).toBe(200);
    expect(await rebuild.json()).toMatchObject({ sessions: 2, items: 3 });
    const changed = await fetch(`${ctx.server.url}/v1/sessions?site=demo`, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(sessionsOf((await changed.json()) as SessionIndexPayload)).toEqual([['a', 'b'], ['b', 'c']]);
  });

  it('validates the site like every endpoint, and keeps rebuilds for admins', async () => {
    const missing = await fetch(`${ctx.server.url}/v1/sessions`);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ field: 'site' });
    expect((await fetch(`${ctx.server.url}/v1/sessions?site=nope`)).status).toBe(403);
    expect((await fetch(`${ctx.server.url}/v1/admin/sessions/rebuild?site=demo`, { method: 'POST' })).status).toBe(401);
  });

  it('keeps only the most recent sessions when there are more than maxSessions', async () => {
    await ctx.t.storage.insertEvents('demo', [
      ...views('old', ['a', 'b'], T0),
      ...views('mid', ['c', 'd'], T0 + 86_400_000),
      ...views('new', ['e', 'f'], T0 + 2 * 86_400_000),
    ]);
    const service = createSessionsService(ctx.t.storage, { intervalMs: 3_600_000, maxSessions: 2 });
    try {
      const built = await service.get('demo');
      expect(sessionsOf(JSON.parse(built.json) as SessionIndexPayload)).toEqual([['c', 'd'], ['e', 'f']]);
      expect(built).toMatchObject({ sessions: 2, items: 4 });
    } finally {
      service.close();
    }
  });
});

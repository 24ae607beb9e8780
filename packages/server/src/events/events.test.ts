import { describe, expect, it } from 'vitest';
import { STORAGE_KINDS } from '../testing/storages';
import { serverPerTest } from '../testing/http';
import { testEvent } from '../testing/events';

const ADMIN = 'admin-secret-0123456789';

describe.each(STORAGE_KINDS)('POST /v1/events on $name', ({ create }) => {
  const ctx = serverPerTest(create, {
    config: {
      sites: { demo: { origins: ['https://shop.example'] }, dev: { origins: ['*'] } },
      adminKey: ADMIN,
      maxBodyBytes: 64 * 1024,
    },
  });

  it('stores valid events and answers 202 with counts', async () => {
    const events = [testEvent(), testEvent({ type: 'add_to_cart' })];
    const res = await ctx.server.post('/v1/events', { site: 'demo', events });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    expect(await ctx.t.storage.visitorEvents('demo', 'visitor-1')).toHaveLength(2);
  });

  it('accepts text/plain bodies, as sendBeacon sends them', async () => {
    const res = await ctx.server.post('/v1/events', JSON.stringify({ site: 'demo', events: [testEvent()] }), {
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
    });
    expect(res.status).toBe(202);
    expect(await ctx.t.storage.countEvents('demo')).toBe(1);
  });

  it('reports a re-sent batch as duplicates and stores nothing twice', async () => {
    const events = [testEvent(), testEvent()];
    await ctx.server.post('/v1/events', { site: 'demo', events });
    const again = await ctx.server.post('/v1/events', { site: 'demo', events });
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 2, rejected: [] });
    expect(await ctx.t.storage.countEvents('demo')).toBe(2);
  });

  it('rejects invalid events one by one, naming the field, and keeps the valid ones', async () => {
    const good = testEvent();
    const events = [
      { ...testEvent(), id: 'not-a-ulid' },
      good,
      { ...testEvent(), type: 'teleport' },
      { ...testEvent(), data: { items: [{ price: 3 }] } },
      { ...testEvent(), ts: 'yesterday' },
      'not an object',
    ];
    const res = await ctx.server.post('/v1/events', { site: 'demo', events });
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((r: { index: number; field: string }) => [r.index, r.field])).toEqual([
      [0, 'id'],
      [2, 'type'],
      [3, 'data.items.0.item_id'],
      [4, 'ts'],
      [5, '(body)'],
    ]);
    expect(body.rejected[0].error).toMatch(/^id: .*ULID/);
    expect((await ctx.t.storage.visitorEvents('demo', 'visitor-1')).map((e) => e.id)).toEqual([good.id]);
  });

  it('answers 400 naming the field when the envelope is wrong', async () => {
    const noSite = await ctx.server.post('/v1/events', { events: [] });
    expect(noSite.status).toBe(400);
    expect(await noSite.json()).toMatchObject({ field: 'site' });
    const notArray = await ctx.server.post('/v1/events', { site: 'demo', events: {} });
    expect(await notArray.json()).toMatchObject({ field: 'events' });
    const broken = await ctx.server.post('/v1/events', '{"site": "demo", "events": [');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: expect.stringMatching(/not valid JSON/) });
  });

  it('refuses other content types with 415', async () => {
    const res = await ctx.server.post('/v1/events', 'site=demo', { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(415);
  });

  it('refuses bodies over the limit with 413 and stores nothing', async () => {
    const big = { site: 'demo', events: [testEvent({ data: { items: [{ item_id: 'x' }], blob: 'x'.repeat(70 * 1024) } })] };
    const res = await ctx.server.post('/v1/events', big);
    expect(res.status).toBe(413);
    expect(await ctx.t.storage.countEvents('demo')).toBe(0);
  });

  it('refuses unknown sites with 403', async () => {
    const res = await ctx.server.post('/v1/events', { site: 'nope', events: [testEvent()] });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ field: 'site' });
  });

  it('allows listed origins with CORS headers and refuses others', async () => {
    const ok = await ctx.server.post('/v1/events', { site: 'demo', events: [testEvent()] }, { headers: { origin: 'https://shop.example' } });
    expect(ok.status).toBe(202);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const foreign = await ctx.server.post('/v1/events', { site: 'demo', events: [testEvent()] }, { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBe('https://evil.example'); // "*" on dev lets it read the error
    expect(await foreign.json()).toMatchObject({ field: 'origin' });
    const anywhere = await ctx.server.post('/v1/events', { site: 'dev', events: [testEvent()] }, { headers: { origin: 'http://localhost:5173' } });
    expect(anywhere.status).toBe(202);
    expect(await ctx.t.storage.countEvents('demo')).toBe(1);
  });

  it('answers CORS preflight', async () => {
    const res = await fetch(`${ctx.server.url}/v1/events`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/content-type/i);
  });

  it('accepts other channels only with the server-to-server key', async () => {
    const pos = testEvent({ channel: 'pos', type: 'purchase' });
    const anonymous = await ctx.server.post('/v1/events', { site: 'demo', events: [pos] });
    expect(await anonymous.json()).toMatchObject({ accepted: 0, rejected: [{ index: 0, field: 'channel' }] });
    const wrongKey = await ctx.server.post('/v1/events', { site: 'demo', events: [pos] }, { headers: { authorization: 'Bearer guess' } });
    expect(await wrongKey.json()).toMatchObject({ accepted: 0 });
    const trusted = await ctx.server.post('/v1/events', { site: 'demo', events: [pos] }, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(await trusted.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect((await ctx.t.storage.visitorEvents('demo', 'visitor-1'))[0]?.channel).toBe('pos');
  });
});

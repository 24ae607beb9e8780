import { describe, expect, it } from 'vitest';
import { STORAGE_KINDS } from '../testing/storages';
import { serverPerTest } from '../testing/http';
import { testEvent } from '../testing/events';

describe.each(STORAGE_KINDS)('DELETE /v1/visitors/:id on $name', ({ create }) => {
  const ctx = serverPerTest(create, { config: { sites: { demo: { origins: ['https://shop.example'] } } } });

  it('erases the visitor and leaves other visitors alone', async () => {
    await ctx.t.storage.insertEvents('demo', [testEvent(), testEvent(), testEvent({ visitor: 'someone-else' })]);
    const res = await fetch(`${ctx.server.url}/v1/visitors/visitor-1?site=demo`, { method: 'DELETE', headers: { origin: 'https://shop.example' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ erased: { events: 2 } });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(await ctx.t.storage.visitorEvents('demo', 'visitor-1')).toEqual([]);
    expect(await ctx.t.storage.visitorEvents('demo', 'someone-else')).toHaveLength(1);
  });

  it('requires a known site', async () => {
    const missing = await fetch(`${ctx.server.url}/v1/visitors/visitor-1`, { method: 'DELETE' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ field: 'site' });
    const unknown = await fetch(`${ctx.server.url}/v1/visitors/visitor-1?site=other`, { method: 'DELETE' });
    expect(unknown.status).toBe(403);
  });
});

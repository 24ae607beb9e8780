import { describe, expect, it } from 'vitest';
import { STORAGE_KINDS } from '../testing/storages';
import { serverPerTest } from '../testing/http';

const ADMIN = 'admin-secret-0123456789';
const admin = { authorization: `Bearer ${ADMIN}` };

describe.each(STORAGE_KINDS)('catalog endpoints on $name', ({ create }) => {
  const ctx = serverPerTest(create, { config: { sites: { demo: { origins: ['*'] } }, adminKey: ADMIN } });

  const importCsv = (csv: string, headers: Record<string, string> = admin) =>
    ctx.server.post('/v1/admin/catalog?site=demo', csv, { headers: { 'content-type': 'text/csv', ...headers } });

  it('imports CSV through the admin endpoint and serves it paged, filtered, with ETag and 304', async () => {
    const res = await importCsv('id,title,price,category\na,Trail shoe,90,Shoes > Running\nb,Boot,120,Shoes > Boots\nc,Cap,15,Accessories\nd,Bad,-1,Shoes');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ imported: 3, rejected: [{ index: 3, field: 'price', error: expect.stringMatching(/^price: /) }] });

    const page = await fetch(`${ctx.server.url}/v1/catalog?site=demo&limit=2`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toContain('max-age');
    const body = await page.json();
    expect(body).toMatchObject({ total: 3, offset: 0, limit: 2 });
    expect(body.items.map((p: { id: string }) => p.id)).toEqual(['a', 'b']);

    const etag = page.headers.get('etag')!;
    const again = await fetch(`${ctx.server.url}/v1/catalog?site=demo&limit=2`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);

    await ctx.server.post('/v1/admin/catalog?site=demo', [{ id: 'a', price: 80 }], { headers: admin });
    const changed = await fetch(`${ctx.server.url}/v1/catalog?site=demo&limit=2`, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect((await changed.json()).items[0]).toEqual({ id: 'a', title: 'Trail shoe', price: 80, category: ['Shoes', 'Running'] });

    const shoes = await (await fetch(`${ctx.server.url}/v1/catalog?site=demo&category=Boots`)).json();
    expect(shoes.items.map((p: { id: string }) => p.id)).toEqual(['b']);
  });

  it('needs the admin key to import', async () => {
    expect((await importCsv('id\na', {})).status).toBe(401);
    expect((await importCsv('id\na', { authorization: 'Bearer wrong-key-wrong-key' })).status).toBe(401);
    expect((await fetch(`${ctx.server.url}/v1/catalog?site=demo`).then((r) => r.json())).total).toBe(0);
  });

  it('answers 400 for bad paging and a missing site', async () => {
    expect((await fetch(`${ctx.server.url}/v1/catalog?site=demo&limit=9999`)).status).toBe(400);
    expect(await (await fetch(`${ctx.server.url}/v1/catalog?site=demo&offset=-1`)).json()).toMatchObject({ field: 'offset' });
    expect(await (await fetch(`${ctx.server.url}/v1/catalog`)).json()).toMatchObject({ field: 'site' });
  });
});

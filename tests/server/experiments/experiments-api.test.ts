import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AffinityEvent, EventData, EventType } from '@affinity/core';
import { startTestServer, type TestServer } from '../../../packages/server/src/testing/http';
import { testId } from '../../../packages/server/src/testing/events';
import { STORAGE_KINDS, type TestStorage } from '../../../packages/server/src/testing/storages';

const ADMIN = 'admin-secret-0123456789';
const admin = { authorization: `Bearer ${ADMIN}` };
const now = Date.now();
let tick = 0;
const ev = (visitor: string, type: EventType, data: EventData): AffinityEvent => {
  const ts = now - 3_600_000 + ++tick * 1000;
  return { id: testId(ts), type, ts, visitor, session: `s-${visitor}`, channel: 'web', data };
};

/** 20 control and 20 treatment visitors; treatment clicks and buys more. */
function traffic(): AffinityEvent[] {
  const events: AffinityEvent[] = [];
  for (let i = 0; i < 40; i++) {
    const variant = i % 2 ? 'personalized' : 'control';
    const v = `${variant}-${i}`;
    const tag = { experiment_id: 'holdout', variant };
    events.push(ev(v, 'experiment_exposure', tag));
    events.push(ev(v, 'view_item_list', { ...tag, item_list_id: 'home', items: [{ item_id: `p${i % 5}`, item_category: 'A' }, { item_id: `p${(i % 5) + 5}`, item_category: 'B' }] }));
    events.push(ev(v, 'view_item', { items: [{ item_id: `p${i % 5}`, item_name: `Product ${i % 5}` }] }));
    if (variant === 'personalized' || i % 4 === 0) events.push(ev(v, 'select_item', { ...tag, items: [{ item_id: `p${i % 5}` }] }));
    if (variant === 'personalized' && i % 3 === 0) {
      events.push(ev(v, 'add_to_cart', { items: [{ item_id: `p${i % 5}` }] }));
      events.push(ev(v, 'purchase', { value: 50, transaction_id: `o${i}`, items: [{ item_id: `p${i % 5}` }] }));
    }
  }
  return events;
}

describe.each(STORAGE_KINDS)('experiments API on $name', (kind) => {
  let db: TestStorage;
  let server: TestServer;
  beforeAll(async () => {
    db = await kind.create();
    server = await startTestServer({ storage: db.storage, config: { sites: { demo: { origins: ['*'] } }, adminKey: ADMIN } });
    const accepted = await server.post('/v1/events', { site: 'demo', events: traffic() });
    expect(accepted.status).toBe(202);
  });
  afterAll(async () => {
    await server.close();
    await db.destroy();
  });

  const put = (body: unknown, headers: Record<string, string> = admin) =>
    fetch(`${server.url}/v1/admin/experiments?site=demo`, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const get = (path: string, headers: Record<string, string> = admin) => fetch(server.url + path, { headers });

  it('keeps admin endpoints behind the admin key', async () => {
    expect((await get('/v1/admin/experiments/holdout?site=demo', {})).status).toBe(401);
    expect((await get('/v1/admin/experiments/holdout?site=demo', { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await put({ id: 'holdout' }, {})).status).toBe(401);
    expect((await get('/v1/admin/charts/funnel?site=demo', {})).status).toBe(401);
  });

  it('stores definitions, serves them to browsers and refuses bad ones with a reason', async () => {
    const bad = await put({ id: 'x', variants: [{ name: 'a', weight: 1 }] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/experiments\[0\]: .*2–10 variants/);
    const ok = await put([{ id: 'holdout', variants: [{ name: 'personalized', weight: 1 }, { name: 'control', weight: 1 }], fallback: 'popular', extra: 'dropped' }]);
    expect(await ok.json()).toEqual({ stored: ['holdout'] });
    const pub = await (await get('/v1/experiments?site=demo', {})).json();
    expect(pub.experiments).toEqual([{ id: 'holdout', variants: [{ name: 'personalized', weight: 1 }, { name: 'control', weight: 1 }], fallback: 'popular' }]);
    const list = await (await get('/v1/admin/experiments?site=demo')).json();
    expect(list.seen).toEqual(['holdout']);
  });

  it('reports per-arm metrics and uplift with intervals', async () => {
    const res = await get('/v1/admin/experiments/holdout?site=demo&seed=5');
    expect(res.status).toBe(200);
    const report = await res.json();
    const arm = (name: string) => report.variants.find((v: { variant: string }) => v.variant === name);
    // Control: 20 visitors, 40 impressions, clicks at i % 4 === 0 → 10. Treatment: 20 clicks; buyers at odd i divisible by 3 → 7.
    expect(arm('control')).toMatchObject({ visitors: 20, impressions: 40, clicks: 10, ctr: 0.25, purchasers: 0, revenuePerVisitor: 0, diversity: 1 });
    expect(arm('personalized')).toMatchObject({ visitors: 20, impressions: 40, clicks: 20, ctr: 0.5, carters: 7, purchasers: 7, revenue: 350, averageOrderValue: 50 });
    const u = report.uplift[0];
    expect(u.ctr.diff).toBeCloseTo(0.25, 12);
    expect(u.ctr.low).toBeGreaterThan(0);
    expect(u.conversionRate.diff).toBeCloseTo(0.35, 12);
    expect(u.revenuePerVisitor.welch.diff).toBeCloseTo(17.5, 12);
    expect(report.srm.mismatch).toBe(false);
    expect(report.defined).toBe(true);
  });

  it('answers 400 for bad parameters', async () => {
    expect((await get('/v1/admin/experiments/holdout?site=demo&rounds=5')).status).toBe(400);
    expect((await get('/v1/admin/experiments/holdout')).status).toBe(400);
  });

  it('summarises the site for the dashboard', async () => {
    const overview = await (await get('/v1/admin/overview?site=demo&days=7&top=3')).json();
    expect(overview.funnel).toEqual({ viewers: 40, carters: 7, buyers: 7 });
    expect(overview.topItems).toHaveLength(3);
    expect(overview.topItems[0]).toMatchObject({ views: 8, name: expect.stringMatching(/^Product /) });
    const total = overview.days.reduce((s: number, d: { counts: Record<string, number> }) => s + (d.counts.view_item ?? 0), 0);
    expect(total).toBe(40);
  });

  it('draws the dashboard charts as SVG and serves the page without any key', async () => {
    const page = await get('/admin/', {});
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).not.toContain(ADMIN);
    expect(html).toContain('src="/admin/app.js"');
    const js = await (await get('/admin/app.js', {})).text();
    expect(js).toContain("authorization: 'Bearer '");
    expect(js).not.toMatch(/innerHTML/);
    for (const name of ['events', 'funnel', 'top-items']) {
      const res = await get(`/v1/admin/charts/${name}?site=demo`);
      expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(await res.text()).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    }
    const uplift = await (await get('/v1/admin/charts/uplift?site=demo&experiment=holdout')).text();
    expect(uplift).toContain('personalized vs control');
    expect((await get('/v1/admin/charts/nope?site=demo')).status).toBe(404);
  });

  it('deletes a definition', async () => {
    expect((await fetch(`${server.url}/v1/admin/experiments/holdout?site=demo`, { method: 'DELETE', headers: admin })).status).toBe(200);
    expect((await fetch(`${server.url}/v1/admin/experiments/holdout?site=demo`, { method: 'DELETE', headers: admin })).status).toBe(404);
  });
});

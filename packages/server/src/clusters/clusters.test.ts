import { describe, expect, it } from 'vitest';
import { assignCluster, isClusterModel } from '../../../core/src/clusters/assign';
import { buildProfile } from '../../../core/src/profile/build-profile';
import { T0, ev, item } from '../../../core/src/profile/test-support';
import type { Profile } from '../../../core/src/profile/types';
import { STORAGE_KINDS } from '../testing/storages';
import { serverPerTest } from '../testing/http';

const ADMIN = 'admin-secret-0123456789';
const DAY = 86_400_000;

/** Two kinds of shopper: big repeat buyers of Home items, and browsers of Garden items who never buy. */
function profileOf(kind: 'buyer' | 'browser', i: number): Profile {
  const visitor = `shopper-${kind}-${i}`;
  const now = T0 + 30 * DAY;
  const events =
    kind === 'buyer'
      ? [0, 10, 20].map((d, n) =>
          ev('purchase', T0 + d * DAY + i, { transaction_id: `${visitor}-${n}`, value: 600, items: [item(`sofa${n}`, 'Sofa', ['Home', 'Living'], 600)] }, `${visitor}-s${n}`, visitor),
        )
      : [0, 1, 2, 3, 4, 5].map((n) => ev('view_item', now - n * 60_000, { items: [item(`hose${n}`, 'Hose', ['Garden'], 15)] }, `${visitor}-s`, visitor));
  return buildProfile(events, { now: () => now });
}

describe.each(STORAGE_KINDS)('cluster endpoints on $name', ({ create }) => {
  const ctx = serverPerTest(create, { config: { sites: { demo: { origins: ['*'] } }, adminKey: ADMIN } });

  const sync = async (visitor: string, profile: unknown) => {
    const issued = await fetch(`${ctx.server.url}/v1/profiles/${visitor}/token?site=demo`, { method: 'POST' });
    const { token } = (await issued.json()) as { token: string };
    const put = await fetch(`${ctx.server.url}/v1/profiles/${visitor}?site=demo`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(profile),
    });
    expect(put.status).toBe(204);
  };
  const admin = { authorization: `Bearer ${ADMIN}` };
  const syncAll = async () => {
    const profiles = [...Array.from({ length: 8 }, (_, i) => profileOf('buyer', i)), ...Array.from({ length: 6 }, (_, i) => profileOf('browser', i))];
    for (const p of profiles) await sync(p.visitor!, p);
    return profiles;
  };

  it('publishes centroids and labels only: no visitor ids, no sizes', async () => {
    const profiles = await syncAll();
    const res = await fetch(`${ctx.server.url}/v1/clusters?site=demo`);
    expect(res.status).toBe(200);
    const text = await res.text();
    for (const p of profiles) expect(text).not.toContain(p.visitor!);
    expect(text).not.toContain('shopper-');
    const model: unknown = JSON.parse(text);
    expect(isClusterModel(model)).toBe(true);
    expect(Object.keys(model as object).sort()).toEqual(['builtAt', 'categories', 'clusters', 'v']);
    for (const c of (model as { clusters: object[] }).clusters) expect(Object.keys(c).sort()).toEqual(['centroid', 'id', 'label']);
    const again = await fetch(`${ctx.server.url}/v1/clusters?site=demo`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('separates buyers from browsers, and the browser assigns each shopper to its own group', async () => {
    const profiles = await syncAll();
    const view = (await (await fetch(`${ctx.server.url}/v1/admin/clusters?site=demo`, { headers: admin })).json()) as {
      k: number;
      profiles: number;
      clusters: Array<{ id: number; label: string; size: number }>;
    };
    expect(view.profiles).toBe(14);
    expect(view.k).toBe(2);
    expect(view.clusters.map((c) => c.size)).toEqual([8, 6]);
    expect(view.clusters[0]!.label).toMatch(/^high spend, .*Home/);
    expect(view.clusters[1]!.label).toMatch(/^no purchases, Garden/);
    const model = await (await fetch(`${ctx.server.url}/v1/clusters?site=demo`)).json();
    const now = T0 + 30 * DAY;
    expect(assignCluster(profiles[0]!, model, now)?.id).toBe(0);
    expect(assignCluster(profiles[13]!, model, now)?.id).toBe(1);
  });

  it('lets the merchant set k, checks it, and keeps admin views behind the admin key', async () => {
    await syncAll();
    const rebuilt = await fetch(`${ctx.server.url}/v1/admin/clusters/rebuild?site=demo&k=3`, { method: 'POST', headers: admin });
    expect(rebuilt.status).toBe(200);
    expect(await rebuilt.json()).toMatchObject({ k: 3, chosenBy: 'merchant' });
    expect(((await (await fetch(`${ctx.server.url}/v1/clusters?site=demo`)).json()) as { clusters: unknown[] }).clusters).toHaveLength(3);
    const bad = await fetch(`${ctx.server.url}/v1/admin/clusters/rebuild?site=demo&k=two`, { method: 'POST', headers: admin });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('k must be a whole number from 1 to 20');
    expect((await fetch(`${ctx.server.url}/v1/admin/clusters?site=demo`)).status).toBe(401);
    const auto = await fetch(`${ctx.server.url}/v1/admin/clusters/rebuild?site=demo&k=auto`, { method: 'POST', headers: admin });
    expect(await auto.json()).toMatchObject({ k: 2, chosenBy: 'silhouette' });
  });

  it('draws the dashboard chart: every cluster in words with its size, behind the admin key', async () => {
    const empty = await fetch(`${ctx.server.url}/v1/admin/charts/clusters?site=demo`, { headers: admin });
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain('No clusters yet: Only 0 synced profiles');
    await syncAll();
    await fetch(`${ctx.server.url}/v1/admin/clusters/rebuild?site=demo`, { method: 'POST', headers: admin });
    const res = await fetch(`${ctx.server.url}/v1/admin/charts/clusters?site=demo`, { headers: admin });
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    const svg = await res.text();
    expect(svg).toMatch(/0\. high spend, [^<]*Home/);
    expect(svg).toContain('8 shoppers · 57%');
    expect(svg).toContain('6 shoppers · 43%');
    expect((await fetch(`${ctx.server.url}/v1/admin/charts/clusters?site=demo`)).status).toBe(401);
  });

  it('publishes the centroids in the model payload, so the page assigns its shopper without another request', async () => {
    const profiles = await syncAll();
    // Clustering never holds a model back: the model carries the centroids once they are built.
    expect((await fetch(`${ctx.server.url}/v1/clusters?site=demo`)).status).toBe(200);
    const model = (await (await fetch(`${ctx.server.url}/v1/model?site=demo`)).json()) as { clusters?: unknown };
    expect(isClusterModel(model.clusters)).toBe(true);
    expect(assignCluster(profiles[13]!, model.clusters as never, T0 + 30 * DAY)?.label).toMatch(/^no purchases, Garden/);
  });

  it('answers 404 with the reason while too few profiles are synced', async () => {
    await sync('only-one', profileOf('buyer', 0));
    const res = await fetch(`${ctx.server.url}/v1/clusters?site=demo`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Only 1 synced profiles; clustering needs at least 10');
  });
});

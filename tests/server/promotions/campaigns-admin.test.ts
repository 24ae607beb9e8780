import { spawn } from 'node:child_process';
import { writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCli } from '../../../packages/server/src/cli-args';
import { setupPromotions } from '../../../packages/server/src/promotions/promotions';
import { ENGINES, HOUR, startPromoServer, T0, type PromoServer } from './support';

const welcome = { id: 'welcome', kind: 'welcome', title: 'Welcome', discount: { type: 'percent', value: 10 } };

describe.each(ENGINES)('campaign administration on %s', (engine) => {
  let s: PromoServer;
  beforeAll(async () => {
    s = await startPromoServer(engine, { campaigns: [welcome, { ...welcome, id: 'gone', endsAt: T0 - HOUR }] });
  });
  afterAll(async () => s?.destroy());

  const put = (path: string, body: unknown, secret = true) =>
    fetch(`${s.server.url}${path}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...(secret ? { authorization: 'Bearer test-admin-key-0123456789' } : {}) }, body: JSON.stringify(body) });

  it('publishes running campaigns without server-only settings, and hides ended ones', async () => {
    const r = await s.get('/v1/campaigns?site=demo');
    const body = (await r.json()) as { campaigns: Record<string, unknown>[]; serverTime: number };
    expect(body.serverTime).toBe(T0);
    expect(body.campaigns.map((c) => c.id)).toEqual(['welcome']);
    expect(body.campaigns[0]).not.toHaveProperty('couponHours');
  });

  it('upserts valid definitions, refuses invalid ones with every problem listed and stores none of them', async () => {
    const bad = await put('/v1/admin/campaigns?site=demo', [{ ...welcome, id: 'ok2' }, { ...welcome, id: 'bad', discount: { type: 'tiers', tiers: [] } }]);
    expect(bad.status).toBe(400);
    const error = (await bad.json()) as { issues: { path: string }[]; error: string };
    expect(error.issues[0]!.path).toMatch(/^\[1\]\.discount/);
    const after = (await (await s.get('/v1/admin/campaigns?site=demo', true)).json()) as { campaigns: { id: string }[] };
    expect(after.campaigns.map((c) => c.id)).not.toContain('ok2');

    const good = await put('/v1/admin/campaigns?site=demo', { ...welcome, id: 'summer', kind: 'percentage', discount: { type: 'percent', value: 5 } });
    expect(await good.json()).toMatchObject({ saved: ['summer'] });
    const sale = await put('/v1/admin/flash-sales?site=demo', { id: 'f', title: 'F', item: 'i', price: 5, startsAt: T0, endsAt: T0 + HOUR, stock: 10 });
    expect(sale.status).toBe(200);
    await s.post('/v1/coupons/claim', { site: 'demo', visitor: 'v', campaign: 'summer' });
    const listed = (await (await s.get('/v1/admin/campaigns?site=demo', true)).json()) as { campaigns: { id: string; counts: { issued: number } }[]; flashSales: { id: string; remaining: number }[] };
    expect(listed.campaigns.find((c) => c.id === 'summer')!.counts).toMatchObject({ issued: 1, today: 1 });
    expect(listed.flashSales).toMatchObject([{ id: 'f', remaining: 10 }]);
  });

  it('deletes definitions, and keeps admin endpoints behind the secret key', async () => {
    expect((await put('/v1/admin/campaigns?site=demo', welcome, false)).status).toBe(401);
    expect((await s.get('/v1/admin/campaigns?site=demo')).status).toBe(401);
    const del = await fetch(`${s.server.url}/v1/admin/campaigns/summer?site=demo`, { method: 'DELETE', headers: { authorization: 'Bearer test-admin-key-0123456789' } });
    expect(del.status).toBe(200);
    const again = await fetch(`${s.server.url}/v1/admin/campaigns/summer?site=demo`, { method: 'DELETE', headers: { authorization: 'Bearer test-admin-key-0123456789' } });
    expect(again.status).toBe(404);
    expect(await (await s.post('/v1/coupons/claim', { site: 'demo', visitor: 'v2', campaign: 'summer' })).json()).toMatchObject({ reason: 'unknown_campaign' });
  });

  it('keeps one generated signing secret in the database, so codes survive restarts and every process agrees', async () => {
    const again = await setupPromotions(s.storage.storage);
    expect(again.secret).toBe(s.promotions.secret);
    expect(again.secret.length).toBeGreaterThanOrEqual(32);
    const other = await s.storage.reopen();
    expect((await setupPromotions(other)).secret).toBe(s.promotions.secret);
  });
});

describe('promotions on the command line', () => {
  const file = join(tmpdir(), `affinity-bad-campaigns-${process.pid}.json`);
  afterAll(() => rm(file, { force: true }));

  it('reads --campaigns and the coupon secret from the flag or AFFINITY_COUPON_SECRET', () => {
    expect(parseCli(['--campaigns', 'promo.json', '--coupon-secret', 's'.repeat(32)])).toMatchObject({ campaigns: 'promo.json', couponSecret: 's'.repeat(32) });
    expect(parseCli([], { AFFINITY_COUPON_SECRET: 'e'.repeat(40) }).couponSecret).toBe('e'.repeat(40));
  });

  it('refuses to start on an invalid campaigns file, naming the wrong fields', async () => {
    await writeFile(file, JSON.stringify({ demo: { campaigns: [{ id: 'x', kind: 'fixed', title: 'X', discount: { type: 'amount', value: -5 } }] } }));
    const cli = fileURLToPath(new URL('../../../packages/server/src/cli.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--db', ':memory:', '--campaigns', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('--campaigns');
    expect(output).toContain('demo.campaigns[0].discount.value');
  });
});

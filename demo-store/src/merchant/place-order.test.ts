// @vitest-environment node
// The demo shop's checkout against the real Affinity app (SQLite): the shop prices the order
// itself, redeems the coupon server-to-server and credits points, once per order id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPromoServer, type PromoServer } from '../../../tests/server/promotions/support';
import { startMerchantFront } from './front';

const WELCOME = { id: 'welcome10', kind: 'welcome', title: 'Welcome! 10% off', discount: { type: 'percent', value: 10, max: 15 }, caps: { perVisitor: 1 }, priority: 35 };
const PRICES = new Map([['mug', 12.5], ['tray', 20]]);

let affinity: PromoServer;
let front: Awaited<ReturnType<typeof startMerchantFront>>;
let adminKey: string;
beforeAll(async () => {
  affinity = await startPromoServer('sqlite', { campaigns: [WELCOME], flashSales: [] });
  adminKey = 'test-admin-key-0123456789';
  front = await startMerchantFront({ upstream: affinity.server.url, site: 'demo', adminKey, priceOf: (id) => PRICES.get(id) });
});
afterAll(async () => {
  await front?.close();
  await affinity?.destroy();
});

const order = (body: unknown) => fetch(`${front.url}/shop/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const claim = async (visitor: string) => {
  const r = await affinity.post('/v1/coupons/claim', { site: 'demo', visitor, campaign: 'welcome10' });
  expect(r.status).toBe(201);
  return ((await r.json()) as { code: string }).code;
};

describe('the demo shop’s checkout', () => {
  it('redeems the shopper’s coupon, takes it off its own prices and credits points, once per order', async () => {
    const code = await claim('visitor-ada');
    // A page claiming other prices changes nothing: the shop prices the lines itself.
    const body = { id: 'T-1', visitor: 'visitor-ada', customer: 'cust-ada', lines: [{ id: 'mug', quantity: 2, price: 0.01 }], coupon: code };
    const first = await order(body);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({
      id: 'T-1', subtotal: 25, shipping: 3.95, discount: 2.5, total: 26.45,
      coupon: { code, valid: true },
      points: { earned: 22, balance: 22 },
    });
    // The page retries (a flaky network): same discount, no second credit.
    const replay = (await (await order(body)).json()) as { discount: number; points: { earned: number; balance: number } };
    expect(replay.discount).toBe(2.5);
    expect(replay.points).toEqual({ earned: 0, balance: 22 });
    const balance = (await (await affinity.get('/v1/points/cust-ada?site=demo', true)).json()) as { balance: number };
    expect(balance.balance).toBe(22);
  });

  it('charges full price and says why when Affinity refuses the code (already used on another order)', async () => {
    const code = await claim('visitor-bob');
    expect((await order({ id: 'T-2', visitor: 'visitor-bob', lines: [{ id: 'tray', quantity: 1 }], coupon: code })).status).toBe(200);
    const second = (await (await order({ id: 'T-3', visitor: 'visitor-bob', lines: [{ id: 'tray', quantity: 2 }], coupon: code })).json()) as Record<string, unknown>;
    expect(second).toMatchObject({ subtotal: 40, discount: 0, total: 40, coupon: { code, valid: false } });
    expect(String((second.coupon as { error: string }).error)).not.toBe('');
    // No customer: no points.
    expect(second.points).toBeUndefined();
  });

  it('refuses a malformed order, naming the field, and an order of nothing it sells', async () => {
    const bad = await order({ id: 'T-4', visitor: 'v', lines: [{ id: 'mug', quantity: 0 }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^lines\[0\]\.quantity/);
    const gone = await order({ id: 'T-5', visitor: 'v', lines: [{ id: 'discontinued', quantity: 1 }] });
    expect(gone.status).toBe(422);
  });

  it('passes every other request through to Affinity (one origin for pages, API and dashboard)', async () => {
    const r = await fetch(`${front.url}/v1/health`);
    expect(r.ok).toBe(true);
  });
});

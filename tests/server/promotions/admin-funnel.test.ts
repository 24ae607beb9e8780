import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEvent } from '../../../packages/server/src/testing/events';
import { ADMIN_KEY, ENGINES, startPromoServer, type PromoServer } from './support';

const DEFS = {
  campaigns: [{ id: 'welcome', kind: 'welcome', title: '10% off your first order', discount: { type: 'percent', value: 10 } }],
  flashSales: [],
};

describe.each(ENGINES)('admin funnel with coupons and points on %s', (engine) => {
  let s: PromoServer;
  beforeAll(async () => {
    s = await startPromoServer(engine, DEFS);
  });
  afterAll(async () => s?.destroy());

  const stats = async () => (await (await s.get('/v1/admin/stats?site=demo', true)).json()) as Record<string, any>;

  it('counts browse → cart → coupon claim → purchase → redemption → points, and draws them', async () => {
    const shoppers = ['v1', 'v2', 'v3'];
    await s.post('/v1/events', { site: 'demo', events: shoppers.map((visitor) => testEvent({ visitor })) });
    await s.post('/v1/events', { site: 'demo', events: ['v1', 'v2'].map((visitor) => testEvent({ visitor, type: 'add_to_cart' })) });
    const claimed = await s.post('/v1/coupons/claim', { site: 'demo', visitor: 'v1', campaign: 'welcome' });
    const { code } = (await claimed.json()) as { code: string };
    await s.post('/v1/events', { site: 'demo', events: [testEvent({ visitor: 'v1', type: 'purchase', data: { transaction_id: 'o-1', items: [{ item_id: 'sku-1' }] } })] });
    const redeemed = await s.admin('/v1/coupons/redeem', { site: 'demo', code, visitor: 'v1', order: { id: 'o-1', subtotal: 50 } }, { 'idempotency-key': 'o-1' });
    expect(await redeemed.json()).toMatchObject({ valid: true });
    await s.admin('/v1/points/earn', { site: 'demo', customer: 'cust-1', order: { id: 'o-1', value: 45 } });

    const body = await stats();
    expect(body.funnel).toEqual({ viewers: 3, carters: 2, checkouts: 0, buyers: 1 });
    expect(body.promotions).toEqual({ couponsClaimed: 1, couponHolders: 1, couponsRedeemed: 1, pointsAwarded: 45, pointsSpent: 0, pointsCustomers: 1 });

    const chart = await fetch(`${s.server.url}/v1/admin/insights/funnel?site=demo`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(chart.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = await chart.text();
    for (const step of ['Browsed items', 'Added to cart', 'Claimed a coupon', 'Purchased', 'Redeemed a coupon', 'Earned points', '45 points awarded']) expect(svg).toContain(step);
    expect((await fetch(`${s.server.url}/v1/admin/insights/funnel?site=demo`)).status).toBe(401);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startPromoServer, type PromoServer } from './support';

const DEFS = {
  campaigns: [
    { id: 'ten-off', kind: 'points_exchange', title: '10 off for 500 points', discount: { type: 'amount', value: 10 }, pointsCost: 500, caps: { perVisitor: 10 } },
    { id: 'big', kind: 'points_exchange', title: 'Free shipping for 800 points', discount: { type: 'free_shipping' }, pointsCost: 800 },
    { id: 'welcome', kind: 'welcome', title: 'Welcome', discount: { type: 'percent', value: 10 } },
  ],
  flashSales: [],
};

describe.each(ENGINES)('points on %s', (engine) => {
  let s: PromoServer;
  beforeAll(async () => {
    s = await startPromoServer(engine, DEFS);
  });
  afterAll(async () => s?.destroy());

  const earn = (customer: string, id: string, value: number) => s.admin('/v1/points/earn', { site: 'demo', customer, order: { id, value } });
  const exchange = (customer: string, campaign = 'ten-off') => s.admin('/v1/points/exchange', { site: 'demo', customer, campaign });
  const ledger = async (customer: string) =>
    (await (await s.get(`/v1/points/${customer}?site=demo`, true)).json()) as { balance: number; movements: { delta: number; balance: number; reason: string; ref: string }[] };

  it('earns once per order, spends on a coupon bound to the customer, and records every movement', async () => {
    expect(await (await earn('c-1', 'o-1', 420.9)).json()).toMatchObject({ earned: 420, balance: 420 });
    expect(await (await earn('c-1', 'o-1', 420.9)).json()).toMatchObject({ duplicate: true, earned: 0, balance: 420 });
    expect(await (await earn('c-1', 'o-2', 130)).json()).toMatchObject({ balance: 550 });

    const swap = await exchange('c-1');
    expect(swap.status).toBe(201);
    const coupon = (await swap.json()) as { code: string; spent: number; balance: number };
    expect(coupon).toMatchObject({ spent: 500, balance: 50 });

    const refused = await exchange('c-1');
    expect(refused.status).toBe(200);
    expect(await refused.json()).toMatchObject({ existing: true, code: coupon.code, balance: 50 });

    const redeem = await s.admin('/v1/coupons/redeem', { site: 'demo', code: coupon.code, customer: 'c-1', order: { id: 'o-3', subtotal: 40 } }, { 'idempotency-key': 'o-3' });
    expect(await redeem.json()).toMatchObject({ valid: true, discount: 10 });

    const poor = await exchange('c-1');
    expect(poor.status).toBe(409);
    expect(await poor.json()).toMatchObject({ reason: 'insufficient_points', balance: 50 });

    const { balance, movements } = await ledger('c-1');
    expect(balance).toBe(50);
    expect(movements.map((m) => [m.delta, m.balance, m.reason])).toEqual([
      [-500, 50, 'exchange'],
      [130, 550, 'purchase'],
      [420, 420, 'purchase'],
    ]);
  });

  it('never goes below zero when exchanges race for the same balance', async () => {
    await earn('c-race', 'o-r', 1200);
    // 1,200 points cover either exchange but not both: exactly one may win, whichever comes first.
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => exchange('c-race', i % 2 ? 'big' : 'ten-off')));
    const won = answers.filter((a) => a.status === 201);
    expect(won).toHaveLength(1);
    const { balance, movements } = await ledger('c-race');
    expect([400, 700]).toContain(balance);
    expect(movements.reduce((sum, m) => sum + m.delta, 0)).toBe(balance);
    expect(movements.every((m) => m.balance >= 0)).toBe(true);
  });

  it('adjusts balances for refunds once per reference, never below zero', async () => {
    await earn('c-refund', 'o-1', 300);
    const adjust = (delta: number, ref: string) => s.admin('/v1/points/adjust', { site: 'demo', customer: 'c-refund', delta, reason: 'refund', ref });
    expect(await (await adjust(-200, 'o-1')).json()).toMatchObject({ balance: 100, duplicate: false });
    expect(await (await adjust(-200, 'o-1')).json()).toMatchObject({ balance: 100, duplicate: true });
    const tooMuch = await adjust(-150, 'o-1-bis');
    expect(tooMuch.status).toBe(409);
    expect(await tooMuch.json()).toMatchObject({ reason: 'insufficient_points', balance: 100 });
    const spoofed = await s.admin('/v1/points/adjust', { site: 'demo', customer: 'c-refund', delta: 5, reason: 'purchase', ref: 'x' });
    expect(spoofed.status).toBe(400);
    expect((await ledger('c-refund')).movements.map((m) => [m.delta, m.reason])).toEqual([
      [-200, 'refund'],
      [300, 'purchase'],
    ]);
  });

  it('refuses campaigns that are not points exchanges, unknown campaigns and calls without the secret key', async () => {
    await earn('c-2', 'o-9', 1000);
    expect(await (await exchange('c-2', 'welcome')).json()).toMatchObject({ reason: 'not_points_exchange' });
    expect(await (await exchange('c-2', 'nope')).json()).toMatchObject({ reason: 'unknown_campaign' });
    expect((await s.post('/v1/points/earn', { site: 'demo', customer: 'c-2', order: { id: 'x', value: 1e6 } })).status).toBe(401);
    expect((await s.get('/v1/points/c-2?site=demo')).status).toBe(401);
    expect((await ledger('c-2')).balance).toBe(1000);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEvent } from '../../../packages/server/src/testing/events';
import { ENGINES, HOUR, startPromoServer, T0, type PromoServer } from './support';

const CAMPAIGNS = {
  campaigns: [
    { id: 'welcome10', kind: 'welcome', title: '10% off your first order', discount: { type: 'percent', value: 10 }, couponHours: 48 },
    { id: 'spend', kind: 'threshold', title: 'Spend 100 save 10, 200 save 30', discount: { type: 'tiers', tiers: [{ min: 100, off: 10 }, { min: 200, off: 30 }] } },
    { id: 'five', kind: 'fixed', title: '5 off shoes', discount: { type: 'amount', value: 5 }, target: { categories: ['Shoes'] }, caps: { total: 2, perVisitor: 1 } },
    { id: 'capped', kind: 'fixed', title: '3 off', discount: { type: 'amount', value: 3 }, caps: { total: 2, perVisitor: 1 } },
    { id: 'rush', kind: 'fixed', title: '7 off, first 10 only', discount: { type: 'amount', value: 7 }, caps: { total: 10, perVisitor: 1 } },
    { id: 'daily', kind: 'percentage', title: '15% today', discount: { type: 'percent', value: 15 }, caps: { perVisitor: 5, perDay: 1 } },
    { id: 'app', kind: 'free_shipping', title: 'Free shipping in the app', discount: { type: 'free_shipping' }, target: { channels: ['app'] } },
    { id: 'later', kind: 'percentage', title: 'Next week', discount: { type: 'percent', value: 20 }, startsAt: T0 + 7 * 24 * HOUR },
  ],
  flashSales: [],
};

describe.each(ENGINES)('coupons on %s', (engine) => {
  let s: PromoServer;
  let keys = 0;
  beforeAll(async () => {
    s = await startPromoServer(engine, CAMPAIGNS);
  });
  afterAll(async () => s?.destroy());

  const claim = (campaign: string, visitor: string, channel?: string) => s.post('/v1/coupons/claim', { site: 'demo', visitor, campaign, channel });
  const codeFor = async (campaign: string, visitor: string, channel?: string) => {
    const r = await claim(campaign, visitor, channel);
    expect(r.status).toBe(201);
    return ((await r.json()) as { code: string }).code;
  };
  const redeem = (body: Record<string, unknown>, key = `key-${++keys}`) =>
    s.admin('/v1/coupons/redeem', { site: 'demo', ...body }, { 'idempotency-key': key }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
  const order = (id: string, subtotal: number, extra: Record<string, unknown> = {}) => ({ id, subtotal, ...extra });

  it('issues a signed code bound to the visitor, hands the same one back on a repeat claim, and redeems it once', async () => {
    const first = await claim('welcome10', 'v-happy');
    expect(first.status).toBe(201);
    const issued = (await first.json()) as { code: string; expiresAt: number; serverTime: number; discount: unknown };
    expect(issued.code).toMatch(/^welcome10\./);
    expect(issued.serverTime).toBe(T0);
    expect(issued.expiresAt).toBe(T0 + 48 * HOUR);
    const again = await claim('welcome10', 'v-happy');
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ code: issued.code, existing: true });

    const ok = await redeem({ code: issued.code, visitor: 'v-happy', order: order('o-1', 80) });
    expect(ok).toMatchObject({ status: 200, body: { valid: true, discount: 8, campaign: 'welcome10' } });
  });

  it('rejects a forged signature', async () => {
    const code = await codeFor('spend', 'v-forge');
    const last = code.at(-1) === 'A' ? 'B' : 'A';
    const r = await redeem({ code: code.slice(0, -1) + last, visitor: 'v-forge', order: order('o-2', 150) });
    expect(r).toMatchObject({ status: 422, body: { valid: false, reason: 'invalid_signature' } });
  });

  it('rejects a code whose expiry was edited to last longer', async () => {
    const code = await codeFor('spend', 'v-edit');
    const [campaign, nonce, expiry, sig] = code.split('.');
    const later = (parseInt(expiry!, 36) + 365 * 24 * HOUR).toString(36);
    const r = await redeem({ code: [campaign, nonce, later, sig].join('.'), visitor: 'v-edit', order: order('o-3', 50) });
    expect(r.body).toMatchObject({ valid: false, reason: 'invalid_signature' });
  });

  it('rejects an edited amount: the cart may not apply more than the code grants', async () => {
    const code = await codeFor('spend', 'v-amount');
    const r = await redeem({ code, visitor: 'v-amount', order: order('o-4', 150), discount: 30 });
    expect(r.body).toMatchObject({ valid: false, reason: 'amount_mismatch' });
    const fair = await redeem({ code, visitor: 'v-amount', order: order('o-4', 150), discount: 10 });
    expect(fair.body).toMatchObject({ valid: true, discount: 10 });
  });

  it('rejects an expired code', async () => {
    const code = await codeFor('spend', 'v-late');
    s.clock.now = T0 + 73 * HOUR;
    try {
      const r = await redeem({ code, visitor: 'v-late', order: order('o-5', 250) });
      expect(r.body).toMatchObject({ valid: false, reason: 'expired' });
    } finally {
      s.clock.now = T0;
    }
  });

  it("rejects another visitor's code", async () => {
    const code = await codeFor('spend', 'v-owner');
    const r = await redeem({ code, visitor: 'v-thief', order: order('o-6', 250) });
    expect(r.body).toMatchObject({ valid: false, reason: 'wrong_visitor' });
  });

  it('rejects a double redemption, and replays the first answer for a retried idempotency key', async () => {
    const code = await codeFor('spend', 'v-twice');
    const first = await redeem({ code, visitor: 'v-twice', order: order('o-7', 250) }, 'order-o-7');
    expect(first.body).toMatchObject({ valid: true, discount: 30 });
    const retry = await redeem({ code, visitor: 'v-twice', order: order('o-7', 250) }, 'order-o-7');
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ valid: true, discount: 30, redeemedAt: first.body.redeemedAt, replayed: true });
    const second = await redeem({ code, visitor: 'v-twice', order: order('o-8', 250) }, 'order-o-8');
    expect(second.body).toMatchObject({ valid: false, reason: 'already_redeemed' });
    const reused = await redeem({ code, visitor: 'v-twice', order: order('o-9', 999) }, 'order-o-7');
    expect(reused).toMatchObject({ status: 409, body: { reason: 'idempotency_key_reused' } });
  });

  it('answers concurrent redemptions of one code with exactly one success', async () => {
    const code = await codeFor('spend', 'v-race');
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => redeem({ code, visitor: 'v-race', order: order(`race-${i}`, 250) })));
    expect(answers.filter((a) => a.body.valid === true)).toHaveLength(1);
    expect(answers.filter((a) => a.body.reason === 'already_redeemed')).toHaveLength(11);
  });

  it('checks order conditions against the real order at redemption', async () => {
    const spend = await codeFor('spend', 'v-small');
    expect((await redeem({ code: spend, visitor: 'v-small', order: order('o-10', 60) })).body).toMatchObject({ reason: 'below_minimum' });
    const shoes = await codeFor('five', 'v-shoes');
    const hat = [{ item_id: 'hat', item_category: 'Accessories', price: 30 }];
    expect((await redeem({ code: shoes, visitor: 'v-shoes', order: order('o-11', 30, { items: hat }) })).body).toMatchObject({ reason: 'conditions_not_met' });
    const shoe = [{ item_id: 'trail', item_category: 'Shoes', item_category2: 'Running', price: 90 }];
    expect((await redeem({ code: shoes, visitor: 'v-shoes', order: order('o-12', 90, { items: shoe }) })).body).toMatchObject({ valid: true, discount: 5 });
    const app = await codeFor('app', 'v-app', 'app');
    expect((await redeem({ code: app, visitor: 'v-app', order: order('o-13', 40, { shipping: 6 }) })).body).toMatchObject({ reason: 'wrong_channel' });
    expect((await redeem({ code: app, visitor: 'v-app', order: order('o-14', 40, { shipping: 6, channel: 'app' }) })).body).toMatchObject({ valid: true, discount: 6, freeShipping: true });
  });

  it('rejects malformed and never-issued codes', async () => {
    expect((await redeem({ code: 'SAVE50', visitor: 'v', order: order('o-15', 10) })).body).toMatchObject({ reason: 'malformed_code' });
    expect((await redeem({ code: 'spend.AAAAAAAAAAAA.mx8c1s00.AAAAAAAAAAAAAAAAAAAAAA', visitor: 'v', order: order('o-16', 10) })).body).toMatchObject({ reason: 'unknown_code' });
  });

  it('enforces total, per-visitor and per-day caps', async () => {
    expect((await claim('capped', 'cap-a')).status).toBe(201);
    expect((await claim('capped', 'cap-b')).status).toBe(201);
    expect(await (await claim('capped', 'cap-c')).json()).toMatchObject({ reason: 'total_cap' });

    const once = await codeFor('welcome10', 'v-once');
    expect((await redeem({ code: once, visitor: 'v-once', order: order('o-once', 20) })).body).toMatchObject({ valid: true });
    expect(await (await claim('welcome10', 'v-once')).json()).toMatchObject({ reason: 'per_visitor_cap' });

    const first = await codeFor('daily', 'day-a');
    expect(first).toBeTruthy();
    expect(await (await claim('daily', 'day-b')).json()).toMatchObject({ reason: 'daily_cap' });
    s.clock.now = T0 + 24 * HOUR;
    try {
      expect((await claim('daily', 'day-b')).status).toBe(201);
    } finally {
      s.clock.now = T0;
    }
  });

  it('issues exactly the total cap when many shoppers claim at once', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => claim('rush', `rush-${i % 30}`)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(10);
    const counts = await s.promotions.store.campaignCounts('demo', 'rush', '2026-11-27');
    expect(counts.issued).toBe(10);
  });

  it('checks what the server can verify at claim time: schedule, channel, and first orders for welcome offers', async () => {
    expect(await (await claim('later', 'v-early')).json()).toMatchObject({ reason: 'not_started' });
    expect(await (await claim('app', 'v-web', 'web')).json()).toMatchObject({ reason: 'wrong_channel' });
    await s.storage.storage.insertEvents('demo', [testEvent({ type: 'purchase', visitor: 'v-buyer', data: { transaction_id: 't-1', value: 40 } })]);
    const refused = await claim('welcome10', 'v-buyer');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ reason: 'not_new_customer' });
    expect(await (await claim('nope', 'v')).json()).toMatchObject({ reason: 'unknown_campaign' });
  });

  it("voids a forgotten visitor's codes and unlinks their holds, while caps still count them", async () => {
    const code = await codeFor('spend', 'v-forget');
    expect(await s.promotions.store.eraseVisitor('demo', 'v-forget')).toEqual({ coupons: 1, reservations: 0 });
    expect((await redeem({ code, visitor: 'v-forget', order: order('o-f', 250) })).body).toMatchObject({ valid: false, reason: 'unknown_code' });
    const counts = await s.promotions.store.campaignCounts('demo', 'spend', '2026-11-27');
    expect(counts.issued).toBeGreaterThan(0);
  });

  it('only lets the merchant server redeem', async () => {
    const r = await s.post('/v1/coupons/redeem', { site: 'demo', code: 'x', visitor: 'v', order: order('o', 1) });
    expect(r.status).toBe(401);
    const noKey = await s.admin('/v1/coupons/redeem', { site: 'demo', code: 'x', visitor: 'v', order: order('o', 1) });
    expect(noKey.status).toBe(400);
    expect(await noKey.json()).toMatchObject({ field: 'idempotency-key' });
  });
});

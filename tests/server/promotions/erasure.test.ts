import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startPromoServer, type PromoServer } from './support';

const DEFINITIONS = {
  campaigns: [{ id: 'welcome10', kind: 'welcome', title: '10% off your first order', discount: { type: 'percent', value: 10 } }],
  flashSales: [],
};

describe.each(ENGINES)('forget() erases promotion claims on %s', (engine) => {
  let s: PromoServer;
  beforeAll(async () => {
    s = await startPromoServer(engine, DEFINITIONS);
  });
  afterAll(async () => s?.destroy());

  it('DELETE /v1/visitors/:id voids the visitor’s codes and leaves other visitors’ alone', async () => {
    const mine = (await (await s.post('/v1/coupons/claim', { site: 'demo', visitor: 'v-forget', campaign: 'welcome10' })).json()) as { code: string };
    const theirs = (await (await s.post('/v1/coupons/claim', { site: 'demo', visitor: 'v-keep', campaign: 'welcome10' })).json()) as { code: string };

    const res = await fetch(`${s.server.url}/v1/visitors/v-forget?site=demo`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { erased: { coupons: number } }).erased.coupons).toBe(1);

    const redeem = (code: string, visitor: string, key: string) =>
      s.admin('/v1/coupons/redeem', { site: 'demo', code, visitor, order: { id: key, subtotal: 50 } }, { 'idempotency-key': key });
    const erased = await redeem(mine.code, 'v-forget', 'k-1');
    expect(erased.status).not.toBe(200);
    expect(((await erased.json()) as { valid: boolean }).valid).toBe(false);
    const kept = await redeem(theirs.code, 'v-keep', 'k-2');
    expect(kept.status).toBe(200);
    expect(((await kept.json()) as { valid: boolean }).valid).toBe(true);
  });
});

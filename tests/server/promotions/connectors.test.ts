import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atom } from 'nanostores';
import { connectCoupons } from '../../../packages/core/src/promotions/connect-coupons';
import { connectFlashSale } from '../../../packages/core/src/promotions/connect-flash-sale';
import { buildProfile } from '../../../packages/core/src/profile/build-profile';
import { memoryKeyValue } from '../../../packages/core/src/storage/key-value';
import { startPromoServer, T0, type PromoServer } from './support';

const MIN = 60_000;
const DEFS = {
  campaigns: [
    { id: 'welcome', kind: 'welcome', title: '10% off your first order', discount: { type: 'percent', value: 10 } },
    { id: 'loyal', kind: 'fixed', title: '20 off for champions', discount: { type: 'amount', value: 20 }, target: { rfm: ['champion'] } },
  ],
  flashSales: [{ id: 'drop', title: 'Tent drop', item: 'tent', price: 99, startsAt: T0 + 5 * MIN, endsAt: T0 + 65 * MIN, stock: 1 }],
};

describe('core connectors against the real server', () => {
  let s: PromoServer;
  beforeAll(async () => {
    s = await startPromoServer('sqlite', DEFS);
  });
  afterAll(async () => s?.destroy());

  it.each([
    ['fast', 10 * MIN],
    ['slow', -10 * MIN],
  ])('runs a flash sale by server time on a device clock 10 minutes %s', async (_, skew) => {
    s.clock.now = T0;
    await s.promotions.store.putFlashSales('demo', [{ ...DEFS.flashSales[0]!, id: `drop${skew}`, holdMinutes: 15, perVisitor: 1 }]);
    const device = () => s.clock.now + skew;
    const alice = connectFlashSale({ id: `drop${skew}`, endpoint: s.server.url, site: 'demo', source: { visitorId: 'alice' }, now: device });
    await alice.refresh();
    expect(alice.$state.get()).toMatchObject({ status: 'upcoming', countdownMs: 5 * MIN, remaining: 1, skewMs: -skew });
    expect(await alice.claim()).toBe(false);
    expect(alice.$state.get().error).toBe('not_started');

    s.clock.now = T0 + 5 * MIN;
    await alice.refresh();
    expect(alice.$state.get()).toMatchObject({ status: 'live', countdownMs: 60 * MIN });
    expect(await alice.claim()).toBe(true);
    expect(alice.$state.get()).toMatchObject({ status: 'claimed', countdownMs: 15 * MIN, remaining: 0 });

    const bob = connectFlashSale({ id: `drop${skew}`, endpoint: s.server.url, site: 'demo', source: { visitorId: 'bob' }, now: device });
    expect(await bob.claim()).toBe(false);
    await bob.refresh();
    expect(bob.$state.get()).toMatchObject({ status: 'sold_out', error: 'sold_out' });
  });

  it('shows a new visitor the welcome offer, claims a code the merchant server then redeems', async () => {
    s.clock.now = T0;
    const source = { visitorId: 'newbie', state: memoryKeyValue() };
    const profile = { $profile: atom(buildProfile([], { now: () => T0 })), $segments: atom<string[]>([]) };
    const coupons = connectCoupons({ source, profile, endpoint: s.server.url, site: 'demo', now: () => T0 });
    const stop = coupons.$state.listen(() => {});
    await coupons.refresh();
    expect(coupons.$state.get().offers.map((o) => o.campaign.id)).toEqual(['welcome']);
    const coupon = await coupons.claim('welcome');
    expect(coupon?.code).toMatch(/^welcome\./);
    expect(coupons.$state.get().offers[0]!.claimed?.code).toBe(coupon!.code);
    stop();

    const redeem = await s.admin('/v1/coupons/redeem', { site: 'demo', code: coupon!.code, visitor: 'newbie', order: { id: 'o-1', subtotal: 50 } }, { 'idempotency-key': 'o-1' });
    expect(await redeem.json()).toMatchObject({ valid: true, discount: 5 });
  });
});

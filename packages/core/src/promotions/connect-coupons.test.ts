import { atom } from 'nanostores';
import { describe, expect, it } from 'vitest';
import { buildProfile } from '../profile/build-profile';
import { DAY, ev, item, T0 } from '../profile/test-support';
import type { AffinityEvent } from '../types';
import { connectCoupons, type CouponsOptions } from './connect-coupons';
import { fakeProfile, fakeServer, fakeSource, settle } from './test-support';
import type { Campaign } from './types';

const base = { caps: { perVisitor: 1 }, priority: 0 } as const;
const CAMPAIGNS: Campaign[] = [
  { ...base, id: 'welcome', kind: 'welcome', title: '10% off your first order', discount: { type: 'percent', value: 10 } },
  { ...base, id: 'winback', kind: 'fixed', title: 'We miss you: 15 off', discount: { type: 'amount', value: 15 }, target: { rfm: ['at_risk', 'cant_lose', 'hibernating'] }, priority: 5 },
  { ...base, id: 'bargain', kind: 'percentage', title: 'Extra 20% on deals', discount: { type: 'percent', value: 20 }, target: { priceSensitivity: ['high'] } },
  { ...base, id: 'vip', kind: 'free_shipping', title: 'Free shipping for VIPs', discount: { type: 'free_shipping' }, target: { segments: ['vip'] } },
  { ...base, id: 'bigcart', kind: 'threshold', title: 'Spend 100 save 10', discount: { type: 'tiers', tiers: [{ min: 100, off: 10 }] }, target: { cartValue: { min: 60 } } },
  { ...base, id: 'xmas', kind: 'percentage', title: 'Holiday 15%', discount: { type: 'percent', value: 15 }, target: { dates: [{ from: '12-20', to: '01-02' }] } },
  { ...base, id: 'points', kind: 'points_exchange', title: '5 off for 500 points', discount: { type: 'amount', value: 5 }, pointsCost: 500 },
];

const tent = item('tent', 'Tent', ['Outdoor', 'Camping'], 150);

function atRiskEvents(): AffinityEvent[] {
  const out: AffinityEvent[] = [];
  for (let i = 0; i < 5; i++) {
    const t = T0 - (200 + i * 30) * DAY;
    out.push(ev('view_item', t, { items: [tent] }, `s${i}`), ev('purchase', t + 1000, { transaction_id: `t${i}`, value: 150, items: [tent] }, `s${i}`));
  }
  return out;
}

function priceSensitiveEvents(): AffinityEvent[] {
  const out: AffinityEvent[] = [];
  for (let i = 0; i < 12; i++) {
    const t = T0 - (10 - i * 0.5) * DAY;
    const cheap = item(`a${i}`, 'Lamp', ['Home', 'Lamps'], 10, { discount: 3 });
    out.push(ev('view_item_list', t, { items: [cheap, item(`b${i}`, 'Lamp', ['Home', 'Lamps'], 100)] }, `p${i % 3}`));
    out.push(ev('view_item', t + 1000, { items: [cheap] }, `p${i % 3}`), ev('add_to_cart', t + 2000, { items: [cheap] }, `p${i % 3}`));
  }
  return out;
}

function setup(events: AffinityEvent[], extra: Partial<CouponsOptions> = {}, campaigns = CAMPAIGNS, serverNow = T0) {
  const server = fakeServer(
    () => serverNow,
    (url, body) => {
      if (url.pathname === '/v1/campaigns') return { status: 200, body: { campaigns, flashSales: [] } };
      if (url.pathname === '/v1/coupons/claim') {
        const c = campaigns.find((x) => x.id === body!.campaign)!;
        return { status: 201, body: { code: `${c.id}.nonce${body!.visitor}.abc.sig`, campaign: c.id, title: c.title, discount: c.discount, expiresAt: T0 + 3 * DAY } };
      }
      return undefined;
    },
  );
  const source = fakeSource();
  const options: CouponsOptions = { source, profile: fakeProfile(buildProfile(events, { now: () => T0 })), endpoint: 'https://api.test', site: 'demo', fetch: server.fetch, now: () => T0, limit: 10, ...extra };
  return { server, source, options, coupons: connectCoupons(options) };
}

async function offersOf(c: ReturnType<typeof connectCoupons>) {
  const stop = c.$state.listen(() => {});
  await settle();
  await settle();
  const ids = c.$state.get().offers.map((o) => o.campaign.id);
  stop();
  return ids;
}

describe('connectCoupons targeting personas', () => {
  it('shows a new visitor the welcome offer only', async () => {
    expect(await offersOf(setup([]).coupons)).toEqual(['welcome']);
  });

  it('shows an at-risk customer the win-back offer, not the welcome or bargain offers', async () => {
    expect(await offersOf(setup(atRiskEvents()).coupons)).toEqual(['winback']);
  });

  it('shows a price-sensitive shopper who never bought the bargain and welcome offers, nothing for other personas', async () => {
    expect(await offersOf(setup(priceSensitiveEvents()).coupons)).toEqual(['welcome', 'bargain']);
  });

  it('follows merchant segments, the cart and date windows as they change', async () => {
    const $cart = atom({ value: 20, items: [tent] });
    const christmasEve = Date.UTC(2026, 11, 24);
    const { options } = setup(atRiskEvents(), { cart: $cart, now: () => christmasEve }, CAMPAIGNS, christmasEve);
    const profile = { ...options.profile, $segments: atom(['vip']) };
    const coupons = connectCoupons({ ...options, profile });
    const stop = coupons.$state.listen(() => {});
    await settle();
    expect(coupons.$state.get().offers.map((o) => o.campaign.id)).toEqual(['winback', 'vip', 'xmas']);
    $cart.set({ value: 80, items: [tent] });
    expect(coupons.$state.get().offers.map((o) => o.campaign.id)).toContain('bigcart');
    stop();
  });

  it('judges date windows by the server clock, not a wrong device clock', async () => {
    // The device thinks it is Christmas Eve; the server says 5 January: no holiday offer.
    const { coupons } = setup([], { now: () => Date.UTC(2026, 11, 24) });
    expect(await offersOf(coupons)).toEqual(['welcome']);
  });
});

describe('connectCoupons claiming and caps', () => {
  it('claims through the server, shows the code on the offer and remembers it for the next page', async () => {
    const { coupons, options, server } = setup([]);
    const stop = coupons.$state.listen(() => {});
    await settle();
    const coupon = await coupons.claim('welcome');
    expect(coupon?.code).toBe('welcome.noncev-1.abc.sig');
    expect(server.calls.at(-1)).toMatchObject({ url: '/v1/coupons/claim', body: { site: 'demo', visitor: 'v-1', campaign: 'welcome', channel: 'web' } });
    expect(coupons.$state.get().offers[0]).toMatchObject({ campaign: { id: 'welcome' }, claimed: { code: coupon!.code } });
    stop();

    const nextPage = connectCoupons(options);
    const stop2 = nextPage.$state.listen(() => {});
    await settle();
    await settle();
    expect(nextPage.$state.get().claimed.map((c) => c.code)).toEqual([coupon!.code]);
    stop2();
  });

  it('stops showing an offer once its display cap is spent across pages', async () => {
    const capped: Campaign[] = [{ ...CAMPAIGNS[0]!, display: { views: 2, hours: 24 } }];
    const { options } = setup([], {}, capped);
    for (let page = 0; page < 2; page++) {
      const c = connectCoupons(options);
      expect(await offersOf(c)).toEqual(['welcome']);
      c.seen('welcome');
      c.seen('welcome');
      await settle();
    }
    expect(await offersOf(connectCoupons(options))).toEqual([]);
  });

  it('makes no network call while consent is denied, fetches once it is granted, and never throws when the server is down', async () => {
    const { options, server, source } = setup([]);
    source.$consent.set('denied');
    const quiet = connectCoupons(options);
    const stop1 = quiet.$state.listen(() => {});
    await settle();
    expect(quiet.$state.get().offers).toEqual([]);
    expect(await quiet.claim('welcome')).toBeUndefined();
    expect(server.calls).toEqual([]);
    source.$consent.set('granted');
    await settle();
    expect(quiet.$state.get().offers.map((o) => o.campaign.id)).toEqual(['welcome']);
    stop1();

    const down = connectCoupons({ ...setup([]).options, fetch: async () => Promise.reject(new TypeError('offline')) });
    const stop = down.$state.listen(() => {});
    await settle();
    await settle();
    expect(down.$state.get()).toMatchObject({ loading: false, offers: [], error: 'network' });
    expect(await down.claim('welcome')).toBeUndefined();
    stop();
  });
});

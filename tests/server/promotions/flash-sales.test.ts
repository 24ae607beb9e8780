import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEvent } from '../../../packages/server/src/testing/events';
import { ENGINES, HOUR, startPromoServer, T0, type PromoServer } from './support';

const MIN = 60_000;
const SALES = {
  campaigns: [],
  flashSales: [
    { id: 'tent', title: 'Tent at half price', item: 'tent', price: 99, listPrice: 199, startsAt: T0 + HOUR, endsAt: T0 + 2 * HOUR, stock: 2, perVisitor: 1, holdMinutes: 10 },
    {
      id: 'vip',
      title: 'Members-only lamp',
      item: 'lamp',
      price: 20,
      startsAt: T0 - HOUR,
      endsAt: T0 + HOUR,
      stock: 5,
      access: { label: 'returning buyers', rule: { field: 'orders.count', op: 'gte', value: 1 } },
    },
  ],
};

interface Claim {
  status: number;
  body: { reason?: string; remaining?: number; serverTime: number; reservation?: { id: string; expiresAt: number } };
}

describe.each(ENGINES)('flash sales on %s', (engine) => {
  let s: PromoServer;
  beforeAll(async () => {
    s = await startPromoServer(engine, SALES);
  });
  afterAll(async () => s?.destroy());

  const claim = async (id: string, visitor: string): Promise<Claim> => {
    const r = await s.post(`/v1/flash-sales/${id}/claim`, { site: 'demo', visitor });
    return { status: r.status, body: (await r.json()) as Claim['body'] };
  };
  const state = async (id: string, visitor = '') => (await s.get(`/v1/flash-sales/${id}?site=demo&visitor=${visitor}`)).json() as Promise<{ sale: { remaining: number }; reservations: { status: string }[]; serverTime: number }>;

  it('refuses claims before the start and after the end, saying when, with server time on every answer', async () => {
    s.clock.now = T0;
    const early = await claim('tent', 'v-early');
    expect(early).toMatchObject({ status: 409, body: { reason: 'not_started', serverTime: T0 } });
    s.clock.now = T0 + 2 * HOUR;
    expect((await claim('tent', 'v-late')).body).toMatchObject({ reason: 'ended', serverTime: T0 + 2 * HOUR });
    const missing = await s.post('/v1/flash-sales/nope/claim', { site: 'demo', visitor: 'v' });
    expect(missing.status).toBe(404);
    expect(Number(missing.headers.get('x-server-time'))).toBe(T0 + 2 * HOUR);
  });

  it('holds a unit, returns it to stock when the hold expires, and cannot complete an expired hold', async () => {
    s.clock.now = T0 + HOUR;
    const a = await claim('tent', 'v-a');
    expect(a).toMatchObject({ status: 201, body: { remaining: 1, reservation: { expiresAt: T0 + HOUR + 10 * MIN } } });
    const b = await claim('tent', 'v-b');
    expect(b.body.remaining).toBe(0);
    expect((await claim('tent', 'v-c')).body).toMatchObject({ reason: 'sold_out' });
    expect((await claim('tent', 'v-a')).body).toMatchObject({ reason: 'limit_reached' });

    const done = await s.admin('/v1/flash-sales/tent/complete', { site: 'demo', reservation: b.body.reservation!.id, order: { id: 'o-b' } });
    expect(done.status).toBe(200);

    s.clock.now = T0 + HOUR + 11 * MIN;
    const listed = (await (await s.get('/v1/campaigns?site=demo')).json()) as { flashSales: { id: string; remaining: number }[] };
    expect(listed.flashSales.find((f) => f.id === 'tent')!.remaining).toBe(1);
    expect((await state('tent', 'v-a')).reservations).toMatchObject([{ status: 'expired' }]);
    expect((await state('tent')).sale.remaining).toBe(1);
    const late = await s.admin('/v1/flash-sales/tent/complete', { site: 'demo', reservation: a.body.reservation!.id, order: { id: 'o-a' } });
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ reason: 'reservation_expired' });

    const c = await claim('tent', 'v-c');
    expect(c).toMatchObject({ status: 201, body: { remaining: 0 } });
    // v-a's hold lapsed, so the limit counts only held and bought units: v-a may try again (and finds it sold out).
    expect((await claim('tent', 'v-a')).body).toMatchObject({ reason: 'sold_out' });
    const twice = await s.admin('/v1/flash-sales/tent/complete', { site: 'demo', reservation: b.body.reservation!.id, order: { id: 'o-b' } });
    expect(await twice.json()).toMatchObject({ reason: 'already_completed' });
  });

  it('lets only shoppers whose stored events put them in the segment claim a segment-only sale', async () => {
    s.clock.now = T0;
    await s.storage.storage.insertEvents('demo', [
      testEvent({ visitor: 'v-browser', ts: T0 - 2 * HOUR }),
      testEvent({ visitor: 'v-buyer', ts: T0 - 3 * HOUR, type: 'purchase', data: { transaction_id: 't1', value: 50, items: [{ item_id: 'x', price: 50 }] } }),
    ]);
    expect(await claim('vip', 'v-browser')).toMatchObject({ status: 403, body: { reason: 'not_eligible' } });
    expect(await claim('vip', 'v-stranger')).toMatchObject({ status: 403, body: { reason: 'not_eligible' } });
    expect((await claim('vip', 'v-buyer')).status).toBe(201);
    expect(await s.promotions.store.eraseVisitor('demo', 'v-buyer')).toEqual({ coupons: 0, reservations: 1 });
    expect(await s.promotions.store.reservations('demo', 'vip', 'v-buyer', s.clock.now)).toEqual([]);
    expect((await state('vip')).sale.remaining).toBe(4);
    const listed = (await (await s.get('/v1/campaigns?site=demo')).json()) as { flashSales: { id: string; restricted: boolean }[] };
    expect(listed.flashSales.find((f) => f.id === 'vip')).toMatchObject({ restricted: true });
    expect(JSON.stringify(listed)).not.toContain('orders.count');
  });

  it('only lets the merchant server complete orders, and stamps server time on refusals too', async () => {
    const r = await s.post('/v1/flash-sales/tent/complete', { site: 'demo', reservation: 'x', order: { id: 'o' } });
    expect(r.status).toBe(401);
    expect(Number(r.headers.get('x-server-time'))).toBe(s.clock.now);
    const bad = await s.post('/v1/flash-sales/tent/claim', { site: 'demo' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'visitor' });
    expect(Number(bad.headers.get('x-server-time'))).toBe(s.clock.now);
  });
});

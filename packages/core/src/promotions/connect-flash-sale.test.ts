import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectFlashSale } from './connect-flash-sale';
import { fakeServer, settle } from './test-support';
import type { FlashSale } from './types';

const T0 = Date.UTC(2026, 10, 27, 8, 59, 0);
const MIN = 60_000;
const SALE: FlashSale = { id: 'drop', title: 'Tent drop', item: 'tent', price: 99, startsAt: T0 + MIN, endsAt: T0 + 61 * MIN, stock: 3, remaining: 3, perVisitor: 1, holdMinutes: 10, restricted: false };

/** A sale server whose true time is `server.now`, and a device whose clock is off by `skew`. */
function world(skew: number) {
  const truth = { now: T0 };
  let remaining = SALE.remaining;
  const server = fakeServer(
    () => truth.now,
    (url) => {
      if (url.pathname === '/v1/flash-sales/drop') return { status: 200, body: { sale: { ...SALE, remaining }, reservations: [] } };
      if (url.pathname === '/v1/flash-sales/drop/claim') {
        if (truth.now < SALE.startsAt) return { status: 409, body: { reason: 'not_started' } };
        if (remaining === 0) return { status: 409, body: { reason: 'sold_out', remaining: 0, reservations: [] } };
        remaining--;
        return { status: 201, body: { reservation: { id: 'r1', sale: 'drop', status: 'held', expiresAt: truth.now + 10 * MIN }, remaining } };
      }
      return undefined;
    },
  );
  const sale = connectFlashSale({ id: 'drop', endpoint: 'https://api.test/', site: 'demo', source: { visitorId: 'v-1' }, fetch: server.fetch, now: () => truth.now + skew, refreshMs: 3_600_000 });
  return { truth, sale, server, sellOut: () => (remaining = 0) };
}

describe.each([
  ['10 minutes fast', 10 * MIN],
  ['10 minutes slow', -10 * MIN],
  ['right', 0],
])('connectFlashSale with the device clock %s', (_, skew) => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts down to the start by server time and turns live exactly when the server says so', async () => {
    const { truth, sale } = world(skew);
    const stop = sale.$state.listen(() => {});
    await settle();
    expect(sale.$state.get()).toMatchObject({ status: 'upcoming', countdownMs: MIN, skewMs: 0 - skew || 0, remaining: 3 });

    truth.now = SALE.startsAt - 1000;
    vi.advanceTimersByTime(1000);
    expect(sale.$state.get()).toMatchObject({ status: 'upcoming', countdownMs: 1000 });

    truth.now = SALE.startsAt;
    vi.advanceTimersByTime(1000);
    expect(sale.$state.get()).toMatchObject({ status: 'live', countdownMs: 60 * MIN });
    stop();
  });

  it('claims a unit, then counts down the hold; shows sold out and ended', async () => {
    const { truth, sale, sellOut } = world(skew);
    const stop = sale.$state.listen(() => {});
    await settle();
    truth.now = SALE.startsAt + 5 * MIN;
    expect(await sale.claim()).toBe(true);
    expect(sale.$state.get()).toMatchObject({ status: 'claimed', countdownMs: 10 * MIN, remaining: 2, reservation: { id: 'r1' } });

    truth.now += 11 * MIN;
    vi.advanceTimersByTime(1000);
    sellOut();
    await sale.refresh();
    expect(sale.$state.get()).toMatchObject({ status: 'sold_out', remaining: 0 });

    truth.now = SALE.endsAt;
    vi.advanceTimersByTime(1000);
    expect(sale.$state.get()).toMatchObject({ status: 'ended', countdownMs: 0 });
    stop();
  });
});

describe('connectFlashSale failures', () => {
  it('says unavailable for an unknown sale and keeps the refusal reason, without throwing', async () => {
    const server = fakeServer(() => T0, () => undefined);
    const sale = connectFlashSale({ id: 'ghost', endpoint: 'https://api.test', site: 'demo', source: { visitorId: 'v' }, fetch: server.fetch });
    await sale.refresh();
    expect(sale.$state.get().status).toBe('unavailable');
    expect(await sale.claim()).toBe(false);
    const offline = connectFlashSale({ id: 'x', endpoint: 'https://api.test', site: 'demo', source: { visitorId: 'v' }, fetch: () => Promise.reject(new TypeError('offline')) });
    await offline.refresh();
    expect(offline.$state.get()).toMatchObject({ status: 'loading', error: 'network' });
  });
});

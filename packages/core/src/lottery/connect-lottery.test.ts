import { describe, expect, it } from 'vitest';
import { fakeServer, settle } from '../promotions/test-support';
import { connectLottery } from './connect-lottery';
import type { Lottery } from './types';

const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);
const WHEEL: Lottery = {
  id: 'wheel',
  title: 'Spin',
  cost: 100,
  prizes: [
    { id: 'lose', label: 'Try again', kind: 'none', weight: 9, stock: null, remaining: null, odds: 0.9 },
    { id: 'mug', label: 'A mug', kind: 'item', weight: 1, stock: 1, remaining: 1, odds: 0.1 },
  ],
};
const SOLD_OUT: Lottery = { ...WHEEL, prizes: WHEEL.prizes.map((p) => ({ ...p, remaining: 0, odds: 0 })) };

/** A lottery server that awards the mug to every draw (so the connector's result can only come from it). */
function world(options: { balance?: number; offline?: () => boolean } = {}) {
  let balance = options.balance ?? 250;
  const seen = new Map<string, Record<string, unknown>>();
  const server = fakeServer(
    () => T0,
    (url, body) => {
      if (url.pathname === '/v1/lotteries/wheel') return { status: 200, body: { lottery: WHEEL, ...(url.searchParams.get('signature') && { balance }) } };
      if (url.pathname === '/v1/lotteries/wheel/draw') {
        const key = String(body!.idempotencyKey);
        if (seen.has(key)) return { status: 200, body: seen.get(key)! };
        if (balance < WHEEL.cost) return { status: 409, body: { reason: 'insufficient_points', balance } };
        balance -= WHEEL.cost;
        const answer = { draw: { key, lottery: 'wheel', prize: { id: 'mug', label: 'A mug', kind: 'item' }, delivery: { kind: 'item', item: 'mug-1' }, at: T0 }, balance, lottery: SOLD_OUT };
        seen.set(key, answer);
        return { status: 201, body: answer };
      }
      return undefined;
    },
  );
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const answer = await server.fetch(input, init);
    if (options.offline?.()) throw new TypeError('Failed to fetch');
    return answer;
  }) as typeof globalThis.fetch;
  let n = 0;
  const lottery = (customer: string | undefined = 'c-1') =>
    connectLottery({ id: 'wheel', endpoint: 'https://api.test/', site: 'demo', customer, signature: customer && 'sig', fetch, now: () => T0, newKey: () => `key-${++n}` });
  return { server, lottery, balance: () => balance };
}

describe('connectLottery', () => {
  it('shows odds, stock and the balance the server reports', async () => {
    const { lottery, server } = world();
    const wheel = lottery();
    const states: string[] = [];
    wheel.$state.subscribe((s) => states.push(s.status));
    await settle();
    expect(wheel.$state.get()).toMatchObject({ status: 'ready', lottery: WHEEL, balance: 250 });
    expect(server.calls[0]!.url).toBe('/v1/lotteries/wheel?site=demo&customer=c-1&signature=sig');
    expect(states[0]).toBe('loading');
  });

  it('sends an idempotency key and exposes the server\'s result, balance and new stock', async () => {
    const { lottery, server } = world();
    const wheel = lottery();
    const result = await wheel.draw();
    expect(result?.prize.id).toBe('mug');
    expect(server.calls.at(-1)!.body).toEqual({ site: 'demo', customer: 'c-1', signature: 'sig', idempotencyKey: 'key-1' });
    expect(wheel.$state.get()).toMatchObject({ status: 'sold_out', result, balance: 150 });
  });

  it('retries a draw whose answer was lost under the same key, so it is paid once', async () => {
    let offline = true;
    const w = world({ offline: () => offline });
    const wheel = w.lottery();
    expect(await wheel.draw()).toBeUndefined();
    expect(wheel.$state.get().error).toBe('network');
    offline = false;
    const result = await wheel.draw();
    expect(result?.key).toBe('key-1');
    expect(w.balance()).toBe(150);
    await wheel.draw();
    expect(w.server.calls.at(-1)!.body!.idempotencyKey).toBe('key-2');
    expect(w.balance()).toBe(50);
  });

  it('reports a refusal without inventing a result', async () => {
    const wheel = world({ balance: 40 }).lottery();
    expect(await wheel.draw()).toBeUndefined();
    expect(wheel.$state.get()).toMatchObject({ error: 'insufficient_points', balance: 40 });
    expect(wheel.$state.get().result).toBeUndefined();
  });

  it('does not draw for an anonymous shopper, and says why', async () => {
    const { lottery, server } = world();
    const wheel = lottery('');
    expect(await wheel.draw()).toBeUndefined();
    expect(wheel.$state.get().error).toBe('not_identified');
    expect(server.calls.filter((c) => c.url.includes('/draw'))).toHaveLength(0);
  });

  it('is unavailable when the server has no such lottery', async () => {
    const server = fakeServer(() => T0, () => undefined);
    const wheel = connectLottery({ id: 'wheel', endpoint: 'https://api.test', site: 'demo', fetch: server.fetch });
    wheel.$state.listen(() => {});
    await settle();
    expect(wheel.$state.get().status).toBe('unavailable');
  });
});

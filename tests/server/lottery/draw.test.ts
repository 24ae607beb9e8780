import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifySignature } from '../../../packages/server/src/identity/tokens';
import { ADMIN_KEY, ENGINES, startPromoServer, type PromoServer } from '../promotions/support';

const DEFS = {
  campaigns: [{ id: 'five-off', kind: 'fixed', title: '5 off', discount: { type: 'amount', value: 5 }, caps: { perVisitor: 100 } }],
  flashSales: [],
};
const WHEEL = {
  id: 'wheel',
  title: 'Spin the wheel',
  cost: 100,
  prizes: [
    { id: 'lose', label: 'Try again', kind: 'none', weight: 1, stock: 0 },
    { id: 'bonus', label: '250 points', kind: 'points', weight: 1, points: 250, stock: 1 },
    { id: 'code', label: '5 off', kind: 'coupon', weight: 1, campaign: 'five-off', stock: 1 },
  ],
};

interface DrawBody {
  draw: { key: string; prize: { id: string }; delivery: { kind: string; code?: string; points?: number } };
  spent: number;
  balance: number;
  reason?: string;
  lottery: { prizes: { id: string; remaining: number | null; odds: number }[] };
}

describe.each(ENGINES)('lottery draws on %s', (engine) => {
  let s: PromoServer;
  beforeAll(async () => {
    s = await startPromoServer(engine, DEFS);
    const put = await fetch(`${s.server.url}/v1/admin/lotteries?site=demo`, { method: 'PUT', headers: { authorization: `Bearer ${ADMIN_KEY}` }, body: JSON.stringify(WHEEL) });
    expect(put.status).toBe(200);
  });
  afterAll(async () => s?.destroy());

  const draw = (customer: string, key: string | undefined, lottery = 'wheel', auth: 'secret' | 'signature' | 'none' = 'secret') => {
    const body = { site: 'demo', customer, ...(key && { idempotencyKey: key }), ...(auth === 'signature' && { signature: identifySignature(ADMIN_KEY, 'demo', customer) }) };
    return auth === 'secret' ? s.admin(`/v1/lotteries/${lottery}/draw`, body) : s.post(`/v1/lotteries/${lottery}/draw`, body);
  };
  const ledger = async (customer: string) => (await (await s.get(`/v1/points/${customer}?site=demo`, true)).json()) as { balance: number; movements: { delta: number; reason: string }[] };
  const state = async () => ((await (await s.get('/v1/lotteries/wheel?site=demo')).json()) as DrawBody).lottery;
  const draws = async () => ((await (await s.get('/v1/admin/lotteries/wheel/draws?site=demo', true)).json()) as { draws: unknown[] }).draws;

  it('refuses definitions with a clear error per field, and a coupon prize of an unknown campaign', async () => {
    const bad = { ...WHEEL, id: 'bad', cost: -1, prizes: [{ id: 'x', label: 'X', kind: 'coupon', weight: 1, campaign: 'nope' }] };
    const r = await fetch(`${s.server.url}/v1/admin/lotteries?site=demo`, { method: 'PUT', headers: { authorization: `Bearer ${ADMIN_KEY}` }, body: JSON.stringify(bad) });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['lottery.cost']);
    const unknown = await fetch(`${s.server.url}/v1/admin/lotteries?site=demo`, { method: 'PUT', headers: { authorization: `Bearer ${ADMIN_KEY}` }, body: JSON.stringify({ ...bad, cost: 5 }) });
    expect(await unknown.json()).toMatchObject({ issues: [{ path: 'bad.prizes[0].campaign' }] });
    expect((await s.get('/v1/lotteries/bad?site=demo')).status).toBe(404);
  });

  it('shows every prize with its stock and the odds renormalised over what is left', async () => {
    expect((await state()).prizes).toEqual([
      expect.objectContaining({ id: 'lose', remaining: 0, odds: 0 }),
      expect.objectContaining({ id: 'bonus', remaining: 1, odds: 0.5 }),
      expect.objectContaining({ id: 'code', remaining: 1, odds: 0.5 }),
    ]);
  });

  it('needs an idempotency key and an identified customer', async () => {
    const noKey = await draw('c-1', undefined);
    expect(noKey.status).toBe(400);
    expect(await noKey.json()).toMatchObject({ field: 'idempotencyKey' });
    expect((await draw('c-1', 'key-anonymous-1', 'wheel', 'none')).status).toBe(401);
  });

  it('refuses a draw without enough points with 409 and changes nothing', async () => {
    await s.admin('/v1/points/earn', { site: 'demo', customer: 'poor', order: { id: 'o-p', value: 99 } });
    const before = { ledger: await ledger('poor'), lottery: await state(), draws: await draws() };
    const r = await draw('poor', 'key-poor-000001', 'wheel', 'signature');
    expect(r.status).toBe(409);
    expect(await r.json()).toMatchObject({ reason: 'insufficient_points', balance: 99, cost: 100 });
    expect({ ledger: await ledger('poor'), lottery: await state(), draws: await draws() }).toEqual(before);
  });

  it('debits once per key, delivers the prize, and replays the same result on retry', async () => {
    await s.admin('/v1/points/earn', { site: 'demo', customer: 'c-1', order: { id: 'o-1', value: 300 } });
    const first = await draw('c-1', 'key-c1-00000001', 'wheel', 'signature');
    expect(first.status).toBe(201);
    const won = (await first.json()) as DrawBody;
    const retry = await draw('c-1', 'key-c1-00000001', 'wheel', 'signature');
    expect(retry.status).toBe(200);
    const again = (await retry.json()) as DrawBody;
    expect(again.draw).toEqual(won.draw);
    expect(again.spent).toBe(0);
    expect(again.balance).toBe(won.balance);

    const second = (await (await draw('c-1', 'key-c1-00000002')).json()) as DrawBody;
    // Both limited prizes had one unit each and the losing slot none: the two draws took both.
    expect([won.draw.prize.id, second.draw.prize.id].sort()).toEqual(['bonus', 'code']);
    const code = [won, second].find((d) => d.draw.prize.id === 'code')!.draw.delivery.code!;
    expect(code).toMatch(/^five-off\./);
    const { balance, movements } = await ledger('c-1');
    expect(balance).toBe(300 - 100 - 100 + 250);
    expect(movements.map((m) => [m.reason, m.delta]).sort()).toEqual([['lottery', -100], ['lottery', -100], ['lottery_prize', 250], ['purchase', 300]]);

    const soldOut = await draw('c-1', 'key-c1-00000003');
    expect(soldOut.status).toBe(409);
    expect(await soldOut.json()).toMatchObject({ reason: 'sold_out' });
    expect((await ledger('c-1')).balance).toBe(balance);
    expect(await draws()).toHaveLength(2);
  });

  it('refuses the same key for another customer', async () => {
    await s.admin('/v1/points/earn', { site: 'demo', customer: 'c-2', order: { id: 'o-2', value: 500 } });
    const r = await draw('c-2', 'key-c1-00000001');
    expect(r.status).toBe(409);
    expect(await r.json()).toMatchObject({ reason: 'idempotency_key_reused' });
    expect((await ledger('c-2')).balance).toBe(500);
  });
});

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { identifySignature } from '../../../packages/server/src/identity/tokens';
import { ADMIN_KEY, ENGINES, startPromoServer, type PromoServer } from '../promotions/support';

// Issue 13: the sharer is rewarded by the redemption of the referred first order itself.
const DEFS = {
  campaigns: [
    { id: 'friend10', kind: 'welcome', title: '10% off your first order', discount: { type: 'percent', value: 10 } },
    { id: 'hello5', kind: 'welcome', title: '5% off, no referral', discount: { type: 'percent', value: 5 } },
    { id: 'thanks5', kind: 'fixed', title: '5 off', discount: { type: 'amount', value: 5 }, caps: { perVisitor: 10 } },
  ],
  flashSales: [],
};
const PROGRAM = { id: 'friends', title: 'Invite a friend', welcomeCampaign: 'friend10', reward: { points: 200 } };

interface RedeemAnswer {
  valid: boolean;
  replayed: boolean;
  referral?: { program?: string; rewarded: boolean; reason?: string };
}

describe.each(ENGINES)('the redemption of a referred first order rewards the sharer, on %s', (engine) => {
  let s: PromoServer;
  let sharerToken: string;
  beforeAll(async () => {
    s = await startPromoServer(engine, DEFS);
    const put = await fetch(`${s.server.url}/v1/admin/referrals?site=demo`, { method: 'PUT', headers: { authorization: `Bearer ${ADMIN_KEY}` }, body: JSON.stringify(PROGRAM) });
    expect(put.status).toBe(200);
    const link = await s.post('/v1/referrals/link', { site: 'demo', visitor: 'v-alice', program: 'friends', customer: 'alice', signature: identifySignature(ADMIN_KEY, 'demo', 'alice') });
    sharerToken = ((await link.json()) as { token: string }).token;
  });
  afterAll(async () => s?.destroy());

  /** A new shopper lands through Alice's link and gets the welcome code. */
  const referred = async (visitor: string) => {
    const r = await s.post('/v1/referrals/land', { site: 'demo', visitor, token: sharerToken });
    expect(r.status).toBe(201);
    return ((await r.json()) as { welcome: { code: string } }).welcome.code;
  };
  const redeem = async (code: string, visitor: string, order: string, key = `key-${order}`) => {
    const r = await s.admin('/v1/coupons/redeem', { site: 'demo', code, visitor, order: { id: order, subtotal: 100 } }, { 'idempotency-key': key });
    const text = await r.text();
    return { status: r.status, text, body: JSON.parse(text) as RedeemAnswer };
  };
  const rewardFor = async (order: string) => {
    const r = await s.admin('/v1/referrals/reward', { site: 'demo', order });
    return { status: r.status, body: (await r.json()) as { duplicate?: boolean; reason?: string; reward?: { kind: string; points?: number } } };
  };
  const aliceLedger = async () => {
    const r = (await (await s.get('/v1/points/alice?site=demo', true)).json()) as { balance: number; movements: { delta: number; reason: string; ref: string }[] };
    return { balance: r.balance, referrals: r.movements.filter((m) => m.reason === 'referral') };
  };

  it('credits the sharer once when the welcome code is redeemed, without naming the sharer', async () => {
    const code = await referred('v-bob');
    const before = await aliceLedger();
    const redeemed = await redeem(code, 'v-bob', 'o-bob');
    expect(redeemed.status).toBe(200);
    expect(redeemed.body).toMatchObject({ valid: true, referral: { program: 'friends', rewarded: true } });
    expect(redeemed.text).not.toMatch(/alice/);
    const after = await aliceLedger();
    expect(after.balance).toBe(before.balance + 200);
    expect(after.referrals).toEqual([...before.referrals, expect.objectContaining({ delta: 200, ref: 'friends/o-bob' })]);
  });

  it('rewards nothing more on a replay of the redemption, and the explicit reward call answers duplicate', async () => {
    const code = await referred('v-carol');
    expect((await redeem(code, 'v-carol', 'o-carol')).body.referral?.rewarded).toBe(true);
    const balance = (await aliceLedger()).balance;
    const replay = await redeem(code, 'v-carol', 'o-carol');
    expect(replay.body).toMatchObject({ valid: true, replayed: true, referral: { rewarded: true } });
    expect(await rewardFor('o-carol')).toMatchObject({ status: 200, body: { duplicate: true, reward: { kind: 'points', points: 200 } } });
    const after = await aliceLedger();
    expect(after.balance).toBe(balance);
    expect(after.referrals.filter((m) => m.ref === 'friends/o-carol')).toHaveLength(1);
  });

  it('rewards once when retries of the redemption and the explicit call race', async () => {
    const code = await referred('v-dora');
    const balance = (await aliceLedger()).balance;
    const [a, b, c] = await Promise.all([redeem(code, 'v-dora', 'o-dora'), redeem(code, 'v-dora', 'o-dora'), rewardFor('o-dora')]);
    expect([a.body.valid, b.body.valid]).toEqual([true, true]);
    // The explicit call may run before the redemption committed (404) or after it (201 or duplicate).
    expect([201, 200, 404]).toContain(c.status);
    expect([a.body.referral?.rewarded, b.body.referral?.rewarded]).toEqual([true, true]);
    const after = await aliceLedger();
    expect(after.balance).toBe(balance + 200);
    expect(after.referrals.filter((m) => m.ref === 'friends/o-dora')).toHaveLength(1);
  });

  it('rewards no one for an order that redeemed a code from no referral', async () => {
    const claim = async (visitor: string, campaign: string) => ((await (await s.post('/v1/coupons/claim', { site: 'demo', visitor, campaign })).json()) as { code: string }).code;
    const balance = (await aliceLedger()).balance;
    // The referral program's welcome campaign, claimed directly rather than through a link.
    const direct = await redeem(await claim('v-erin', 'friend10'), 'v-erin', 'o-erin');
    // A welcome campaign no program uses.
    const other = await redeem(await claim('v-finn', 'hello5'), 'v-finn', 'o-finn');
    for (const r of [direct, other]) {
      expect(r.body.valid).toBe(true);
      expect(r.body).not.toHaveProperty('referral');
    }
    expect((await rewardFor('o-erin')).status).toBe(404);
    expect((await aliceLedger()).balance).toBe(balance);
  });

  it('keeps the redemption when the reward fails, and the explicit call gives the reward later', async () => {
    const code = await referred('v-gail');
    const balance = (await aliceLedger()).balance;
    const store = await s.server.app.context.referralRewards!.store();
    const broken = vi.spyOn(store, 'reward').mockRejectedValueOnce(new Error('database went away'));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const redeemed = await redeem(code, 'v-gail', 'o-gail');
      expect(redeemed.status).toBe(200);
      expect(redeemed.body).toMatchObject({ valid: true, referral: { rewarded: false, reason: 'unavailable' } });
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('o-gail'), expect.any(Error));
    } finally {
      broken.mockRestore();
      logged.mockRestore();
    }
    // The code stays used: the order's discount is not undone.
    expect((await redeem(code, 'v-gail', 'o-gail-2')).body).toMatchObject({ valid: false, reason: 'already_redeemed' });
    expect((await aliceLedger()).balance).toBe(balance);
    expect(await rewardFor('o-gail')).toMatchObject({ status: 201, body: { reward: { kind: 'points', points: 200 } } });
    expect((await aliceLedger()).balance).toBe(balance + 200);
  });
});

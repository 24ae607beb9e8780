import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dropSchema, TEST_POSTGRES_URL } from '../../../packages/server/src/testing/storages';
import { spawnServer, type ServerProcess } from '../spawn-server';

const ADMIN = 'lottery-admin-key-0123456789';
const COST = 10;
const CUSTOMERS = 100;
const PER_CUSTOMER = 10;
/** Every tenth key is sent a second time, at once, to the other server: a retry racing its original. */
const RETRY_EVERY = 10;
/** Unlimited outcomes, whose relative odds never change; the limited ones run out during the run. */
const UNLIMITED = { lose: 50, small: 30, big: 15 } as const;
const LIMITED = { code: { weight: 4, stock: 15 }, mug: { weight: 1, stock: 3 } } as const;
/** Chi-square critical value for 2 degrees of freedom at p = 0.001: a fair draw fails this 1 run in 1,000. */
const CHI2_CRITICAL_DF2_P001 = 13.816;

const LOTTERY = {
  id: 'wheel',
  title: 'Spin the wheel',
  cost: COST,
  prizes: [
    { id: 'lose', label: 'Try again', kind: 'none', weight: UNLIMITED.lose },
    { id: 'small', label: '5 points', kind: 'points', weight: UNLIMITED.small, points: 5 },
    { id: 'big', label: '50 points', kind: 'points', weight: UNLIMITED.big, points: 50 },
    { id: 'code', label: '5 off', kind: 'coupon', weight: LIMITED.code.weight, stock: LIMITED.code.stock, campaign: 'five-off' },
    { id: 'mug', label: 'A mug', kind: 'item', weight: LIMITED.mug.weight, stock: LIMITED.mug.stock, item: 'mug-1' },
  ],
};
const POINTS: Record<string, number> = { small: 5, big: 50 };

interface Answer {
  key: string;
  customer: string;
  status: number;
  body: { reason?: string; draw?: { key: string; prize: { id: string }; delivery: { kind: string; code?: string } } };
}
interface Draw {
  key: string;
  customer: string;
  ref: string;
  prize: string;
  cost: number;
  delivery: { kind: string; code?: string } | null;
}

/** A campaigns file with the coupon prize's campaign, and the lottery itself when `withLottery`. */
async function writeCampaigns(withLottery: boolean): Promise<string> {
  const file = join(tmpdir(), `affinity-lottery-${process.pid}-${randomBytes(4).toString('hex')}.json`);
  const campaigns = [{ id: 'five-off', kind: 'fixed', title: '5 off', discount: { type: 'amount', value: 5 }, caps: { perVisitor: 1000 } }];
  await writeFile(file, JSON.stringify({ demo: { campaigns, ...(withLottery && { lotteries: [LOTTERY] }) } }));
  return file;
}

const call = (url: string, method: string, path: string, body?: unknown) =>
  fetch(url + path, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` }, body: body === undefined ? undefined : JSON.stringify(body) });

/** Define the lottery (unless the campaigns file did), give customers points (a tenth of them none), then fire every draw at once. */
async function stampede(urls: string[], define: boolean) {
  if (define) expect((await call(urls[0]!, 'PUT', '/v1/admin/lotteries?site=demo', LOTTERY)).status).toBe(200);
  const initial = new Map<string, number>();
  for (let c = 0; c < CUSTOMERS; c++) {
    const customer = `shopper-${c}`;
    // A tenth of the shoppers have no points at all: every one of their draws must be refused.
    const points = c % 10 === 0 ? 0 : COST * PER_CUSTOMER;
    initial.set(customer, points);
    if (points) expect((await call(urls[c % urls.length]!, 'POST', '/v1/points/earn', { site: 'demo', customer, order: { id: `seed-${c}`, value: points } })).status).toBe(201);
  }
  const requests: { key: string; customer: string; url: string }[] = [];
  for (let i = 0; i < CUSTOMERS * PER_CUSTOMER; i++) {
    const key = `draw-${String(i).padStart(6, '0')}`;
    const customer = `shopper-${i % CUSTOMERS}`;
    requests.push({ key, customer, url: urls[i % urls.length]! });
    if (i % RETRY_EVERY === 0) requests.push({ key, customer, url: urls[(i + 1) % urls.length]! });
  }
  const answers = await Promise.all(
    requests.map(async ({ key, customer, url }): Promise<Answer> => {
      const r = await call(url, 'POST', '/v1/lotteries/wheel/draw', { site: 'demo', customer, idempotencyKey: key });
      return { key, customer, status: r.status, body: (await r.json()) as Answer['body'] };
    }),
  );
  return { answers, initial };
}

async function checkOutcome(url: string, { answers, initial }: Awaited<ReturnType<typeof stampede>>) {
  expect(answers.filter((a) => !(a.status === 201 || a.status === 200 || (a.status === 409 && a.body.reason === 'insufficient_points'))).slice(0, 3)).toEqual([]);
  const { draws } = (await (await call(url, 'GET', '/v1/admin/lotteries/wheel/draws?site=demo')).json()) as { draws: Draw[] };
  const { lottery } = (await (await call(url, 'GET', '/v1/lotteries/wheel?site=demo')).json()) as { lottery: { prizes: { id: string; remaining: number | null }[] } };

  // One draw per key, and every answer for a key shows that draw.
  const byKey = new Map(draws.map((d) => [d.key, d]));
  expect(byKey.size).toBe(draws.length);
  expect(draws.length).toBe(new Set(answers.filter((a) => a.status !== 409).map((a) => a.key)).size);
  for (const a of answers.filter((x) => x.status !== 409)) expect(a.body.draw!.prize.id).toBe(byKey.get(a.key)!.prize);
  expect(answers.filter((a) => a.status === 201)).toHaveLength(draws.length);

  // Prizes never exceed stock; live stock is the start minus what was won.
  const won = (id: string) => draws.filter((d) => d.prize === id).length;
  for (const [id, { stock }] of Object.entries(LIMITED)) {
    expect(won(id)).toBeLessThanOrEqual(stock);
    expect(lottery.prizes.find((p) => p.id === id)!.remaining).toBe(stock - won(id));
  }
  expect(draws.every((d) => d.delivery !== null && d.delivery.kind !== 'failed')).toBe(true);
  // Coupon issuing keeps one live code per customer and campaign: a second win while the first code
  // is unused hands out that same code; different customers always get different codes.
  const codeOf = new Map<string, Set<string>>();
  for (const d of draws.filter((x) => x.prize === 'code')) codeOf.set(d.customer, (codeOf.get(d.customer) ?? new Set()).add(d.delivery!.code!));
  expect([...codeOf.values()].every((codes) => codes.size === 1)).toBe(true);
  expect(new Set([...codeOf.values()].flatMap((codes) => [...codes])).size).toBe(codeOf.size);

  // Ledger against draws, per customer: one debit of the cost per draw, one credit per points prize, nothing else.
  for (const [customer, start] of initial) {
    const mine = draws.filter((d) => d.customer === customer);
    const { balance, movements } = (await (await call(url, 'GET', `/v1/points/${customer}?site=demo&limit=1000`)).json()) as {
      balance: number;
      movements: { delta: number; reason: string; ref: string }[];
    };
    const debits = movements.filter((m) => m.reason === 'lottery');
    expect(debits.map((m) => m.ref).sort()).toEqual(mine.map((d) => d.ref).sort());
    expect(debits.every((m) => m.delta === -COST)).toBe(true);
    const credits = movements.filter((m) => m.reason === 'lottery_prize');
    expect(credits.map((m) => [m.ref, m.delta]).sort()).toEqual(mine.filter((d) => d.prize in POINTS).map((d) => [d.ref, POINTS[d.prize]]).sort());
    expect(movements.some((m) => m.reason === 'lottery_refund')).toBe(false);
    expect(balance).toBe(start - COST * mine.length + mine.reduce((sum, d) => sum + (POINTS[d.prize] ?? 0), 0));
    expect(balance).toBeGreaterThanOrEqual(0);
    // Every key of the customer either made its one draw or was refused.
    const refused = new Set(answers.filter((a) => a.customer === customer && a.status === 409).map((a) => a.key));
    expect(new Set([...refused, ...mine.map((d) => d.key)]).size).toBe(PER_CUSTOMER);
  }
  // Shoppers without points were refused every time, and (checked above) nothing was recorded for them.
  const broke = answers.filter((a) => initial.get(a.customer) === 0);
  expect(broke.length).toBeGreaterThan(0);
  expect(broke.every((a) => a.status === 409 && a.body.reason === 'insufficient_points')).toBe(true);

  // Among unlimited outcomes the relative odds never change, whatever ran out: chi-square goodness of fit.
  const total = Object.values(UNLIMITED).reduce((a, b) => a + b, 0);
  const n = draws.filter((d) => d.prize in UNLIMITED).length;
  const chi2 = Object.entries(UNLIMITED).reduce((sum, [id, w]) => {
    const expected = (n * w) / total;
    return sum + (won(id) - expected) ** 2 / expected;
  }, 0);
  // One line for the record: what the run drew against what the odds say.
  console.log(JSON.stringify({ lottery: 'stampede', draws: draws.length, unlimited: n, won: Object.fromEntries([...Object.keys(UNLIMITED), ...Object.keys(LIMITED)].map((id) => [id, won(id)])), chi2: Number(chi2.toFixed(3)), critical: CHI2_CRITICAL_DF2_P001 }));
  expect(n).toBeGreaterThan(800);
  expect(chi2).toBeLessThan(CHI2_CRITICAL_DF2_P001);
}

describe('lottery stampede', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('1,000 concurrent draws (and racing retries) across two processes on one PostgreSQL, lottery from the campaigns file, keep stock, ledger and odds', async () => {
    const schema = `affinity_lottery_${process.pid}_${randomBytes(3).toString('hex')}`;
    // Both processes load the lottery from the campaigns file as they start, at the same time.
    const file = await writeCampaigns(true);
    cleanups.push(() => rm(file, { force: true }), () => dropSchema(schema));
    const servers: ServerProcess[] = await Promise.all(
      [0, 1].map(() => spawnServer(['--db', TEST_POSTGRES_URL, '--schema', schema, '--sites', 'demo=*', '--campaigns', file, '--admin-key', ADMIN])),
    );
    cleanups.push(async () => void (await Promise.all(servers.map((s) => s.stop()))));
    // Server-side errors, shown if an answer is a 500 (the status alone says nothing about why).
    const errors: string[] = [];
    for (const s of servers) s.child.stderr!.on('data', (d: Buffer) => errors.push(String(d)));
    const outcome = await stampede(servers.map((s) => s.url), false);
    expect(outcome.answers.some((a) => a.status >= 500) ? errors.join('').slice(0, 2000) : '').toBe('');
    await checkOutcome(servers[1]!.url, outcome);
  }, 180_000);

  it('1,000 concurrent draws on one SQLite process keep stock, ledger and odds', async () => {
    const db = join(tmpdir(), `affinity-lottery-${process.pid}-${randomBytes(4).toString('hex')}.sqlite`);
    const file = await writeCampaigns(false);
    cleanups.push(() => rm(file, { force: true }), async () => void (await Promise.all(['', '-wal', '-shm'].map((x) => rm(db + x, { force: true })))));
    const server = await spawnServer(['--db', db, '--sites', 'demo=*', '--campaigns', file, '--admin-key', ADMIN]);
    cleanups.push(() => server.stop());
    const outcome = await stampede([server.url], true);
    await checkOutcome(server.url, outcome);
  }, 180_000);
});

import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../../packages/server/src/storage/open';
import { openPromotionStore } from '../../../packages/server/src/promotions/open-promotion-store';
import { dropSchema, TEST_POSTGRES_URL } from '../../../packages/server/src/testing/storages';
import { spawnServer, type ServerProcess } from '../spawn-server';

const STOCK = 100;
const PER_VISITOR = 2;
const VISITORS = 200;
const CLAIMS = 1000;

/** 1,000 claims from 200 shoppers, each sending five at once, spread over the given servers. */
async function stampede(urls: string[]) {
  const claims = Array.from({ length: CLAIMS }, (_, i) => ({ visitor: `shopper-${Math.floor(i / (CLAIMS / VISITORS))}`, url: urls[i % urls.length]! }));
  return Promise.all(
    claims.map(async ({ visitor, url }) => {
      const r = await fetch(`${url}/v1/flash-sales/drop/claim`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ site: 'demo', visitor }),
      });
      const body = (await r.json()) as { reason?: string; serverTime?: number };
      return { visitor, status: r.status, reason: body.reason, serverTime: body.serverTime };
    }),
  );
}

async function writeCampaigns(): Promise<string> {
  const file = join(tmpdir(), `affinity-flash-${process.pid}-${randomBytes(4).toString('hex')}.json`);
  const sale = { id: 'drop', title: 'Limited drop', item: 'sneaker-1', price: 59, startsAt: Date.now() - 3_600_000, endsAt: Date.now() + 3_600_000, stock: STOCK, perVisitor: PER_VISITOR };
  await writeFile(file, JSON.stringify({ demo: { flashSales: [sale] } }));
  return file;
}

async function checkOutcome(db: string, schema: string | undefined, answers: Awaited<ReturnType<typeof stampede>>) {
  expect(answers.filter((a) => a.status === 201)).toHaveLength(STOCK);
  expect(answers.filter((a) => a.status === 409).length).toBe(CLAIMS - STOCK);
  const reasons = answers.filter((a) => a.status === 409).map((a) => a.reason);
  expect(reasons.every((r) => r === 'sold_out' || r === 'limit_reached')).toBe(true);
  // Each shopper's five claims race each other, so the per-visitor limit is exercised too.
  expect(reasons).toContain('limit_reached');
  expect(answers.every((a) => typeof a.serverTime === 'number')).toBe(true);
  const wins = new Map<string, number>();
  for (const a of answers) if (a.status === 201) wins.set(a.visitor, (wins.get(a.visitor) ?? 0) + 1);
  expect(Math.max(...wins.values())).toBeLessThanOrEqual(PER_VISITOR);

  const storage = await openStorage(db, { schema });
  try {
    const store = await openPromotionStore(storage);
    expect((await store.getFlashSale('demo', 'drop', Date.now()))!.remaining).toBe(0);
    let held = 0;
    for (let v = 0; v < VISITORS; v++) {
      const mine = await store.reservations('demo', 'drop', `shopper-${v}`, Date.now());
      expect(mine.length).toBeLessThanOrEqual(PER_VISITOR);
      expect(mine.length).toBe(wins.get(`shopper-${v}`) ?? 0);
      held += mine.length;
    }
    expect(held).toBe(STOCK);
  } finally {
    await storage.close();
  }
}

describe('flash sale stampede', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('sells exactly the stock to 1,000 concurrent claims across two processes on one PostgreSQL', async () => {
    const schema = `affinity_flash_${process.pid}_${randomBytes(3).toString('hex')}`;
    const file = await writeCampaigns();
    cleanups.push(() => rm(file, { force: true }), () => dropSchema(schema));
    // Started together on purpose: both migrate and load the same sale at once without resetting its stock.
    const servers: ServerProcess[] = await Promise.all([0, 1].map(() => spawnServer(['--db', TEST_POSTGRES_URL, '--schema', schema, '--sites', 'demo=*', '--campaigns', file])));
    cleanups.push(async () => void (await Promise.all(servers.map((s) => s.stop()))));
    const answers = await stampede(servers.map((s) => s.url));
    await checkOutcome(TEST_POSTGRES_URL, schema, answers);
  }, 120_000);

  it('sells exactly the stock to 1,000 concurrent claims on one SQLite process', async () => {
    const db = join(tmpdir(), `affinity-flash-${process.pid}-${randomBytes(4).toString('hex')}.sqlite`);
    const file = await writeCampaigns();
    cleanups.push(() => rm(file, { force: true }), async () => void (await Promise.all(['', '-wal', '-shm'].map((x) => rm(db + x, { force: true })))));
    const server = await spawnServer(['--db', db, '--sites', 'demo=*', '--campaigns', file]);
    cleanups.push(() => server.stop());
    const answers = await stampede([server.url]);
    await checkOutcome(db, undefined, answers);
  }, 120_000);
});

// Promotions: the cost of an atomic flash-sale claim against the cheapest durable write on the
// same database, and of verifying a coupon code against one bare HMAC.
// Run: npx tsx bench/promotions.bench.ts   (PostgreSQL case only when AFFINITY_TEST_POSTGRES / the test database answers)
import { createHmac, randomBytes } from 'node:crypto';
import { measurePair, report } from './bench-support';
import { signCoupon, verifyCoupon } from '../packages/server/src/coupons/coupon-code';
import { createSqlitePromotionStore } from '../packages/server/src/promotions/promotion-sqlite';
import { createPostgresPromotionStore } from '../packages/server/src/promotions/promotion-postgres';
import { createSqliteStorage } from '../packages/server/src/storage/sqlite';
import { createPostgresStorage } from '../packages/server/src/storage/postgres';
import { dropSchema, TEST_POSTGRES_URL } from '../packages/server/src/testing/storages';
import type { FlashSaleDefinition } from '../packages/server/src/promotions/promotion-store';

const SALE: FlashSaleDefinition = { id: 'bench', title: 'Bench', item: 'x', price: 1, startsAt: 0, endsAt: 8.64e15, stock: 10_000_000, perVisitor: 1, holdMinutes: 15 };

/** Median ns per call of an async case and its baseline, rounds interleaved. */
async function measureAsync(fn: (i: number) => Promise<unknown>, baseline: (i: number) => Promise<unknown>, iterations: number, rounds = 9): Promise<[number, number]> {
  let n = 0;
  for (let i = 0; i < iterations; i++) (await fn(n++), await baseline(n++));
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [f, into] of [[fn, a], [baseline, b]] as const) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < iterations; i++) await f(n++);
      into.push(Number(process.hrtime.bigint() - t0) / iterations);
    }
  }
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[xs.length >> 1]!;
  return [median(a), median(b)];
}

async function sqliteClaim() {
  const file = `/tmp/affinity-bench-promo-${process.pid}.sqlite`;
  const storage = createSqliteStorage({ file });
  try {
    const store = createSqlitePromotionStore(storage.db);
    await store.putFlashSales('demo', [SALE]);
    storage.db.exec('CREATE TABLE IF NOT EXISTS bench_writes (id TEXT PRIMARY KEY, visitor TEXT)');
    const write = storage.db.prepare('INSERT INTO bench_writes (id, visitor) VALUES (?, ?)');
    const plain = storage.db.transaction((i: number) => write.run(`w${i}`, `v${i}`));
    const [value, baseline] = await measureAsync(
      (i) => store.claimFlashSale('demo', 'bench', `v${i}`, Date.now()),
      async (i) => plain.immediate(i),
      500,
    );
    report('promotions.flash-claim.sqlite (vs one-row immediate transaction)', value, baseline);
  } finally {
    // The checkpointer's worker is unref'd: keep the loop alive until it has exited.
    const keepAlive = setInterval(() => {}, 1000);
    await storage.close();
    clearInterval(keepAlive);
    const { rm } = await import('node:fs/promises');
    await Promise.all(['', '-wal', '-shm'].map((x) => rm(file + x, { force: true })));
  }
}

async function postgresClaim() {
  const schema = `affinity_bench_${process.pid}`;
  let storage;
  try {
    storage = await createPostgresStorage({ url: TEST_POSTGRES_URL, schema, max: 2 });
  } catch (error) {
    console.error(`promotions bench: PostgreSQL case skipped (${(error as Error).message})`);
    return;
  }
  try {
    const sql = storage.sql;
    const store = await createPostgresPromotionStore(sql);
    await store.putFlashSales('demo', [SALE]);
    await sql`CREATE TABLE IF NOT EXISTS bench_writes (id TEXT PRIMARY KEY, visitor TEXT)`;
    const [value, baseline] = await measureAsync(
      (i) => store.claimFlashSale('demo', 'bench', `v${i}`, Date.now()),
      (i) => sql.begin((tx) => tx`INSERT INTO bench_writes (id, visitor) VALUES (${`w${i}`}, ${`v${i}`})`),
      100,
    );
    report('promotions.flash-claim.postgres (vs one-row transaction)', value, baseline);
  } finally {
    await storage.close();
    await dropSchema(schema);
  }
}

function couponVerify() {
  const secret = randomBytes(32).toString('base64url');
  const code = signCoupon(secret, 'demo', { campaign: 'welcome10', nonce: 'k3J9x2aQ0pLm', expiresAt: 1_795_000_000_000 }, 'v:alice');
  const [value, baseline] = measurePair(
    () => verifyCoupon(secret, 'demo', code, 'v:alice'),
    () => createHmac('sha256', secret).update(code).digest(),
    5000,
  );
  report('promotions.coupon-verify (vs one HMAC-SHA256)', value, baseline);
}

couponVerify();
await postgresClaim();
await sqliteClaim();

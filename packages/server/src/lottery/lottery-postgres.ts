import type postgres from 'postgres';
import { runPostgresMigrations } from '../storage/run-migrations';
import { POSTGRES_LOTTERY_MIGRATIONS } from './lottery-migrations';
import { postgresLockBalance, postgresMovePoints } from '../points/ledger-tx';
import { candidatesOf, immediateDelivery, LEDGER, type DrawRecord, type DrawOutcome, type LotteryRecord, type LotteryStore, type PrizeDelivery } from './lottery-store';
import type { LotteryDefinition } from './lottery.schema';

type Db = postgres.Sql | postgres.TransactionSql;
interface DrawRow {
  key: string;
  hash: string;
  lottery: string;
  customer: string;
  ref: string;
  prize: string;
  cost: number;
  delivery: PrizeDelivery | null;
  created: string;
}

/**
 * Lotteries on the PostgreSQL pool the event storage opened (the promotion store's points tables
 * live there too). A draw locks its lottery's row first, so draws on any number of processes run
 * one at a time per lottery; the debit, the guarded unit `UPDATE` and the draw record share that
 * one transaction.
 *
 * @example
 * const lotteries = await createPostgresLotteryStore(storage.sql);
 */
export async function createPostgresLotteryStore(sql: postgres.Sql): Promise<LotteryStore> {
  await runPostgresMigrations(sql, 'lottery_migrations', 'affinity-lotteries', POSTGRES_LOTTERY_MIGRATIONS);

  const record = async (db: Db, site: string, definition: LotteryDefinition): Promise<LotteryRecord> => {
    const rows = await db<{ prize: string; stock: number | null }[]>`SELECT prize, stock FROM lottery_prizes WHERE site = ${site} AND lottery = ${definition.id}`;
    return { definition, remaining: Object.fromEntries(rows.map((r) => [r.prize, r.stock === null ? null : Number(r.stock)])) };
  };
  const findDraw = async (db: Db, site: string, key: string) =>
    (await db<DrawRow[]>`SELECT * FROM lottery_draws WHERE site = ${site} AND key = ${key}`)[0];

  return {
    kind: 'postgres',
    async putLotteries(site, lotteries) {
      const now = Date.now();
      await sql.begin(async (tx) => {
        for (const l of lotteries) {
          await tx`INSERT INTO lotteries (site, id, data, updated) VALUES (${site}, ${l.id}, ${tx.json(l as never)}, ${now})
                   ON CONFLICT (site, id) DO UPDATE SET data = excluded.data, updated = excluded.updated`;
          for (const p of l.prizes) {
            const total = p.stock ?? null;
            await tx`INSERT INTO lottery_prizes (site, lottery, prize, total, stock) VALUES (${site}, ${l.id}, ${p.id}, ${total}, ${total})
                     ON CONFLICT (site, lottery, prize) DO UPDATE SET
                       stock = CASE WHEN excluded.total IS NULL THEN NULL
                                    ELSE greatest(0, coalesce(lottery_prizes.stock, 0) + excluded.total - coalesce(lottery_prizes.total, 0)) END,
                       total = excluded.total`;
          }
        }
      });
    },
    async listLotteries(site) {
      const rows = await sql<{ data: LotteryDefinition }[]>`SELECT data FROM lotteries WHERE site = ${site} ORDER BY id`;
      return Promise.all(rows.map((r) => record(sql, site, r.data)));
    },
    async getLottery(site, id) {
      const [row] = await sql<{ data: LotteryDefinition }[]>`SELECT data FROM lotteries WHERE site = ${site} AND id = ${id}`;
      return row && record(sql, site, row.data);
    },
    async deleteLottery(site, id) {
      return (await sql`DELETE FROM lotteries WHERE site = ${site} AND id = ${id}`).count === 1;
    },
    async findDraw(site, key) {
      const row = await findDraw(sql, site, key);
      return row && toDraw(row);
    },
    async draw(site, r) {
      // One transaction: the debit, the unit, a points prize and the draw record commit together or not at all.
      return sql.begin(async (tx): Promise<DrawOutcome> => {
        const [def] = await tx<{ data: LotteryDefinition }[]>`SELECT data FROM lotteries WHERE site = ${site} AND id = ${r.lottery} FOR UPDATE`;
        // A retry of the same key for another lottery is not behind this lock; the primary key catches it below.
        const existing = await findDraw(tx, site, r.key);
        if (existing) return existing.hash === r.hash ? { kind: 'replay', draw: toDraw(existing) } : { kind: 'key_reused' };
        if (!def) return { kind: 'unknown_lottery' };
        const prize = r.pick(candidatesOf(await record(tx, site, def.data)));
        if (prize === undefined) return { kind: 'sold_out' };
        // Lock order is always lottery row, then account row (nothing locks them the other way round).
        const balance = await postgresLockBalance(tx, site, r.customer);
        if (balance < r.cost) return { kind: 'insufficient_points', balance };
        const taken = await tx`UPDATE lottery_prizes SET stock = stock - 1
                               WHERE site = ${site} AND lottery = ${r.lottery} AND prize = ${prize} AND (stock IS NULL OR stock > 0) RETURNING prize`;
        if (taken.length !== 1) return { kind: 'sold_out' };
        const entry = { site, customer: r.customer, ref: r.ref, now: r.now };
        const debit = await postgresMovePoints(tx, { ...entry, delta: -r.cost, reason: LEDGER.debit });
        if (!debit.ok || debit.duplicate) throw new Error(`lottery debit ${r.ref} refused or already recorded without its draw`);
        const definition = def.data.prizes.find((p) => p.id === prize);
        if (definition?.kind === 'points') await postgresMovePoints(tx, { ...entry, delta: definition.points!, reason: LEDGER.prize });
        const delivery = immediateDelivery(definition);
        const inserted = await tx`INSERT INTO lottery_draws (site, key, hash, lottery, customer, ref, prize, cost, delivery, created)
                                  VALUES (${site}, ${r.key}, ${r.hash}, ${r.lottery}, ${r.customer}, ${r.ref}, ${prize}, ${r.cost}, ${delivery && tx.json(delivery as never)}, ${r.now})
                                  ON CONFLICT DO NOTHING RETURNING key`;
        // Same key raced in from another lottery: undo the debit and the unit by throwing the transaction away.
        if (!inserted.length) throw new KeyTaken();
        return { kind: 'drawn', draw: { key: r.key, hash: r.hash, lottery: r.lottery, customer: r.customer, ref: r.ref, prize, cost: r.cost, delivery, at: r.now } };
      }).catch((error: unknown) => {
        if (error instanceof KeyTaken) return { kind: 'key_reused' as const };
        throw error;
      });
    },
    async setDelivery(site, key, delivery) {
      await sql`UPDATE lottery_draws SET delivery = ${sql.json(delivery as never)} WHERE site = ${site} AND key = ${key}`;
    },
    async draws(site, lottery) {
      return (await sql<DrawRow[]>`SELECT * FROM lottery_draws WHERE site = ${site} AND lottery = ${lottery} ORDER BY created, key`).map(toDraw);
    },
  };
}

class KeyTaken extends Error {}

function toDraw(r: DrawRow): DrawRecord {
  return { key: r.key, hash: r.hash, lottery: r.lottery, customer: r.customer, ref: r.ref, prize: r.prize, cost: Number(r.cost), delivery: r.delivery, at: Number(r.created) };
}

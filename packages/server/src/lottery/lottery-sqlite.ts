import type Database from 'better-sqlite3';
import { runSqliteMigrations } from '../storage/run-migrations';
import { SQLITE_LOTTERY_MIGRATIONS } from './lottery-migrations';
import { sqliteBalance, sqliteMovePoints } from '../points/ledger-tx';
import { candidatesOf, immediateDelivery, LEDGER, type DrawRecord, type DrawOutcome, type DrawRequest, type LotteryRecord, type LotteryStore } from './lottery-store';
import type { LotteryDefinition } from './lottery.schema';

interface DrawRow {
  key: string;
  hash: string;
  lottery: string;
  customer: string;
  ref: string;
  prize: string;
  cost: number;
  delivery: string | null;
  created: number;
}

/**
 * Lotteries on the SQLite database the event storage opened (the promotion store's points tables
 * live there too). A draw runs in one `BEGIN IMMEDIATE` transaction: one writer at a time, also
 * across processes on one file.
 *
 * @example
 * const lotteries = createSqliteLotteryStore(storage.db);
 */
export function createSqliteLotteryStore(db: Database.Database): LotteryStore {
  runSqliteMigrations(db, 'lottery_migrations', SQLITE_LOTTERY_MIGRATIONS);
  const q = <P extends unknown[] | object, R = unknown>(sql: string) => db.prepare<P, R>(sql);
  const putDef = q<[string, string, string, number]>(
    'INSERT INTO lotteries (site, id, data, updated) VALUES (?, ?, ?, ?) ON CONFLICT (site, id) DO UPDATE SET data = excluded.data, updated = excluded.updated',
  );
  const putPrize = q<{ site: string; lottery: string; prize: string; total: number | null }>(
    `INSERT INTO lottery_prizes (site, lottery, prize, total, stock) VALUES (@site, @lottery, @prize, @total, @total)
     ON CONFLICT (site, lottery, prize) DO UPDATE SET
       stock = CASE WHEN excluded.total IS NULL THEN NULL ELSE max(0, coalesce(lottery_prizes.stock, 0) + excluded.total - coalesce(lottery_prizes.total, 0)) END,
       total = excluded.total`,
  );
  const listDefs = q<[string], { data: string }>('SELECT data FROM lotteries WHERE site = ? ORDER BY id');
  const getDef = q<[string, string], { data: string }>('SELECT data FROM lotteries WHERE site = ? AND id = ?');
  const delDef = q<[string, string]>('DELETE FROM lotteries WHERE site = ? AND id = ?');
  const stockOf = q<[string, string], { prize: string; stock: number | null }>('SELECT prize, stock FROM lottery_prizes WHERE site = ? AND lottery = ?');
  const takeUnit = q<[string, string, string]>('UPDATE lottery_prizes SET stock = stock - 1 WHERE site = ? AND lottery = ? AND prize = ? AND (stock IS NULL OR stock > 0)');
  const findDraw = q<[string, string], DrawRow>('SELECT * FROM lottery_draws WHERE site = ? AND key = ?');
  const setDelivery = q<[string, string, string]>('UPDATE lottery_draws SET delivery = ? WHERE site = ? AND key = ?');
  const listDraws = q<[string, string], DrawRow>('SELECT * FROM lottery_draws WHERE site = ? AND lottery = ? ORDER BY created, rowid');

  const record = (site: string, data: string): LotteryRecord => {
    const definition = JSON.parse(data) as LotteryDefinition;
    const remaining = Object.fromEntries(stockOf.all(site, definition.id).map((r) => [r.prize, r.stock]));
    return { definition, remaining };
  };
  const insertDrawDelivered = q<[string, string, string, string, string, string, string, number, string | null, number]>(
    'INSERT INTO lottery_draws (site, key, hash, lottery, customer, ref, prize, cost, delivery, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // One BEGIN IMMEDIATE transaction: the debit, the unit, a points prize and the draw record
  // commit together or not at all.
  const drawTx = db.transaction((site: string, r: DrawRequest): DrawOutcome => {
    const existing = findDraw.get(site, r.key);
    if (existing) return existing.hash === r.hash ? { kind: 'replay', draw: toDraw(existing) } : { kind: 'key_reused' };
    const def = getDef.get(site, r.lottery);
    if (!def) return { kind: 'unknown_lottery' };
    const lottery = record(site, def.data);
    const prize = r.pick(candidatesOf(lottery));
    if (prize === undefined) return { kind: 'sold_out' };
    const balance = sqliteBalance(db, site, r.customer);
    if (balance < r.cost) return { kind: 'insufficient_points', balance };
    if (takeUnit.run(site, r.lottery, prize).changes !== 1) return { kind: 'sold_out' };
    const entry = { site, customer: r.customer, ref: r.ref, now: r.now };
    const debit = sqliteMovePoints(db, { ...entry, delta: -r.cost, reason: LEDGER.debit });
    if (!debit.ok || debit.duplicate) throw new Error(`lottery debit ${r.ref} refused or already recorded without its draw`);
    const definition = lottery.definition.prizes.find((p) => p.id === prize);
    if (definition?.kind === 'points') sqliteMovePoints(db, { ...entry, delta: definition.points!, reason: LEDGER.prize });
    const delivery = immediateDelivery(definition);
    insertDrawDelivered.run(site, r.key, r.hash, r.lottery, r.customer, r.ref, prize, r.cost, delivery && JSON.stringify(delivery), r.now);
    return { kind: 'drawn', draw: { key: r.key, hash: r.hash, lottery: r.lottery, customer: r.customer, ref: r.ref, prize, cost: r.cost, delivery, at: r.now } };
  });

  return {
    kind: 'sqlite',
    async putLotteries(site, lotteries) {
      const now = Date.now();
      db.transaction(() => {
        for (const l of lotteries) {
          putDef.run(site, l.id, JSON.stringify(l), now);
          for (const p of l.prizes) putPrize.run({ site, lottery: l.id, prize: p.id, total: p.stock ?? null });
        }
      }).immediate();
    },
    async listLotteries(site) {
      return listDefs.all(site).map((r) => record(site, r.data));
    },
    async getLottery(site, id) {
      const row = getDef.get(site, id);
      return row && record(site, row.data);
    },
    async deleteLottery(site, id) {
      return delDef.run(site, id).changes === 1;
    },
    async findDraw(site, key) {
      const row = findDraw.get(site, key);
      return row && toDraw(row);
    },
    async draw(site, request) {
      return drawTx.immediate(site, request);
    },
    async setDelivery(site, key, delivery) {
      setDelivery.run(JSON.stringify(delivery), site, key);
    },
    async draws(site, lottery) {
      return listDraws.all(site, lottery).map(toDraw);
    },
  };
}

function toDraw(r: DrawRow): DrawRecord {
  return {
    key: r.key,
    hash: r.hash,
    lottery: r.lottery,
    customer: r.customer,
    ref: r.ref,
    prize: r.prize,
    cost: Number(r.cost),
    delivery: r.delivery === null ? null : (JSON.parse(r.delivery) as DrawRecord['delivery']),
    at: Number(r.created),
  };
}

import type Database from 'better-sqlite3';
import type postgres from 'postgres';

/**
 * Points movements written *inside a transaction someone else opened*, so a points change can
 * commit or roll back together with other writes (a lottery draw's debit, prize stock and draw
 * record; a referral reward and its claim). Same tables and rules as the promotion store's
 * ledger: the balance never goes below zero, and one movement per `reason` + `ref`.
 */
export type LedgerMove = { ok: true; balance: number; duplicate: boolean } | { ok: false; reason: 'insufficient_points'; balance: number };

/** One points movement to record. */
export interface LedgerEntry {
  site: string;
  customer: string;
  delta: number;
  reason: string;
  ref: string;
  now: number;
}

const SQLITE_STATEMENTS = new WeakMap<Database.Database, ReturnType<typeof prepareSqlite>>();

function prepareSqlite(db: Database.Database) {
  return {
    balance: db.prepare<[string, string], { balance: number }>('SELECT balance FROM promo_points WHERE site = ? AND customer = ?'),
    ensure: db.prepare<[string, string]>('INSERT INTO promo_points (site, customer, balance) VALUES (?, ?, 0) ON CONFLICT DO NOTHING'),
    set: db.prepare<[number, string, string]>('UPDATE promo_points SET balance = ? WHERE site = ? AND customer = ?'),
    done: db.prepare<[string, string, string, string], { seq: number }>('SELECT seq FROM promo_points_ledger WHERE site = ? AND customer = ? AND reason = ? AND ref = ?'),
    insert: db.prepare<[string, string, number, number, string, string, number]>(
      'INSERT INTO promo_points_ledger (site, customer, delta, balance, reason, ref, created) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
  };
}

function sqlite(db: Database.Database) {
  let s = SQLITE_STATEMENTS.get(db);
  if (!s) SQLITE_STATEMENTS.set(db, (s = prepareSqlite(db)));
  return s;
}

/**
 * A customer's balance on SQLite (0 without an account). Call inside the caller's transaction.
 *
 * @example
 * db.transaction(() => sqliteBalance(db, 'demo', 'c-1')).immediate();
 */
export function sqliteBalance(db: Database.Database, site: string, customer: string): number {
  return sqlite(db).balance.get(site, customer)?.balance ?? 0;
}

/**
 * Record one movement on SQLite inside the caller's (`BEGIN IMMEDIATE`) transaction.
 *
 * @example
 * db.transaction(() => sqliteMovePoints(db, { site: 'demo', customer: 'c-1', delta: -10, reason: 'lottery', ref: 'wheel/k1', now })).immediate();
 */
export function sqliteMovePoints(db: Database.Database, e: LedgerEntry): LedgerMove {
  const s = sqlite(db);
  if (s.done.get(e.site, e.customer, e.reason, e.ref)) return { ok: true, balance: sqliteBalance(db, e.site, e.customer), duplicate: true };
  s.ensure.run(e.site, e.customer);
  const current = sqliteBalance(db, e.site, e.customer);
  if (current + e.delta < 0) return { ok: false, reason: 'insufficient_points', balance: current };
  s.set.run(current + e.delta, e.site, e.customer);
  s.insert.run(e.site, e.customer, e.delta, current + e.delta, e.reason, e.ref, e.now);
  return { ok: true, balance: current + e.delta, duplicate: false };
}

/**
 * A customer's balance on PostgreSQL, locking their account row until the transaction ends
 * (0 and no lock without an account).
 *
 * @example
 * await sql.begin((tx) => postgresLockBalance(tx, 'demo', 'c-1'));
 */
export async function postgresLockBalance(tx: postgres.TransactionSql, site: string, customer: string): Promise<number> {
  const [row] = await tx<{ balance: string }[]>`SELECT balance FROM promo_points WHERE site = ${site} AND customer = ${customer} FOR UPDATE`;
  return Number(row?.balance ?? 0);
}

/**
 * Record one movement on PostgreSQL inside the caller's transaction (the account row is locked
 * first, so concurrent movements of one customer queue on it in every process).
 *
 * @example
 * await sql.begin((tx) => postgresMovePoints(tx, { site: 'demo', customer: 'c-1', delta: 50, reason: 'referral', ref: 'r1', now }));
 */
export async function postgresMovePoints(tx: postgres.TransactionSql, e: LedgerEntry): Promise<LedgerMove> {
  await tx`INSERT INTO promo_points (site, customer, balance) VALUES (${e.site}, ${e.customer}, 0) ON CONFLICT DO NOTHING`;
  const current = await postgresLockBalance(tx, e.site, e.customer);
  const [done] = await tx`SELECT 1 FROM promo_points_ledger WHERE site = ${e.site} AND customer = ${e.customer} AND reason = ${e.reason} AND ref = ${e.ref}`;
  if (done) return { ok: true, balance: current, duplicate: true };
  if (current + e.delta < 0) return { ok: false, reason: 'insufficient_points', balance: current };
  await tx`UPDATE promo_points SET balance = ${current + e.delta} WHERE site = ${e.site} AND customer = ${e.customer}`;
  await tx`INSERT INTO promo_points_ledger (site, customer, delta, balance, reason, ref, created)
           VALUES (${e.site}, ${e.customer}, ${e.delta}, ${current + e.delta}, ${e.reason}, ${e.ref}, ${e.now})`;
  return { ok: true, balance: current + e.delta, duplicate: false };
}

import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { FlashReservation } from '@affinity/core';
import type { Migration } from '../storage/migration';
import { runSqliteMigrations } from '../storage/run-migrations';
import { SQLITE_PROMOTION_MIGRATIONS } from './promotion-migrations';
import {
  ERASED,
  utcDay,
  type CampaignDefinition,
  type CouponRecord,
  type ExchangeOutcome,
  type FlashSaleDefinition,
  type IssueOutcome,
  type IssueRequest,
  type PointsOutcome,
  type PromotionStats,
  type PromotionStore,
} from './promotion-store';

interface CouponRow {
  nonce: string;
  campaign: string;
  subject: string;
  code: string;
  issued: number;
  expires: number;
  redeemed: number | null;
  order_id: string | null;
}
interface ReservationRow {
  id: string;
  sale: string;
  status: FlashReservation['status'];
  expires: number;
}

/**
 * Promotions on the SQLite database the event storage already opened. Guarded writes run in
 * `BEGIN IMMEDIATE` transactions: one writer at a time, also across processes on one file.
 *
 * @example
 * const store = createSqlitePromotionStore(createSqliteStorage({ file: ':memory:' }).db);
 */
export function createSqlitePromotionStore(db: Database.Database): PromotionStore {
  migrate(db, SQLITE_PROMOTION_MIGRATIONS);
  const q = <P extends unknown[] | object, R = unknown>(sql: string) => db.prepare<P, R>(sql);

  const getSetting = q<[string], { value: string }>('SELECT value FROM promo_settings WHERE name = ?');
  const promotionStats = q<{ site: string }, PromotionStats>(
    `SELECT (SELECT count(*) FROM promo_coupons WHERE site = @site) AS couponsClaimed,
            (SELECT count(DISTINCT subject) FROM promo_coupons WHERE site = @site) AS couponHolders,
            (SELECT count(redeemed) FROM promo_coupons WHERE site = @site) AS couponsRedeemed,
            (SELECT coalesce(sum(delta), 0) FROM promo_points_ledger WHERE site = @site AND delta > 0) AS pointsAwarded,
            (SELECT coalesce(-sum(delta), 0) FROM promo_points_ledger WHERE site = @site AND delta < 0) AS pointsSpent,
            (SELECT count(DISTINCT customer) FROM promo_points_ledger WHERE site = @site AND delta > 0) AS pointsCustomers`,
  );
  const addSetting = q<[string, string]>('INSERT INTO promo_settings (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const putCampaign = q<[string, string, string, number]>(
    'INSERT INTO promo_campaigns (site, id, data, updated) VALUES (?, ?, ?, ?) ON CONFLICT (site, id) DO UPDATE SET data = excluded.data, updated = excluded.updated',
  );
  const listCampaigns = q<[string], { data: string }>('SELECT data FROM promo_campaigns WHERE site = ? ORDER BY id');
  const getCampaign = q<[string, string], { data: string }>('SELECT data FROM promo_campaigns WHERE site = ? AND id = ?');
  const delCampaign = q<[string, string]>('DELETE FROM promo_campaigns WHERE site = ? AND id = ?');
  const counts = q<{ site: string; id: string; day: string }, { issued: number; redeemed: number; today: number }>(
    `SELECT count(*) AS issued, count(redeemed) AS redeemed, coalesce(sum(day = @day), 0) AS today
     FROM promo_coupons WHERE site = @site AND campaign = @id`,
  );
  const subjectCoupons = q<[string, string, string], CouponRow>(
    'SELECT * FROM promo_coupons WHERE site = ? AND campaign = ? AND subject = ? ORDER BY issued',
  );
  const totalIssued = q<[string, string], { n: number }>('SELECT count(*) AS n FROM promo_coupons WHERE site = ? AND campaign = ?');
  const dayIssued = q<[string, string, string], { n: number }>('SELECT count(*) AS n FROM promo_coupons WHERE site = ? AND campaign = ? AND day = ?');
  const insertCoupon = q<[string, string, string, string, string, number, string, number]>(
    'INSERT INTO promo_coupons (site, nonce, campaign, subject, code, issued, day, expires) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const findCoupon = q<[string, string], CouponRow>('SELECT * FROM promo_coupons WHERE site = ? AND nonce = ?');
  const markRedeemed = q<[number, string, string, string]>('UPDATE promo_coupons SET redeemed = ?, order_id = ? WHERE site = ? AND nonce = ? AND redeemed IS NULL');
  const getAnswer = q<[string, string], { hash: string; status: number; body: string }>('SELECT hash, status, body FROM promo_redemptions WHERE site = ? AND key = ?');
  const putAnswer = q<[string, string, string, number, string, number]>(
    'INSERT INTO promo_redemptions (site, key, hash, status, body, created) VALUES (?, ?, ?, ?, ?, ?)',
  );

  const putSale = q<{ site: string; id: string; data: string; total: number; now: number }>(
    `INSERT INTO promo_flash_sales (site, id, data, total, stock, updated) VALUES (@site, @id, @data, @total, @total, @now)
     ON CONFLICT (site, id) DO UPDATE SET data = excluded.data, updated = excluded.updated,
       stock = max(0, promo_flash_sales.stock + excluded.total - promo_flash_sales.total), total = excluded.total`,
  );
  const listSales = q<[number, string], { data: string; stock: number }>(
    `SELECT data, stock + (SELECT count(*) FROM promo_reservations r WHERE r.site = s.site AND r.sale = s.id AND r.status = 'held' AND r.expires <= ?) AS stock
     FROM promo_flash_sales s WHERE site = ? ORDER BY id`,
  );
  const getSale = q<[string, string], { data: string; stock: number }>('SELECT data, stock FROM promo_flash_sales WHERE site = ? AND id = ?');
  const delSale = q<[string, string]>('DELETE FROM promo_flash_sales WHERE site = ? AND id = ?');
  const expireHolds = q<[string, string, number]>("UPDATE promo_reservations SET status = 'expired' WHERE site = ? AND sale = ? AND status = 'held' AND expires <= ?");
  const restock = q<[number, string, string]>('UPDATE promo_flash_sales SET stock = stock + ? WHERE site = ? AND id = ?');
  const takeUnit = q<[string, string], { stock: number }>('UPDATE promo_flash_sales SET stock = stock - 1 WHERE site = ? AND id = ? AND stock > 0 RETURNING stock');
  const visitorHolds = q<[string, string, string], ReservationRow>(
    'SELECT id, sale, status, expires FROM promo_reservations WHERE site = ? AND sale = ? AND visitor = ? ORDER BY created',
  );
  const insertHold = q<[string, string, string, string, number, number]>(
    "INSERT INTO promo_reservations (site, id, sale, visitor, status, created, expires) VALUES (?, ?, ?, ?, 'held', ?, ?)",
  );
  const getHold = q<[string, string, string], ReservationRow>('SELECT id, sale, status, expires FROM promo_reservations WHERE site = ? AND sale = ? AND id = ?');
  const completeHold = q<[string, string, string]>("UPDATE promo_reservations SET status = 'completed', order_id = ? WHERE site = ? AND id = ?");

  const ensureAccount = q<[string, string]>('INSERT INTO promo_points (site, customer, balance) VALUES (?, ?, 0) ON CONFLICT DO NOTHING');
  const balance = q<[string, string], { balance: number }>('SELECT balance FROM promo_points WHERE site = ? AND customer = ?');
  const setBalance = q<[number, string, string]>('UPDATE promo_points SET balance = ? WHERE site = ? AND customer = ?');
  const findMove = q<[string, string, string, string], { balance: number }>(
    'SELECT balance FROM promo_points_ledger WHERE site = ? AND customer = ? AND reason = ? AND ref = ?',
  );
  const insertMove = q<[string, string, number, number, string, string, number]>(
    'INSERT INTO promo_points_ledger (site, customer, delta, balance, reason, ref, created) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const movements = q<[string, string, number], { delta: number; balance: number; reason: string; ref: string; created: number }>(
    'SELECT delta, balance, reason, ref, created FROM promo_points_ledger WHERE site = ? AND customer = ? ORDER BY seq DESC LIMIT ?',
  );

  const eraseCoupons = q<[string, string, string]>('UPDATE promo_coupons SET subject = ? WHERE site = ? AND subject = ?');
  const eraseHolds = q<[string, string, string]>('UPDATE promo_reservations SET visitor = ? WHERE site = ? AND visitor = ?');

  const releaseExpired = (site: string, id: string, now: number) => {
    const n = expireHolds.run(site, id, now).changes;
    if (n) restock.run(n, site, id);
  };
  const issue = (site: string, r: IssueRequest): IssueOutcome => {
    const c = r.campaign;
    if (!getCampaign.get(site, c.id)) return { ok: false, reason: 'unknown_campaign' };
    const mine = subjectCoupons.all(site, c.id, r.subject);
    const usable = mine.find((row) => row.redeemed === null && row.expires > r.now);
    if (usable) return { ok: true, coupon: toCoupon(usable), existing: true };
    if (mine.length >= c.caps.perVisitor) return { ok: false, reason: 'per_visitor_cap' };
    if (c.caps.total !== undefined && totalIssued.get(site, c.id)!.n >= c.caps.total) return { ok: false, reason: 'total_cap' };
    const day = utcDay(r.now);
    if (c.caps.perDay !== undefined && dayIssued.get(site, c.id, day)!.n >= c.caps.perDay) return { ok: false, reason: 'daily_cap' };
    const nonce = newId();
    const code = r.sign(nonce, r.expiresAt);
    insertCoupon.run(site, nonce, c.id, r.subject, code, r.now, day, r.expiresAt);
    return { ok: true, existing: false, coupon: { nonce, campaign: c.id, subject: r.subject, code, issuedAt: r.now, expiresAt: r.expiresAt, redeemedAt: null, orderId: null } };
  };
  const move = (site: string, customer: string, delta: number, reason: string, ref: string, now: number): PointsOutcome => {
    const done = findMove.get(site, customer, reason, ref);
    if (done) return { ok: true, balance: balance.get(site, customer)?.balance ?? 0, duplicate: true };
    ensureAccount.run(site, customer);
    const current = balance.get(site, customer)!.balance;
    if (current + delta < 0) return { ok: false, reason: 'insufficient_points', balance: current };
    setBalance.run(current + delta, site, customer);
    insertMove.run(site, customer, delta, current + delta, reason, ref, now);
    return { ok: true, balance: current + delta, duplicate: false };
  };
  const immediate = <A extends unknown[], R>(fn: (...args: A) => R) => {
    const tx = db.transaction(fn);
    return (...args: A): R => tx.immediate(...args);
  };
  const issueTx = immediate(issue);
  const moveTx = immediate(move);
  const exchangeTx = immediate((site: string, customer: string, cost: number, r: IssueRequest): ExchangeOutcome => {
    const issued = issue(site, r);
    const current = () => balance.get(site, customer)?.balance ?? 0;
    if (!issued.ok) return { ok: false, reason: issued.reason, balance: current() };
    if (issued.existing) return { ok: true, coupon: issued.coupon, existing: true, balance: current() };
    const spent = move(site, customer, -cost, 'exchange', issued.coupon.nonce, r.now);
    // Throwing rolls the coupon back: no points, no code.
    if (!spent.ok) throw new ExchangeRefused(spent.balance);
    return { ok: true, coupon: issued.coupon, existing: false, balance: spent.balance };
  });

  return {
    kind: 'sqlite',
    async storedSecret() {
      addSetting.run('coupon_secret', randomBytes(32).toString('base64url'));
      return getSetting.get('coupon_secret')!.value;
    },
    async putCampaigns(site, campaigns) {
      const now = Date.now();
      db.transaction(() => campaigns.forEach((c) => putCampaign.run(site, c.id, JSON.stringify(c), now)))();
    },
    async listCampaigns(site) {
      return listCampaigns.all(site).map((r) => JSON.parse(r.data) as CampaignDefinition);
    },
    async getCampaign(site, id) {
      const row = getCampaign.get(site, id);
      return row && (JSON.parse(row.data) as CampaignDefinition);
    },
    async deleteCampaign(site, id) {
      return delCampaign.run(site, id).changes === 1;
    },
    async campaignCounts(site, id, day) {
      return counts.get({ site, id, day })!;
    },
    async promotionStats(site) {
      return promotionStats.get({ site })!;
    },
    async issueCoupon(site, request) {
      return issueTx(site, request);
    },
    async findCoupon(site, nonce) {
      const row = findCoupon.get(site, nonce);
      return row && toCoupon(row);
    },
    async redeem(site, key, hash, nonce, decide) {
      return immediate(() => {
        const stored = getAnswer.get(site, key);
        if (stored) return stored.hash === hash ? { kind: 'answered' as const, replay: true, answer: { status: stored.status, body: JSON.parse(stored.body) } } : { kind: 'key_reused' as const };
        const row = findCoupon.get(site, nonce);
        const { answer, redeem } = decide(row && toCoupon(row));
        if (redeem) markRedeemed.run(redeem.at, redeem.orderId, site, nonce);
        putAnswer.run(site, key, hash, answer.status, JSON.stringify(answer.body), Date.now());
        return { kind: 'answered' as const, replay: false, answer };
      })();
    },
    async putFlashSales(site, sales) {
      const now = Date.now();
      db.transaction(() => sales.forEach((s) => putSale.run({ site, id: s.id, data: JSON.stringify(s), total: s.stock, now }))).immediate();
    },
    async listFlashSales(site, now = 0) {
      return listSales.all(now, site).map((r) => ({ definition: JSON.parse(r.data) as FlashSaleDefinition, remaining: r.stock }));
    },
    async getFlashSale(site, id, now) {
      const row = immediate(() => {
        releaseExpired(site, id, now);
        return getSale.get(site, id);
      })();
      return row && { definition: JSON.parse(row.data) as FlashSaleDefinition, remaining: row.stock };
    },
    async flashSaleDefinition(site, id) {
      const row = getSale.get(site, id);
      return row && (JSON.parse(row.data) as FlashSaleDefinition);
    },
    async deleteFlashSale(site, id) {
      return delSale.run(site, id).changes === 1;
    },
    async claimFlashSale(site, id, visitor, now) {
      return immediate(() => {
        releaseExpired(site, id, now);
        const sale = getSale.get(site, id);
        if (!sale) return { ok: false as const, reason: 'unknown_sale' as const, remaining: 0, reservations: [] };
        const def = JSON.parse(sale.data) as FlashSaleDefinition;
        const mine = visitorHolds.all(site, id, visitor).map(toReservation);
        if (mine.filter((r) => r.status !== 'expired').length >= def.perVisitor) {
          return { ok: false as const, reason: 'limit_reached' as const, remaining: sale.stock, reservations: mine };
        }
        const taken = takeUnit.get(site, id);
        if (!taken) return { ok: false as const, reason: 'sold_out' as const, remaining: 0, reservations: mine };
        const reservation: FlashReservation = { id: newId(), sale: id, status: 'held', expiresAt: now + def.holdMinutes * 60_000 };
        insertHold.run(site, reservation.id, id, visitor, now, reservation.expiresAt);
        return { ok: true as const, reservation, remaining: taken.stock };
      })();
    },
    async reservations(site, id, visitor, now) {
      return immediate(() => {
        releaseExpired(site, id, now);
        return visitorHolds.all(site, id, visitor).map(toReservation);
      })();
    },
    async completeReservation(site, id, reservation, orderId, now) {
      return immediate(() => {
        releaseExpired(site, id, now);
        const row = getHold.get(site, id, reservation);
        if (!row) return { ok: false as const, reason: 'unknown_reservation' as const };
        if (row.status === 'expired') return { ok: false as const, reason: 'reservation_expired' as const };
        if (row.status === 'completed') return { ok: false as const, reason: 'already_completed' as const };
        completeHold.run(orderId, site, reservation);
        return { ok: true as const, reservation: { ...toReservation(row), status: 'completed' as const } };
      })();
    },
    async movePoints(site, customer, delta, reason, ref, now) {
      return moveTx(site, customer, delta, reason, ref, now);
    },
    async exchangePoints(site, customer, cost, request) {
      try {
        return exchangeTx(site, customer, cost, request);
      } catch (error) {
        if (error instanceof ExchangeRefused) return { ok: false, reason: 'insufficient_points', balance: error.balance };
        throw error;
      }
    },
    async eraseVisitor(site, visitor) {
      return db.transaction(() => ({
        coupons: eraseCoupons.run(ERASED, site, `v:${visitor}`).changes,
        reservations: eraseHolds.run(ERASED, site, visitor).changes,
      }))();
    },
    async points(site, customer, limit) {
      return {
        balance: balance.get(site, customer)?.balance ?? 0,
        movements: movements.all(site, customer, limit).map((m) => ({ delta: m.delta, balance: m.balance, reason: m.reason, ref: m.ref, at: m.created })),
      };
    },
  };
}

/** Thrown inside an exchange transaction to roll the issued coupon back when the points do not suffice. */
export class ExchangeRefused extends Error {
  constructor(readonly balance: number) {
    super('not enough points');
  }
}

/** A random id for codes and reservations: 12 url-safe characters, 72 bits. */
export function newId(): string {
  return randomBytes(9).toString('base64url');
}

function toCoupon(r: CouponRow): CouponRecord {
  return {
    nonce: r.nonce,
    campaign: r.campaign,
    subject: r.subject,
    code: r.code,
    issuedAt: Number(r.issued),
    expiresAt: Number(r.expires),
    redeemedAt: r.redeemed === null ? null : Number(r.redeemed),
    orderId: r.order_id,
  };
}

function toReservation(r: ReservationRow): FlashReservation {
  return { id: r.id, sale: r.sale, status: r.status, expiresAt: Number(r.expires) };
}


function migrate(db: Database.Database, migrations: readonly Migration[]): void {
  runSqliteMigrations(db, 'promotion_migrations', migrations);
}

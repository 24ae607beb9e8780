import { randomBytes } from 'node:crypto';
import type postgres from 'postgres';
import type { FlashReservation } from '@affinity/core';
import type { Migration } from '../storage/migration';
import { runPostgresMigrations } from '../storage/run-migrations';
import { POSTGRES_PROMOTION_MIGRATIONS } from './promotion-migrations';
import { newId } from './promotion-sqlite';
import {
  ERASED,
  utcDay,
  type CampaignDefinition,
  type CouponRecord,
  type FlashSaleDefinition,
  type IssueOutcome,
  type IssueRequest,
  type PointsOutcome,
  type PromotionStats,
  type PromotionStore,
} from './promotion-store';

type Tx = postgres.TransactionSql;
interface CouponRow {
  nonce: string;
  campaign: string;
  subject: string;
  code: string;
  issued: string;
  expires: string;
  redeemed: string | null;
  order_id: string | null;
}
interface ReservationRow {
  id: string;
  sale: string;
  status: FlashReservation['status'];
  expires: string;
}

/** Thrown inside an exchange transaction to roll the issued coupon back. */
class NotEnoughPoints extends Error {
  constructor(readonly balance: number) {
    super('not enough points');
  }
}

/**
 * Promotions on the PostgreSQL connection pool the event storage opened (same schema through its
 * `search_path`). Every guarded write locks the one row it guards — the campaign for caps, the
 * sale for stock, the coupon for single use, the account for points — so concurrent requests on
 * any number of server processes queue on that row and none can oversell.
 *
 * @example
 * const store = await createPostgresPromotionStore(storage.sql);
 */
export async function createPostgresPromotionStore(sql: postgres.Sql): Promise<PromotionStore> {
  await migrate(sql, POSTGRES_PROMOTION_MIGRATIONS);

  const releaseAndLockSale = async (tx: Tx, site: string, id: string, now: number) => {
    // Updating the sale row (even by +0) takes its lock: everything after this in the
    // transaction runs for one claim at a time, in every process.
    const [row] = await tx<{ data: FlashSaleDefinition; stock: number }[]>`
      WITH expired AS (
        UPDATE promo_reservations SET status = 'expired'
        WHERE site = ${site} AND sale = ${id} AND status = 'held' AND expires <= ${now} RETURNING 1)
      UPDATE promo_flash_sales SET stock = stock + (SELECT count(*) FROM expired)
      WHERE site = ${site} AND id = ${id} RETURNING data, stock`;
    return row;
  };
  const visitorHolds = async (tx: Tx | postgres.Sql, site: string, id: string, visitor: string) =>
    (await tx<ReservationRow[]>`SELECT id, sale, status, expires FROM promo_reservations WHERE site = ${site} AND sale = ${id} AND visitor = ${visitor} ORDER BY created, id`).map(toReservation);

  const issue = async (tx: Tx, site: string, r: IssueRequest): Promise<IssueOutcome> => {
    const c = r.campaign;
    const [locked] = await tx`SELECT 1 FROM promo_campaigns WHERE site = ${site} AND id = ${c.id} FOR UPDATE`;
    if (!locked) return { ok: false, reason: 'unknown_campaign' };
    const mine = await tx<CouponRow[]>`SELECT * FROM promo_coupons WHERE site = ${site} AND campaign = ${c.id} AND subject = ${r.subject} ORDER BY issued`;
    const usable = mine.find((row) => row.redeemed === null && Number(row.expires) > r.now);
    if (usable) return { ok: true, coupon: toCoupon(usable), existing: true };
    if (mine.length >= c.caps.perVisitor) return { ok: false, reason: 'per_visitor_cap' };
    const day = utcDay(r.now);
    const [n] = await tx<{ total: string; today: string }[]>`
      SELECT count(*) AS total, count(*) FILTER (WHERE day = ${day}) AS today FROM promo_coupons WHERE site = ${site} AND campaign = ${c.id}`;
    if (c.caps.total !== undefined && Number(n!.total) >= c.caps.total) return { ok: false, reason: 'total_cap' };
    if (c.caps.perDay !== undefined && Number(n!.today) >= c.caps.perDay) return { ok: false, reason: 'daily_cap' };
    const nonce = newId();
    const code = r.sign(nonce, r.expiresAt);
    await tx`INSERT INTO promo_coupons (site, nonce, campaign, subject, code, issued, day, expires)
             VALUES (${site}, ${nonce}, ${c.id}, ${r.subject}, ${code}, ${r.now}, ${day}, ${r.expiresAt})`;
    return { ok: true, existing: false, coupon: { nonce, campaign: c.id, subject: r.subject, code, issuedAt: r.now, expiresAt: r.expiresAt, redeemedAt: null, orderId: null } };
  };

  const move = async (tx: Tx, site: string, customer: string, delta: number, reason: string, ref: string, now: number): Promise<PointsOutcome> => {
    await tx`INSERT INTO promo_points (site, customer, balance) VALUES (${site}, ${customer}, 0) ON CONFLICT DO NOTHING`;
    const [account] = await tx<{ balance: string }[]>`SELECT balance FROM promo_points WHERE site = ${site} AND customer = ${customer} FOR UPDATE`;
    const current = Number(account!.balance);
    const [done] = await tx`SELECT 1 FROM promo_points_ledger WHERE site = ${site} AND customer = ${customer} AND reason = ${reason} AND ref = ${ref}`;
    if (done) return { ok: true, balance: current, duplicate: true };
    if (current + delta < 0) return { ok: false, reason: 'insufficient_points', balance: current };
    await tx`UPDATE promo_points SET balance = ${current + delta} WHERE site = ${site} AND customer = ${customer}`;
    await tx`INSERT INTO promo_points_ledger (site, customer, delta, balance, reason, ref, created)
             VALUES (${site}, ${customer}, ${delta}, ${current + delta}, ${reason}, ${ref}, ${now})`;
    return { ok: true, balance: current + delta, duplicate: false };
  };
  // Inside a transaction, pass its `tx`: asking the pool for a second connection while holding a
  // row lock can starve the pool when every connection waits on that lock.
  const balanceOf = async (db: Tx | postgres.Sql, site: string, customer: string) =>
    Number((await db<{ balance: string }[]>`SELECT balance FROM promo_points WHERE site = ${site} AND customer = ${customer}`)[0]?.balance ?? 0);

  return {
    kind: 'postgres',
    async storedSecret() {
      await sql`INSERT INTO promo_settings (name, value) VALUES ('coupon_secret', ${randomBytes(32).toString('base64url')}) ON CONFLICT DO NOTHING`;
      const [row] = await sql<{ value: string }[]>`SELECT value FROM promo_settings WHERE name = 'coupon_secret'`;
      return row!.value;
    },
    async putCampaigns(site, campaigns) {
      const now = Date.now();
      await sql.begin(async (tx) => {
        for (const c of campaigns) {
          await tx`INSERT INTO promo_campaigns (site, id, data, updated) VALUES (${site}, ${c.id}, ${tx.json(c as never)}, ${now})
                   ON CONFLICT (site, id) DO UPDATE SET data = excluded.data, updated = excluded.updated`;
        }
      });
    },
    async listCampaigns(site) {
      return (await sql<{ data: CampaignDefinition }[]>`SELECT data FROM promo_campaigns WHERE site = ${site} ORDER BY id`).map((r) => r.data);
    },
    async getCampaign(site, id) {
      return (await sql<{ data: CampaignDefinition }[]>`SELECT data FROM promo_campaigns WHERE site = ${site} AND id = ${id}`)[0]?.data;
    },
    async deleteCampaign(site, id) {
      return (await sql`DELETE FROM promo_campaigns WHERE site = ${site} AND id = ${id}`).count === 1;
    },
    async campaignCounts(site, id, day) {
      const [r] = await sql<{ issued: string; redeemed: string; today: string }[]>`
        SELECT count(*) AS issued, count(redeemed) AS redeemed, count(*) FILTER (WHERE day = ${day}) AS today
        FROM promo_coupons WHERE site = ${site} AND campaign = ${id}`;
      return { issued: Number(r!.issued), redeemed: Number(r!.redeemed), today: Number(r!.today) };
    },
    async promotionStats(site) {
      const [r] = await sql<Record<keyof PromotionStats, string>[]>`
        SELECT (SELECT count(*) FROM promo_coupons WHERE site = ${site}) AS "couponsClaimed",
               (SELECT count(DISTINCT subject) FROM promo_coupons WHERE site = ${site}) AS "couponHolders",
               (SELECT count(redeemed) FROM promo_coupons WHERE site = ${site}) AS "couponsRedeemed",
               (SELECT coalesce(sum(delta), 0) FROM promo_points_ledger WHERE site = ${site} AND delta > 0) AS "pointsAwarded",
               (SELECT coalesce(-sum(delta), 0) FROM promo_points_ledger WHERE site = ${site} AND delta < 0) AS "pointsSpent",
               (SELECT count(DISTINCT customer) FROM promo_points_ledger WHERE site = ${site} AND delta > 0) AS "pointsCustomers"`;
      return Object.fromEntries(Object.entries(r!).map(([k, v]) => [k, Number(v)])) as unknown as PromotionStats;
    },
    async issueCoupon(site, request) {
      return sql.begin((tx) => issue(tx, site, request));
    },
    async findCoupon(site, nonce) {
      const [row] = await sql<CouponRow[]>`SELECT * FROM promo_coupons WHERE site = ${site} AND nonce = ${nonce}`;
      return row && toCoupon(row);
    },
    async redeem(site, key, hash, nonce, decide) {
      return sql.begin(async (tx) => {
        // A concurrent request with the same key waits here until the first commits, then replays its answer.
        const fresh = await tx`INSERT INTO promo_redemptions (site, key, hash, created) VALUES (${site}, ${key}, ${hash}, ${Date.now()}) ON CONFLICT DO NOTHING RETURNING key`;
        if (!fresh.length) {
          const [stored] = await tx<{ hash: string; status: number; body: Record<string, unknown> }[]>`SELECT hash, status, body FROM promo_redemptions WHERE site = ${site} AND key = ${key}`;
          return stored!.hash === hash ? { kind: 'answered' as const, replay: true, answer: { status: stored!.status, body: stored!.body } } : { kind: 'key_reused' as const };
        }
        const [row] = await tx<CouponRow[]>`SELECT * FROM promo_coupons WHERE site = ${site} AND nonce = ${nonce} FOR UPDATE`;
        const { answer, redeem } = decide(row && toCoupon(row));
        if (redeem) await tx`UPDATE promo_coupons SET redeemed = ${redeem.at}, order_id = ${redeem.orderId} WHERE site = ${site} AND nonce = ${nonce} AND redeemed IS NULL`;
        await tx`UPDATE promo_redemptions SET status = ${answer.status}, body = ${tx.json(answer.body as never)} WHERE site = ${site} AND key = ${key}`;
        return { kind: 'answered' as const, replay: false, answer };
      });
    },
    async putFlashSales(site, sales) {
      const now = Date.now();
      await sql.begin(async (tx) => {
        for (const s of sales) {
          await tx`INSERT INTO promo_flash_sales (site, id, data, total, stock, updated) VALUES (${site}, ${s.id}, ${tx.json(s as never)}, ${s.stock}, ${s.stock}, ${now})
                   ON CONFLICT (site, id) DO UPDATE SET data = excluded.data, updated = excluded.updated,
                     stock = greatest(0, promo_flash_sales.stock + excluded.total - promo_flash_sales.total), total = excluded.total`;
        }
      });
    },
    async listFlashSales(site, now = 0) {
      const rows = await sql<{ data: FlashSaleDefinition; stock: string }[]>`
        SELECT data, stock + (SELECT count(*) FROM promo_reservations r WHERE r.site = s.site AND r.sale = s.id AND r.status = 'held' AND r.expires <= ${now}) AS stock
        FROM promo_flash_sales s WHERE site = ${site} ORDER BY id`;
      return rows.map((r) => ({ definition: r.data, remaining: Number(r.stock) }));
    },
    async getFlashSale(site, id, now) {
      const row = await sql.begin((tx) => releaseAndLockSale(tx, site, id, now));
      return row && { definition: row.data, remaining: row.stock };
    },
    async flashSaleDefinition(site, id) {
      return (await sql<{ data: FlashSaleDefinition }[]>`SELECT data FROM promo_flash_sales WHERE site = ${site} AND id = ${id}`)[0]?.data;
    },
    async deleteFlashSale(site, id) {
      return (await sql`DELETE FROM promo_flash_sales WHERE site = ${site} AND id = ${id}`).count === 1;
    },
    async claimFlashSale(site, id, visitor, now) {
      return sql.begin(async (tx) => {
        const sale = await releaseAndLockSale(tx, site, id, now);
        if (!sale) return { ok: false as const, reason: 'unknown_sale' as const, remaining: 0, reservations: [] };
        const mine = await visitorHolds(tx, site, id, visitor);
        if (mine.filter((r) => r.status !== 'expired').length >= sale.data.perVisitor) {
          return { ok: false as const, reason: 'limit_reached' as const, remaining: sale.stock, reservations: mine };
        }
        const [taken] = await tx<{ stock: number }[]>`UPDATE promo_flash_sales SET stock = stock - 1 WHERE site = ${site} AND id = ${id} AND stock > 0 RETURNING stock`;
        if (!taken) return { ok: false as const, reason: 'sold_out' as const, remaining: 0, reservations: mine };
        const reservation: FlashReservation = { id: newId(), sale: id, status: 'held', expiresAt: now + sale.data.holdMinutes * 60_000 };
        await tx`INSERT INTO promo_reservations (site, id, sale, visitor, status, created, expires)
                 VALUES (${site}, ${reservation.id}, ${id}, ${visitor}, 'held', ${now}, ${reservation.expiresAt})`;
        return { ok: true as const, reservation, remaining: taken.stock };
      });
    },
    async reservations(site, id, visitor, now) {
      return sql.begin(async (tx) => {
        await releaseAndLockSale(tx, site, id, now);
        return visitorHolds(tx, site, id, visitor);
      });
    },
    async completeReservation(site, id, reservation, orderId, now) {
      return sql.begin(async (tx) => {
        await releaseAndLockSale(tx, site, id, now);
        const [row] = await tx<ReservationRow[]>`SELECT id, sale, status, expires FROM promo_reservations WHERE site = ${site} AND sale = ${id} AND id = ${reservation}`;
        if (!row) return { ok: false as const, reason: 'unknown_reservation' as const };
        if (row.status === 'expired') return { ok: false as const, reason: 'reservation_expired' as const };
        if (row.status === 'completed') return { ok: false as const, reason: 'already_completed' as const };
        await tx`UPDATE promo_reservations SET status = 'completed', order_id = ${orderId} WHERE site = ${site} AND id = ${reservation}`;
        return { ok: true as const, reservation: { ...toReservation(row), status: 'completed' as const } };
      });
    },
    async movePoints(site, customer, delta, reason, ref, now) {
      return sql.begin((tx) => move(tx, site, customer, delta, reason, ref, now));
    },
    async exchangePoints(site, customer, cost, request) {
      try {
        return await sql.begin(async (tx) => {
          const issued = await issue(tx, site, request);
          if (!issued.ok) return { ok: false as const, reason: issued.reason, balance: await balanceOf(tx, site, customer) };
          if (issued.existing) return { ok: true as const, coupon: issued.coupon, existing: true, balance: await balanceOf(tx, site, customer) };
          const spent = await move(tx, site, customer, -cost, 'exchange', issued.coupon.nonce, request.now);
          if (!spent.ok) throw new NotEnoughPoints(spent.balance);
          return { ok: true as const, coupon: issued.coupon, existing: false, balance: spent.balance };
        });
      } catch (error) {
        if (error instanceof NotEnoughPoints) return { ok: false, reason: 'insufficient_points', balance: error.balance };
        throw error;
      }
    },
    async eraseVisitor(site, visitor) {
      return sql.begin(async (tx) => ({
        coupons: (await tx`UPDATE promo_coupons SET subject = ${ERASED} WHERE site = ${site} AND subject = ${`v:${visitor}`}`).count,
        reservations: (await tx`UPDATE promo_reservations SET visitor = ${ERASED} WHERE site = ${site} AND visitor = ${visitor}`).count,
      }));
    },
    async points(site, customer, limit) {
      const movements = await sql<{ delta: string; balance: string; reason: string; ref: string; created: string }[]>`
        SELECT delta, balance, reason, ref, created FROM promo_points_ledger WHERE site = ${site} AND customer = ${customer} ORDER BY seq DESC LIMIT ${limit}`;
      return {
        balance: await balanceOf(sql, site, customer),
        movements: movements.map((m) => ({ delta: Number(m.delta), balance: Number(m.balance), reason: m.reason, ref: m.ref, at: Number(m.created) })),
      };
    },
  };
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

/** Pending promotion migrations under an advisory lock of their own, so starting processes apply each once. */
function migrate(sql: postgres.Sql, migrations: readonly Migration[]): Promise<void> {
  return runPostgresMigrations(sql, 'promotion_migrations', 'affinity-promotions', migrations);
}

import type { Migration } from '../storage/migration';

/**
 * Promotion tables on SQLite. Applied through `promotion_migrations`, a history separate from the
 * event storage's, so the two evolve independently. Append new versions; never edit old ones.
 */
export const SQLITE_PROMOTION_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'campaigns, coupons, flash sales, points',
    sql: `
CREATE TABLE promo_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE promo_campaigns (site TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, updated INTEGER NOT NULL, PRIMARY KEY (site, id));
CREATE TABLE promo_coupons (
  site TEXT NOT NULL, nonce TEXT NOT NULL, campaign TEXT NOT NULL, subject TEXT NOT NULL, code TEXT NOT NULL,
  issued INTEGER NOT NULL, day TEXT NOT NULL, expires INTEGER NOT NULL, redeemed INTEGER, order_id TEXT,
  PRIMARY KEY (site, nonce));
CREATE INDEX promo_coupons_subject ON promo_coupons (site, campaign, subject);
CREATE INDEX promo_coupons_day ON promo_coupons (site, campaign, day);
CREATE TABLE promo_redemptions (site TEXT NOT NULL, key TEXT NOT NULL, hash TEXT NOT NULL, status INTEGER, body TEXT, created INTEGER NOT NULL, PRIMARY KEY (site, key));
CREATE TABLE promo_flash_sales (
  site TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, total INTEGER NOT NULL, stock INTEGER NOT NULL CHECK (stock >= 0),
  updated INTEGER NOT NULL, PRIMARY KEY (site, id));
CREATE TABLE promo_reservations (
  site TEXT NOT NULL, id TEXT NOT NULL, sale TEXT NOT NULL, visitor TEXT NOT NULL, status TEXT NOT NULL,
  created INTEGER NOT NULL, expires INTEGER NOT NULL, order_id TEXT, PRIMARY KEY (site, id));
CREATE INDEX promo_reservations_held ON promo_reservations (site, sale, status, expires);
CREATE INDEX promo_reservations_visitor ON promo_reservations (site, sale, visitor);
CREATE TABLE promo_points (site TEXT NOT NULL, customer TEXT NOT NULL, balance INTEGER NOT NULL CHECK (balance >= 0), PRIMARY KEY (site, customer));
CREATE TABLE promo_points_ledger (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, site TEXT NOT NULL, customer TEXT NOT NULL, delta INTEGER NOT NULL,
  balance INTEGER NOT NULL, reason TEXT NOT NULL, ref TEXT NOT NULL, created INTEGER NOT NULL,
  UNIQUE (site, customer, reason, ref))`,
  },
];

/** The same tables on PostgreSQL. */
export const POSTGRES_PROMOTION_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'campaigns, coupons, flash sales, points',
    sql: `
CREATE TABLE promo_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE promo_campaigns (site TEXT NOT NULL, id TEXT NOT NULL, data JSONB NOT NULL, updated BIGINT NOT NULL, PRIMARY KEY (site, id));
CREATE TABLE promo_coupons (
  site TEXT NOT NULL, nonce TEXT NOT NULL, campaign TEXT NOT NULL, subject TEXT NOT NULL, code TEXT NOT NULL,
  issued BIGINT NOT NULL, day TEXT NOT NULL, expires BIGINT NOT NULL, redeemed BIGINT, order_id TEXT,
  PRIMARY KEY (site, nonce));
CREATE INDEX promo_coupons_subject ON promo_coupons (site, campaign, subject);
CREATE INDEX promo_coupons_day ON promo_coupons (site, campaign, day);
CREATE TABLE promo_redemptions (site TEXT NOT NULL, key TEXT NOT NULL, hash TEXT NOT NULL, status INTEGER, body JSONB, created BIGINT NOT NULL, PRIMARY KEY (site, key));
CREATE TABLE promo_flash_sales (
  site TEXT NOT NULL, id TEXT NOT NULL, data JSONB NOT NULL, total INTEGER NOT NULL, stock INTEGER NOT NULL CHECK (stock >= 0),
  updated BIGINT NOT NULL, PRIMARY KEY (site, id));
CREATE TABLE promo_reservations (
  site TEXT NOT NULL, id TEXT NOT NULL, sale TEXT NOT NULL, visitor TEXT NOT NULL, status TEXT NOT NULL,
  created BIGINT NOT NULL, expires BIGINT NOT NULL, order_id TEXT, PRIMARY KEY (site, id));
CREATE INDEX promo_reservations_held ON promo_reservations (site, sale, status, expires);
CREATE INDEX promo_reservations_visitor ON promo_reservations (site, sale, visitor);
CREATE TABLE promo_points (site TEXT NOT NULL, customer TEXT NOT NULL, balance BIGINT NOT NULL CHECK (balance >= 0), PRIMARY KEY (site, customer));
CREATE TABLE promo_points_ledger (
  seq BIGSERIAL PRIMARY KEY, site TEXT NOT NULL, customer TEXT NOT NULL, delta BIGINT NOT NULL,
  balance BIGINT NOT NULL, reason TEXT NOT NULL, ref TEXT NOT NULL, created BIGINT NOT NULL,
  UNIQUE (site, customer, reason, ref))`,
  },
];

import type { Migration } from '../storage/migration';

/**
 * Lottery tables on SQLite, applied through `lottery_migrations` (separate from the event and
 * promotion histories). Append new versions; never edit old ones.
 */
export const SQLITE_LOTTERY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'lotteries, prize stock, draws',
    sql: `
CREATE TABLE lotteries (site TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, updated INTEGER NOT NULL, PRIMARY KEY (site, id));
CREATE TABLE lottery_prizes (
  site TEXT NOT NULL, lottery TEXT NOT NULL, prize TEXT NOT NULL, total INTEGER, stock INTEGER CHECK (stock >= 0),
  PRIMARY KEY (site, lottery, prize));
CREATE TABLE lottery_draws (
  site TEXT NOT NULL, key TEXT NOT NULL, hash TEXT NOT NULL, lottery TEXT NOT NULL, customer TEXT NOT NULL, ref TEXT NOT NULL,
  prize TEXT NOT NULL, cost INTEGER NOT NULL, delivery TEXT, created INTEGER NOT NULL, PRIMARY KEY (site, key));
CREATE INDEX lottery_draws_lottery ON lottery_draws (site, lottery, prize)`,
  },
];

/** The same tables on PostgreSQL. */
export const POSTGRES_LOTTERY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'lotteries, prize stock, draws',
    sql: `
CREATE TABLE lotteries (site TEXT NOT NULL, id TEXT NOT NULL, data JSONB NOT NULL, updated BIGINT NOT NULL, PRIMARY KEY (site, id));
CREATE TABLE lottery_prizes (
  site TEXT NOT NULL, lottery TEXT NOT NULL, prize TEXT NOT NULL, total INTEGER, stock INTEGER CHECK (stock >= 0),
  PRIMARY KEY (site, lottery, prize));
CREATE TABLE lottery_draws (
  site TEXT NOT NULL, key TEXT NOT NULL, hash TEXT NOT NULL, lottery TEXT NOT NULL, customer TEXT NOT NULL, ref TEXT NOT NULL,
  prize TEXT NOT NULL, cost INTEGER NOT NULL, delivery JSONB, created BIGINT NOT NULL, PRIMARY KEY (site, key));
CREATE INDEX lottery_draws_lottery ON lottery_draws (site, lottery, prize)`,
  },
];

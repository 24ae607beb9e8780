import type Database from 'better-sqlite3';
import type postgres from 'postgres';
import type { Storage } from '../storage/storage';
import { createPostgresLotteryStore } from './lottery-postgres';
import { createSqliteLotteryStore } from './lottery-sqlite';
import type { LotteryStore } from './lottery-store';

/**
 * Build the lottery store on the database an event storage already opened, applying lottery
 * migrations first.
 *
 * @example
 * const lotteries = await openLotteryStore(storage);
 */
export async function openLotteryStore(storage: Storage): Promise<LotteryStore> {
  const handle = storage as Storage & { db?: Database.Database; sql?: postgres.Sql };
  if (storage.kind === 'sqlite' && handle.db) return createSqliteLotteryStore(handle.db);
  if (storage.kind === 'postgres' && handle.sql) return createPostgresLotteryStore(handle.sql);
  throw new Error(`Lotteries need the storage's database handle (db for SQLite, sql for PostgreSQL); this ${storage.kind} storage exposes neither.`);
}

import type Database from 'better-sqlite3';
import type postgres from 'postgres';
import type { Storage } from '../storage/storage';
import { createPostgresPromotionStore } from './promotion-postgres';
import { createSqlitePromotionStore } from './promotion-sqlite';
import type { PromotionStore } from './promotion-store';

/**
 * Build the promotion store on the database an event storage already opened (its `db` on
 * SQLite, its `sql` pool on PostgreSQL), applying promotion migrations first.
 *
 * @example
 * const promotions = await openPromotionStore(await openStorage('./data/affinity.sqlite'));
 */
export async function openPromotionStore(storage: Storage): Promise<PromotionStore> {
  const handle = storage as Storage & { db?: Database.Database; sql?: postgres.Sql };
  if (storage.kind === 'sqlite' && handle.db) return createSqlitePromotionStore(handle.db);
  if (storage.kind === 'postgres' && handle.sql) return createPostgresPromotionStore(handle.sql);
  throw new Error(`Promotions need the storage's database handle (db for SQLite, sql for PostgreSQL); this ${storage.kind} storage exposes neither.`);
}

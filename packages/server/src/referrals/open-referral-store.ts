import type Database from 'better-sqlite3';
import type postgres from 'postgres';
import type { Storage } from '../storage/storage';
import { createPostgresReferralStore } from './referral-postgres';
import { createSqliteReferralStore } from './referral-sqlite';
import type { ReferralStore } from './referral-store';

/**
 * Build the referral store on the database an event storage already opened, applying referral
 * migrations first.
 *
 * @example
 * const referrals = await openReferralStore(storage);
 */
export async function openReferralStore(storage: Storage): Promise<ReferralStore> {
  const handle = storage as Storage & { db?: Database.Database; sql?: postgres.Sql };
  if (storage.kind === 'sqlite' && handle.db) return createSqliteReferralStore(handle.db);
  if (storage.kind === 'postgres' && handle.sql) return createPostgresReferralStore(handle.sql);
  throw new Error(`Referrals need the storage's database handle (db for SQLite, sql for PostgreSQL); this ${storage.kind} storage exposes neither.`);
}

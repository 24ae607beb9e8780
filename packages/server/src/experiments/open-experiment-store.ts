import type Database from 'better-sqlite3';
import type postgres from 'postgres';
import type { Storage } from '../storage/storage';
import { createPostgresExperimentStore } from './experiment-postgres';
import { createSqliteExperimentStore } from './experiment-sqlite';
import type { ExperimentStore } from './experiment-store';

/**
 * Build the experiment store on the database an event storage already opened (its `db` on
 * SQLite, its `sql` pool on PostgreSQL), applying experiment migrations first.
 *
 * @example
 * const experiments = await openExperimentStore(await openStorage('./data/affinity.sqlite'));
 */
export async function openExperimentStore(storage: Storage): Promise<ExperimentStore> {
  const handle = storage as Storage & { db?: Database.Database; sql?: postgres.Sql };
  if (storage.kind === 'sqlite' && handle.db) return createSqliteExperimentStore(handle.db);
  if (storage.kind === 'postgres' && handle.sql) return createPostgresExperimentStore(handle.sql);
  throw new Error(`Experiments need the storage's database handle (db for SQLite, sql for PostgreSQL); this ${storage.kind} storage exposes neither.`);
}

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createPostgresStorage } from './postgres';
import { createSqliteStorage } from './sqlite';
import type { Storage } from './storage';

/**
 * Open the storage a `--db` value names: a `postgres://` / `postgresql://` URL, or a SQLite file
 * (its directory is created). Migrations run before this resolves.
 *
 * @example
 * const storage = await openStorage('./data/affinity.sqlite');
 */
export async function openStorage(db: string, options: { schema?: string } = {}): Promise<Storage> {
  if (/^postgres(ql)?:\/\//.test(db)) return createPostgresStorage({ url: db, schema: options.schema });
  if (db !== ':memory:') mkdirSync(dirname(db), { recursive: true });
  return createSqliteStorage({ file: db });
}

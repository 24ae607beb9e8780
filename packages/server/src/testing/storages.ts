import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createPostgresStorage } from '../storage/postgres';
import { createSqliteStorage } from '../storage/sqlite';
import type { Storage } from '../storage/storage';

/** PostgreSQL used by tests; each test run creates its own schema in it and drops it after. */
export const TEST_POSTGRES_URL = process.env.AFFINITY_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A storage for one test, and how to throw it away. */
export interface TestStorage {
  storage: Storage;
  /** Open a second connection to the same database (a second server process would). */
  reopen(): Promise<Storage>;
  destroy(): Promise<void>;
  /** Every row of every table as JSON text, to prove something is gone from the whole database. */
  dump(): Promise<string>;
}

/** Both engines, so every handler and contract test runs against each. */
export const STORAGE_KINDS: { name: 'sqlite' | 'postgres'; create: () => Promise<TestStorage> }[] = [
  {
    name: 'sqlite',
    async create() {
      const file = `/tmp/affinity-test-${process.pid}-${randomBytes(6).toString('hex')}.sqlite`;
      const storage = createSqliteStorage({ file });
      const opened: Storage[] = [storage];
      return {
        storage,
        async reopen() {
          const again = createSqliteStorage({ file });
          opened.push(again);
          return again;
        },
        async destroy() {
          for (const s of opened) await s.close();
          const { rm } = await import('node:fs/promises');
          await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(file + suffix, { force: true })));
        },
        async dump() {
          const tables = storage.db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
          return JSON.stringify(tables.map(({ name }) => storage.db.prepare(`SELECT * FROM "${name}"`).all()));
        },
      };
    },
  },
  {
    name: 'postgres',
    async create() {
      const schema = `affinity_test_${process.pid}_${randomBytes(4).toString('hex')}`;
      const storage = await createPostgresStorage({ url: TEST_POSTGRES_URL, schema, max: 4 });
      const opened: Storage[] = [storage];
      return {
        storage,
        async reopen() {
          const again = await createPostgresStorage({ url: TEST_POSTGRES_URL, schema, max: 4 });
          opened.push(again);
          return again;
        },
        async destroy() {
          for (const s of opened) await s.close();
          await dropSchema(schema);
        },
        async dump() {
          const tables = await storage.sql<{ table_name: string }[]>`SELECT table_name FROM information_schema.tables WHERE table_schema = ${schema}`;
          const rows = [];
          for (const { table_name } of tables) rows.push(await storage.sql.unsafe(`SELECT * FROM "${table_name}"`));
          return JSON.stringify(rows);
        },
      };
    },
  },
];

/** Drop a test schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  const sql = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

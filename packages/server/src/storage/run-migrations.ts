import type Database from 'better-sqlite3';
import type postgres from 'postgres';
import { statementsOf, type Migration } from './migration';

/** History tables are fixed names from code; checked anyway since they are spliced into SQL. */
const TABLE = /^[a-z_][a-z0-9_]{0,62}$/;

function checkTable(table: string): string {
  if (!TABLE.test(table)) throw new Error(`Migration history table "${table}" is not a plain lower-case identifier.`);
  return table;
}

/**
 * Apply pending SQLite migrations in order, recording each in `table` (every module keeps its
 * own history so their schemas evolve independently). Each runs in an IMMEDIATE transaction,
 * so two processes starting on the same file cannot both apply one.
 *
 * @example
 * runSqliteMigrations(db, 'affinity_migrations', SQLITE_MIGRATIONS);
 */
export function runSqliteMigrations(db: Database.Database, table: string, migrations: readonly Migration[]): void {
  checkTable(table);
  db.exec(`CREATE TABLE IF NOT EXISTS ${table} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = db.prepare<[number], { version: number }>(`SELECT version FROM ${table} WHERE version = ?`);
  const record = db.prepare(`INSERT INTO ${table} (version, name, applied_at) VALUES (?, ?, ?)`);
  for (const m of migrations) {
    db.transaction(() => {
      if (applied.get(m.version)) return;
      for (const statement of statementsOf(m.sql)) db.exec(statement);
      record.run(m.version, m.name, Date.now());
    }).immediate();
  }
}

/**
 * Apply pending PostgreSQL migrations in one transaction under an advisory lock keyed by
 * `lock` and the current schema, so processes starting together apply each once; `before`
 * runs first inside the lock (creating the schema).
 *
 * @example
 * await runPostgresMigrations(sql, 'promotion_migrations', 'affinity-promotions', POSTGRES_PROMOTION_MIGRATIONS);
 */
export async function runPostgresMigrations(
  sql: postgres.Sql,
  table: string,
  lock: string,
  migrations: readonly Migration[],
  before?: (tx: postgres.TransactionSql) => Promise<unknown>,
): Promise<void> {
  checkTable(table);
  await sql.begin(async (tx) => {
    // Before the schema exists current_schema() is null for every process starting on it, so
    // they still share one key.
    const [{ schema }] = (await tx<{ schema: string | null }[]>`SELECT current_schema() AS schema`) as unknown as [{ schema: string | null }];
    await tx`SELECT pg_advisory_xact_lock(hashtext(${`${lock}:${schema ?? ''}`}))`;
    await before?.(tx);
    await tx.unsafe(`CREATE TABLE IF NOT EXISTS ${table} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`);
    const done = new Set((await tx.unsafe<{ version: number }[]>(`SELECT version FROM ${table}`)).map((r) => r.version));
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      for (const statement of statementsOf(m.sql)) await tx.unsafe(statement);
      await tx.unsafe(`INSERT INTO ${table} (version, name, applied_at) VALUES ($1, $2, $3)`, [m.version, m.name, Date.now()]);
    }
  });
}

import type { Migration } from '../storage/migration';

/**
 * Experiment tables, applied through `experiment_migrations` — a history separate from the event
 * storage's and the promotions', so each evolves on its own. Append new versions; never edit old ones.
 * Metrics are not stored: they are computed from the events table on request.
 */
export const SQLITE_EXPERIMENT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'experiment definitions',
    sql: `CREATE TABLE exp_definitions (site TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, updated INTEGER NOT NULL, PRIMARY KEY (site, id))`,
  },
];

/** The same tables on PostgreSQL. */
export const POSTGRES_EXPERIMENT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'experiment definitions',
    sql: `CREATE TABLE exp_definitions (site TEXT NOT NULL, id TEXT NOT NULL, data JSONB NOT NULL, updated BIGINT NOT NULL, PRIMARY KEY (site, id))`,
  },
];

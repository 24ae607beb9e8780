import type { Migration } from './migration';

/** PostgreSQL schema history; see {@link Migration}. */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events',
    sql: `
      CREATE TABLE events (
        seq BIGSERIAL,
        id TEXT PRIMARY KEY,
        site TEXT NOT NULL,
        type TEXT NOT NULL,
        ts BIGINT NOT NULL,
        visitor TEXT NOT NULL,
        session TEXT NOT NULL,
        channel TEXT NOT NULL,
        data JSONB NOT NULL,
        received BIGINT NOT NULL
      );
      CREATE INDEX events_site_visitor ON events (site, visitor);
    `,
  },
  {
    version: 2,
    name: 'catalog, profiles, identity links, visitor tokens',
    sql: `
      CREATE TABLE products (
        site TEXT NOT NULL,
        id TEXT NOT NULL,
        data JSONB NOT NULL,
        updated BIGINT NOT NULL,
        PRIMARY KEY (site, id)
      );
      CREATE TABLE profiles (
        site TEXT NOT NULL,
        subject TEXT NOT NULL,
        data JSONB NOT NULL,
        updated BIGINT NOT NULL,
        PRIMARY KEY (site, subject)
      );
      CREATE TABLE links (
        site TEXT NOT NULL,
        visitor TEXT NOT NULL,
        customer TEXT NOT NULL,
        linked BIGINT NOT NULL,
        PRIMARY KEY (site, visitor)
      );
      CREATE INDEX links_customer ON links (site, customer);
      CREATE TABLE visitor_tokens (
        site TEXT NOT NULL,
        visitor TEXT NOT NULL,
        issued BIGINT NOT NULL,
        PRIMARY KEY (site, visitor)
      );
    `,
  },
];

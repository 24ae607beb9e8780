import postgres from 'postgres';
import type { Migration } from './migration';
import { runPostgresMigrations } from './run-migrations';
import { POSTGRES_MIGRATIONS } from './postgres-migrations';
import type { Product } from '@affinity/core';
import { FUNNEL_SQL, MODEL_EVENT_TYPES, rfmSegmentCounts, type EraseResult, type ModelEvent, type InsertResult, type SiteStats, type Storage, type StoredEvent } from './storage';

const SCAN_PAGE = 5000;

/** Options of {@link createPostgresStorage}. */
export interface PostgresStorageOptions {
  /** `postgres://user@host:port/database` */
  url: string;
  /** Schema holding Affinity's tables; created when missing. Default `public`. */
  schema?: string;
  /** Pool size. Default 10. */
  max?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Storage on PostgreSQL (the `postgres` driver). Several server processes may share one
 * database: event ids are the primary key, so a batch delivered to two processes is stored once.
 *
 * @example
 * const storage = await createPostgresStorage({ url: 'postgres://postgres@127.0.0.1:5432/affinity' });
 */
export async function createPostgresStorage(options: PostgresStorageOptions): Promise<Storage & { readonly sql: postgres.Sql }> {
  const schema = options.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`PostgreSQL schema "${schema}" is not a plain lower-case identifier (expected ${SCHEMA_NAME}).`);
  }
  const sql = postgres(options.url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: { search_path: schema, application_name: 'affinity-server' },
  });
  try {
    await migratePostgres(sql, schema, POSTGRES_MIGRATIONS);
  } catch (error) {
    await sql.end({ timeout: 1 });
    throw error;
  }
  let closed = false;

  return {
    kind: 'postgres',
    sql,
    async insertEvents(site, events): Promise<InsertResult> {
      if (events.length === 0) return { accepted: 0, duplicates: 0, fresh: [] };
      const n = events.length;
      const ids = new Array<string>(n), types = new Array<string>(n), ts = new Array<number>(n);
      const visitors = new Array<string>(n), sessions = new Array<string>(n), channels = new Array<string>(n);
      const data = new Array<string>(n);
      for (let i = 0; i < n; i++) {
        const e = events[i]!;
        ids[i] = e.id; types[i] = e.type; ts[i] = e.ts; visitors[i] = e.visitor;
        sessions[i] = e.session; channels[i] = e.channel; data[i] = JSON.stringify(e.data);
      }
      // One statement for the whole batch: unnest keeps it a single round trip and one transaction.
      const result = await sql`
        INSERT INTO events (id, site, type, ts, visitor, session, channel, data, received)
        SELECT u.id, ${site}, u.type, u.ts, u.visitor, u.session, u.channel, u.data::jsonb, ${Date.now()}
        FROM unnest(${ids}::text[], ${types}::text[], ${ts.map(String)}::bigint[], ${visitors}::text[],
                    ${sessions}::text[], ${channels}::text[], ${data}::text[])
             AS u(id, type, ts, visitor, session, channel, data)
        ON CONFLICT (id) DO NOTHING
        RETURNING id`;
      if (result.count === n) return { accepted: n, duplicates: 0, fresh: events };
      const stored = new Set(result.map((r) => r.id as string));
      return { accepted: result.count, duplicates: n - result.count, fresh: events.filter((e) => stored.delete(e.id)) };
    },
    async visitorEvents(site, visitor): Promise<StoredEvent[]> {
      const rows = await sql<{ id: string; site: string; type: string; ts: string; visitor: string; session: string; channel: string; data: unknown }[]>`
        SELECT id, site, type, ts, visitor, session, channel, data FROM events
        WHERE site = ${site} AND visitor = ${visitor} ORDER BY ts, id`;
      return rows.map((r) => ({ ...r, ts: Number(r.ts), type: r.type as StoredEvent['type'], data: r.data as StoredEvent['data'] }));
    },
    async eraseVisitor(site, visitor): Promise<EraseResult> {
      return sql.begin(async (tx) => {
        const [link] = await tx<{ customer: string }[]>`DELETE FROM links WHERE site = ${site} AND visitor = ${visitor} RETURNING customer`;
        const events = await tx`DELETE FROM events WHERE site = ${site} AND visitor = ${visitor}`;
        const subjects = link ? [`v:${visitor}`, `c:${link.customer}`] : [`v:${visitor}`];
        const profiles = await tx`DELETE FROM profiles WHERE site = ${site} AND subject IN ${tx(subjects)}`;
        await tx`DELETE FROM visitor_tokens WHERE site = ${site} AND visitor = ${visitor}`;
        return { events: events.count, profiles: profiles.count, links: link ? 1 : 0 };
      });
    },
    async upsertProducts(site, products) {
      if (products.length === 0) return 0;
      const now = Date.now();
      // jsonb || merges top-level keys: fields absent from the update keep their stored value.
      await sql`
        INSERT INTO products (site, id, data, updated)
        SELECT ${site}, u.id, u.data::jsonb, ${now}
        FROM unnest(${products.map((p) => p.id)}::text[], ${products.map((p) => JSON.stringify(p))}::text[]) AS u(id, data)
        ON CONFLICT (site, id) DO UPDATE SET data = products.data || excluded.data, updated = excluded.updated`;
      return products.length;
    },
    async listProducts(site, { category, offset, limit }) {
      const where = category === undefined ? sql`site = ${site}` : sql`site = ${site} AND data->'category' ? ${category}`;
      const rows = await sql<{ data: Product }[]>`SELECT data FROM products WHERE ${where} ORDER BY id LIMIT ${limit} OFFSET ${offset}`;
      const [count] = await sql<{ n: string }[]>`SELECT count(*) AS n FROM products WHERE ${where}`;
      return { items: rows.map((r) => r.data), total: Number(count?.n ?? 0) };
    },
    async productCategories(site) {
      const rows = await sql<{ id: string; c: string }[]>`
        SELECT id, data->'category'->>0 AS c FROM products WHERE site = ${site} AND data->'category'->>0 IS NOT NULL`;
      return new Map(rows.map((r) => [r.id, r.c]));
    },
    async scanModelEvents(site, onChunk) {
      // A cursor reads one consistent snapshot in pages without holding the whole table in memory.
      await sql`
        SELECT id, type, ts, session, data->'items' AS items, data->'transaction_id' AS tx FROM events
        WHERE site = ${site} AND type IN ${sql(MODEL_EVENT_TYPES as unknown as string[])}`
        .cursor(SCAN_PAGE, async (rows) => {
          // Only the fields models read: the rest of each event's JSON never crosses the wire.
          await onChunk(
            rows.map((r) => {
              const data: ModelEvent['data'] = {};
              if (r.items !== null) data.items = r.items;
              if (r.tx !== null) data.transaction_id = r.tx;
              return { id: r.id, type: r.type, ts: Number(r.ts), session: r.session, data };
            }),
          );
        });
    },
    async linkVisitor(site, visitor, customer) {
      return sql.begin(async (tx) => {
        const [before] = await tx<{ customer: string }[]>`SELECT customer FROM links WHERE site = ${site} AND visitor = ${visitor} FOR UPDATE`;
        await tx`
          INSERT INTO links (site, visitor, customer, linked) VALUES (${site}, ${visitor}, ${customer}, ${Date.now()})
          ON CONFLICT (site, visitor) DO UPDATE SET customer = excluded.customer, linked = excluded.linked`;
        return { previous: before?.customer };
      });
    },
    async customerOf(site, visitor) {
      const [row] = await sql<{ customer: string }[]>`SELECT customer FROM links WHERE site = ${site} AND visitor = ${visitor}`;
      return row?.customer;
    },
    async markTokenIssued(site, visitor) {
      const result = await sql`INSERT INTO visitor_tokens (site, visitor, issued) VALUES (${site}, ${visitor}, ${Date.now()}) ON CONFLICT DO NOTHING`;
      return result.count === 1;
    },
    async getProfile(site, subject) {
      const [row] = await sql<{ data: unknown; updated: string }[]>`SELECT data, updated FROM profiles WHERE site = ${site} AND subject = ${subject}`;
      return row && { data: row.data, updated: Number(row.updated) };
    },
    async putProfile(site, subject, data) {
      await sql`
        INSERT INTO profiles (site, subject, data, updated) VALUES (${site}, ${subject}, ${sql.json(data as postgres.JSONValue)}, ${Date.now()})
        ON CONFLICT (site, subject) DO UPDATE SET data = excluded.data, updated = excluded.updated`;
    },
    async moveProfile(site, from, to) {
      const result = await sql`
        UPDATE profiles SET subject = ${to} WHERE site = ${site} AND subject = ${from}
        AND NOT EXISTS (SELECT 1 FROM profiles WHERE site = ${site} AND subject = ${to})`;
      return result.count === 1;
    },
    async stats(site): Promise<SiteStats> {
      const rows = await sql<{ type: string; channel: string; n: string; last: string }[]>`
        SELECT type, channel, count(*) AS n, max(ts) AS last FROM events WHERE site = ${site} GROUP BY type, channel`;
      const eventsByType: Record<string, number> = {};
      const eventsByChannel: Record<string, number> = {};
      let events = 0;
      let lastEventAt: number | null = null;
      for (const r of rows) {
        const n = Number(r.n);
        events += n;
        eventsByType[r.type] = (eventsByType[r.type] ?? 0) + n;
        eventsByChannel[r.channel] = (eventsByChannel[r.channel] ?? 0) + n;
        lastEventAt = Math.max(lastEventAt ?? 0, Number(r.last));
      }
      const [people] = await sql<{ visitors: string }[]>`
        SELECT count(DISTINCT coalesce('c:' || l.customer, 'v:' || e.visitor)) AS visitors
        FROM events e LEFT JOIN links l ON l.site = e.site AND l.visitor = e.visitor WHERE e.site = ${site}`;
      const [counts] = await sql<{ customers: string; products: string; profiles: string }[]>`
        SELECT (SELECT count(DISTINCT customer) FROM links WHERE site = ${site}) AS customers,
               (SELECT count(*) FROM products WHERE site = ${site}) AS products,
               (SELECT count(*) FROM profiles WHERE site = ${site}) AS profiles`;
      const [funnel] = await sql<{ viewers: string; carters: string; checkouts: string; buyers: string }[]>`
        SELECT ${sql.unsafe(FUNNEL_SQL)} FROM events WHERE site = ${site}`;
      return {
        events,
        eventsByType,
        eventsByChannel,
        visitors: Number(people?.visitors ?? 0),
        customers: Number(counts?.customers ?? 0),
        products: Number(counts?.products ?? 0),
        profiles: Number(counts?.profiles ?? 0),
        lastEventAt,
        funnel: { viewers: Number(funnel?.viewers ?? 0), carters: Number(funnel?.carters ?? 0), checkouts: Number(funnel?.checkouts ?? 0), buyers: Number(funnel?.buyers ?? 0) },
        rfmSegments: rfmSegmentCounts(
          await sql<{ segment: unknown; n: string }[]>`SELECT data->'rfm'->'segment' AS segment, count(*) AS n FROM profiles WHERE site = ${site} GROUP BY 1`,
        ),
      };
    },
    async countEvents(site) {
      const [row] = await sql<{ n: string }[]>`SELECT count(*) AS n FROM events WHERE site = ${site}`;
      return Number(row?.n ?? 0);
    },
    async ping() {
      await sql`SELECT 1`;
    },
    async close() {
      if (closed) return;
      closed = true;
      await sql.end({ timeout: 5 });
    },
  };
}

/**
 * Apply pending migrations, each in a transaction holding an advisory lock on the schema, so
 * server processes starting together apply each migration exactly once.
 */
export async function migratePostgres(sql: postgres.Sql, schema: string, migrations: readonly Migration[]): Promise<void> {
  // Inside the lock: concurrent CREATE SCHEMA IF NOT EXISTS can still collide on the catalog.
  await runPostgresMigrations(sql, 'affinity_migrations', 'affinity', migrations, (tx) => tx.unsafe(`CREATE SCHEMA IF NOT EXISTS ${schema}`));
}

import Database from 'better-sqlite3';
import type { AffinityEvent, Product } from '@affinity/core';
import type { Migration } from './migration';
import { runSqliteMigrations } from './run-migrations';
import { SQLITE_MIGRATIONS } from './sqlite-migrations';
import { startCheckpointer, type Checkpointer } from './sqlite-checkpointer';
import { createGroupCommit } from './group-commit';
import { createSqliteModelReads } from './sqlite-model-reads';
import { FUNNEL_SQL, rfmSegmentCounts, type EraseResult, type InsertResult, type SiteStats, type Storage, type StoredEvent } from './storage';

// better-sqlite3 reads a page synchronously (about 3 µs an event, mostly SQLite's json_extract):
// a thousand events keep each slice of a model rebuild near 3 ms, so requests arriving meanwhile
// wait for about one slice of it, not one of 15 ms.
const SCAN_PAGE = 1000;
/** Events one group commit may hold (see `createGroupCommit`). */
const GROUP_EVENTS = 5000;
/** Longest the checkpointer may hold the group commit for one WAL rewind, should it never answer. */
const MAX_HOLD_MS = 1000;

/** Options of {@link createSqliteStorage}. */
export interface SqliteStorageOptions {
  /** Database file, or `:memory:` for tests. Created with its WAL when missing. */
  file: string;
  /** How often a worker thread copies the WAL into the database file. Default 250 ms. */
  checkpointMs?: number;
  /** WAL length in pages past which the checkpointer briefly holds the writer to rewind it. Default 8192. */
  walFrames?: number;
}

interface EventBatch {
  site: string;
  events: readonly AffinityEvent[];
}

interface EventRow {
  id: string;
  site: string;
  type: string;
  ts: number;
  visitor: string;
  session: string;
  channel: string;
  data: string;
}

/**
 * Storage on one SQLite file (better-sqlite3, WAL). Batches are written through prepared
 * statements, each inside one transaction (shared with the other batches of the same event-loop
 * turn: see `createGroupCommit`); duplicates are skipped by the primary key, not by a lookup.
 *
 * @example
 * const storage = createSqliteStorage({ file: './data/affinity.sqlite' });
 */
export function createSqliteStorage(options: SqliteStorageOptions): Storage & { readonly db: Database.Database } {
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode; only an OS crash can lose the last commit.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  migrateSqlite(db, SQLITE_MIGRATIONS);

  const insert = db.prepare(
    `INSERT INTO events (id, site, type, ts, visitor, session, channel, data, received)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  );
  const insertBatch = (batch: EventBatch, received: number): InsertResult => {
    const fresh: AffinityEvent[] = [];
    for (const e of batch.events) {
      if (insert.run(e.id, batch.site, e.type, e.ts, e.visitor, e.session, e.channel, JSON.stringify(e.data), received).changes) fresh.push(e);
    }
    return { accepted: fresh.length, duplicates: batch.events.length - fresh.length, fresh };
  };
  const inserts = createGroupCommit(
    db.transaction((batches: readonly EventBatch[]) => {
      const received = Date.now();
      return batches.map((b) => insertBatch(b, received));
    }),
    db.transaction((batch: EventBatch) => insertBatch(batch, Date.now())),
    // About 25 ms of inserting: the requests waiting behind one group commit wait for no more.
    { isItemError: isBatchError, sizeOf: (batch) => batch.events.length, maxSize: GROUP_EVENTS },
  );
  const inMemory = options.file === ':memory:' || options.file === '';
  let checkpointer: Checkpointer | undefined;
  if (!inMemory) {
    db.pragma('wal_autocheckpoint = 0');
    checkpointer = startCheckpointer(options.file, {
      intervalMs: options.checkpointMs ?? 250,
      walFrames: options.walFrames,
      // While the WAL rewinds, batches queue up (requests keep being read) instead of this thread sleeping in the busy handler.
      writer: { hold: () => inserts.hold(MAX_HOLD_MS), release: () => inserts.release() },
    });
  }
  const selectVisitor = db.prepare<[string, string], EventRow>(
    'SELECT id, site, type, ts, visitor, session, channel, data FROM events WHERE site = ? AND visitor = ? ORDER BY ts, id',
  );
  const upsertProduct = db.prepare(
    `INSERT INTO products (site, id, data, updated) VALUES (?, ?, ?, ?)
     ON CONFLICT (site, id) DO UPDATE SET data = json_patch(products.data, excluded.data), updated = excluded.updated`,
  );
  const upsertProducts = db.transaction((site: string, products: readonly Product[]) => {
    const now = Date.now();
    for (const p of products) upsertProduct.run(site, p.id, JSON.stringify(p), now);
    return products.length;
  });
  const inCategory = `EXISTS (SELECT 1 FROM json_each(products.data, '$.category') WHERE value = @category)`;
  const listAll = db.prepare<{ site: string; limit: number; offset: number }, { data: string }>(
    'SELECT data FROM products WHERE site = @site ORDER BY id LIMIT @limit OFFSET @offset',
  );
  const countAll = db.prepare<{ site: string }, { n: number }>('SELECT count(*) AS n FROM products WHERE site = @site');
  const listCategory = db.prepare<{ site: string; category: string; limit: number; offset: number }, { data: string }>(
    `SELECT data FROM products WHERE site = @site AND ${inCategory} ORDER BY id LIMIT @limit OFFSET @offset`,
  );
  const countCategory = db.prepare<{ site: string; category: string }, { n: number }>(
    `SELECT count(*) AS n FROM products WHERE site = @site AND ${inCategory}`,
  );
  const modelReads = createSqliteModelReads(db, SCAN_PAGE);
  const link = db.prepare('INSERT INTO links (site, visitor, customer, linked) VALUES (?, ?, ?, ?) ON CONFLICT (site, visitor) DO UPDATE SET customer = excluded.customer, linked = excluded.linked');
  const linked = db.prepare<[string, string], { customer: string }>('SELECT customer FROM links WHERE site = ? AND visitor = ?');
  const markToken = db.prepare('INSERT INTO visitor_tokens (site, visitor, issued) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  const getProfile = db.prepare<[string, string], { data: string; updated: number }>('SELECT data, updated FROM profiles WHERE site = ? AND subject = ?');
  const putProfile = db.prepare(
    'INSERT INTO profiles (site, subject, data, updated) VALUES (?, ?, ?, ?) ON CONFLICT (site, subject) DO UPDATE SET data = excluded.data, updated = excluded.updated',
  );
  const moveProfile = db.prepare(
    'UPDATE profiles SET subject = @to WHERE site = @site AND subject = @from AND NOT EXISTS (SELECT 1 FROM profiles WHERE site = @site AND subject = @to)',
  );
  const deleteVisitor = db.prepare('DELETE FROM events WHERE site = ? AND visitor = ?');
  const deleteProfile = db.prepare('DELETE FROM profiles WHERE site = ? AND subject = ?');
  const deleteLink = db.prepare('DELETE FROM links WHERE site = ? AND visitor = ?');
  const deleteToken = db.prepare('DELETE FROM visitor_tokens WHERE site = ? AND visitor = ?');
  const erase = db.transaction((site: string, visitor: string): EraseResult => {
    const customer = linked.get(site, visitor)?.customer;
    const events = deleteVisitor.run(site, visitor).changes;
    let profiles = deleteProfile.run(site, `v:${visitor}`).changes;
    if (customer !== undefined) profiles += deleteProfile.run(site, `c:${customer}`).changes;
    const links = deleteLink.run(site, visitor).changes;
    deleteToken.run(site, visitor);
    return { events, profiles, links };
  });
  const statsByType = db.prepare<[string], { type: string; channel: string; n: number; last: number }>(
    'SELECT type, channel, count(*) AS n, max(ts) AS last FROM events WHERE site = ? GROUP BY type, channel',
  );
  const statsPeople = db.prepare<{ site: string }, { visitors: number }>(
    `SELECT count(DISTINCT coalesce('c:' || l.customer, 'v:' || e.visitor)) AS visitors
     FROM events e LEFT JOIN links l ON l.site = e.site AND l.visitor = e.visitor WHERE e.site = @site`,
  );
  const statsCounts = db.prepare<{ site: string }, { customers: number; products: number; profiles: number }>(
    `SELECT (SELECT count(DISTINCT customer) FROM links WHERE site = @site) AS customers,
            (SELECT count(*) FROM products WHERE site = @site) AS products,
            (SELECT count(*) FROM profiles WHERE site = @site) AS profiles`,
  );
  const count = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM events WHERE site = ?');
  const statsFunnel = db.prepare<[string], SiteStats['funnel']>(`SELECT ${FUNNEL_SQL} FROM events WHERE site = ?`);
  const statsRfm = db.prepare<[string], { segment: unknown; n: number }>(
    `SELECT json_extract(data, '$.rfm.segment') AS segment, count(*) AS n FROM profiles WHERE site = ? AND json_valid(data) GROUP BY 1`,
  );
  let closed = false;

  return {
    kind: 'sqlite',
    db,
    readerFile: inMemory ? undefined : options.file,
    insertEvents(site, events): Promise<InsertResult> {
      return inserts.submit({ site, events });
    },
    async visitorEvents(site, visitor): Promise<StoredEvent[]> {
      return selectVisitor.all(site, visitor).map(fromRow);
    },
    async eraseVisitor(site, visitor): Promise<EraseResult> {
      return erase(site, visitor);
    },
    async upsertProducts(site, products) {
      return upsertProducts(site, products);
    },
    async listProducts(site, { category, offset, limit }) {
      if (category === undefined) {
        return { items: listAll.all({ site, limit, offset }).map((r) => JSON.parse(r.data) as Product), total: countAll.get({ site })?.n ?? 0 };
      }
      return {
        items: listCategory.all({ site, category, limit, offset }).map((r) => JSON.parse(r.data) as Product),
        total: countCategory.get({ site, category })?.n ?? 0,
      };
    },
    async productCategories(site) {
      return modelReads.categories(site);
    },
    async scanModelEvents(site, onChunk) {
      // Keyset pages instead of one iterator: an open iterator would keep the connection busy and
      // refuse the inserts that run between pages.
      // Bounded by the last row stored when the scan starts: under sustained ingest a scan that
      // followed new rows would never end (they arrive faster than it reads them), and events
      // stored after the start reach the caller by another path (the model's live updates).
      const last = modelReads.lastRowid();
      for (let after: number | undefined = 0; after !== undefined; ) {
        const page = modelReads.page(site, after, last);
        after = page.next;
        if (page.events.length) await onChunk(page.events);
        if (after !== undefined) await new Promise((resolve) => setImmediate(resolve));
      }
    },
    async linkVisitor(site, visitor, customer) {
      return db.transaction(() => {
        const previous = linked.get(site, visitor)?.customer;
        link.run(site, visitor, customer, Date.now());
        return { previous };
      })();
    },
    async customerOf(site, visitor) {
      return linked.get(site, visitor)?.customer;
    },
    async markTokenIssued(site, visitor) {
      return markToken.run(site, visitor, Date.now()).changes === 1;
    },
    async getProfile(site, subject) {
      const row = getProfile.get(site, subject);
      return row && { data: JSON.parse(row.data), updated: row.updated };
    },
    async putProfile(site, subject, data) {
      putProfile.run(site, subject, JSON.stringify(data), Date.now());
    },
    async moveProfile(site, from, to) {
      return moveProfile.run({ site, from, to }).changes === 1;
    },
    async stats(site): Promise<SiteStats> {
      const eventsByType: Record<string, number> = {};
      const eventsByChannel: Record<string, number> = {};
      let events = 0;
      let lastEventAt: number | null = null;
      for (const r of statsByType.all(site)) {
        events += r.n;
        eventsByType[r.type] = (eventsByType[r.type] ?? 0) + r.n;
        eventsByChannel[r.channel] = (eventsByChannel[r.channel] ?? 0) + r.n;
        lastEventAt = Math.max(lastEventAt ?? 0, r.last);
      }
      const counts = statsCounts.get({ site })!;
      return {
        events,
        eventsByType,
        eventsByChannel,
        visitors: statsPeople.get({ site })?.visitors ?? 0,
        ...counts,
        lastEventAt,
        funnel: statsFunnel.get(site)!,
        rfmSegments: rfmSegmentCounts(statsRfm.all(site)),
      };
    },
    async countEvents(site) {
      return count.get(site)?.n ?? 0;
    },
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      if (closed) return;
      closed = true;
      inserts.flush();
      await checkpointer?.stop();
      db.close();
    },
  };
}

/**
 * Whether an insert failed because of what one batch holds (a missing field, a value SQLite
 * cannot bind or store), rather than because the database is busy or broken.
 */
function isBatchError(error: unknown): boolean {
  if (error instanceof TypeError || error instanceof RangeError) return true;
  const code = error instanceof Database.SqliteError ? error.code : '';
  return code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG';
}

function fromRow(r: EventRow): StoredEvent {
  return { ...r, type: r.type as StoredEvent['type'], data: JSON.parse(r.data) };
}

/**
 * Apply pending migrations in order, each in an IMMEDIATE transaction so two processes
 * starting on the same file cannot both apply one.
 */
export function migrateSqlite(db: Database.Database, migrations: readonly Migration[]): void {
  runSqliteMigrations(db, 'affinity_migrations', migrations);
}

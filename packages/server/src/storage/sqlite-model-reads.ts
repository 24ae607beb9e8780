import type Database from 'better-sqlite3';
import { MODEL_EVENT_TYPES, type ModelEvent } from './storage';

/** rowid, id, type, ts, session, items (JSON text), transaction_id */
type ScanRow = [number, string, string, number, string, string | null, unknown];

/** The reads a model rebuild makes, on one SQLite connection (the server's, or a worker's own). */
export interface SqliteModelReads {
  /** The newest rowid now: a scan reads rows up to it (see `scan`). */
  lastRowid(): number;
  /**
   * One page of a site's interaction events with `after < rowid <= last`, in rowid order, and
   * the rowid to continue after (`undefined` once the page was the last one).
   */
  page(site: string, after: number, last: number): { events: ModelEvent[]; next: number | undefined };
  /** Rowid of a stored event, or `undefined` when it is not (or no longer) stored. */
  rowidOf(id: string): number | undefined;
  /** Top-level category of every catalog product. */
  categories(site: string): Map<string, string>;
}

/**
 * Prepared statements for reading what models learn from, shared by the server's storage
 * (`scanModelEvents`) and the model rebuild worker, so both read exactly the same events.
 *
 * @example
 * const reads = createSqliteModelReads(db);
 * for (let after = 0, last = reads.lastRowid(); after !== undefined; ) ({ next: after } = reads.page('demo', after, last));
 */
export function createSqliteModelReads(db: Database.Database, pageSize: number): SqliteModelReads {
  // Only the fields models read, as arrays (`raw`): SQLite extracts them in C, so JavaScript
  // parses a fraction of each event's JSON and builds no row objects. NOT INDEXED: walk rowids in
  // order; the (site, visitor) index would sort every page again.
  const scanPage = db
    .prepare<[number, number, string, number], ScanRow>(
      `SELECT rowid, id, type, ts, session, json_extract(data, '$.items'), json_extract(data, '$.transaction_id') FROM events NOT INDEXED
       WHERE rowid > ? AND rowid <= ? AND site = ? AND type IN (${MODEL_EVENT_TYPES.map((t) => `'${t}'`).join(', ')})
       ORDER BY rowid LIMIT ?`,
    )
    .raw(true);
  const lastRowid = db.prepare<[], [number | null]>('SELECT max(rowid) FROM events').raw(true);
  const rowidOf = db.prepare<[string], [number]>('SELECT rowid FROM events WHERE id = ?').raw(true);
  const categories = db.prepare<[string], { id: string; c: string }>(
    `SELECT id, json_extract(data, '$.category[0]') AS c FROM products WHERE site = ? AND json_extract(data, '$.category[0]') IS NOT NULL`,
  );
  return {
    lastRowid: () => lastRowid.get()?.[0] ?? 0,
    page(site, after, last) {
      const rows = scanPage.all(after, last, site, pageSize);
      return { events: rows.map(toModelEvent), next: rows.length < pageSize ? undefined : rows[rows.length - 1]![0] };
    },
    rowidOf: (id) => rowidOf.get(id)?.[0],
    categories: (site) => new Map(categories.all(site).map((r) => [r.id, String(r.c)])),
  };
}

function toModelEvent(r: ScanRow): ModelEvent {
  const data: ModelEvent['data'] = {};
  if (r[5] !== null) data.items = JSON.parse(r[5]) as ModelEvent['data']['items'];
  if (r[6] !== null) data.transaction_id = r[6] as string;
  return { id: r[1], type: r[2], ts: r[3], session: r[4], data };
}

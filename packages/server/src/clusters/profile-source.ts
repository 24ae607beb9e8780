import type Database from 'better-sqlite3';
import type postgres from 'postgres';
import type { Storage } from '../storage/storage';

/** Reads every synced profile of a site, a page at a time (parsed JSON, unvalidated). */
export type ProfileScan = (site: string, onPage: (profiles: unknown[]) => void | Promise<void>) => Promise<void>;

const PAGE = 500;

/**
 * A profile scan over the app's storage. The `Storage` interface has no way to list profiles, so
 * this reads the `profiles` table through the engine handle the SQLite (`db`) and PostgreSQL
 * (`sql`) storages expose; other storages answer `undefined` and clustering is then unavailable.
 * Pages are keyed by subject, so no read holds the database while clustering runs.
 *
 * @example
 * const scan = storageProfileScan(storage);
 * await scan?.('demo', (page) => console.log(page.length));
 */
export function storageProfileScan(storage: Storage): ProfileScan | undefined {
  const handles = storage as Storage & { db?: Database.Database; sql?: postgres.Sql };
  if (storage.kind === 'sqlite' && handles.db) {
    const page = handles.db.prepare<[string, string, number], { subject: string; data: string }>(
      'SELECT subject, data FROM profiles WHERE site = ? AND subject > ? ORDER BY subject LIMIT ?',
    );
    return (site, onPage) => scan((after) => Promise.resolve(page.all(site, after, PAGE).map((r) => ({ subject: r.subject, data: parse(r.data) }))), onPage);
  }
  if (storage.kind === 'postgres' && handles.sql) {
    const sql = handles.sql;
    return (site, onPage) =>
      scan(
        async (after) => (await sql<{ subject: string; data: unknown }[]>`SELECT subject, data FROM profiles WHERE site = ${site} AND subject > ${after} ORDER BY subject LIMIT ${PAGE}`),
        onPage,
      );
  }
  return undefined;
}

async function scan(read: (after: string) => Promise<Array<{ subject: string; data: unknown }>>, onPage: (profiles: unknown[]) => void | Promise<void>): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await read(after);
    if (rows.length === 0) return;
    await onPage(rows.map((r) => r.data));
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.subject;
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

import type Database from 'better-sqlite3';
import type { ExperimentDefinition } from '@affinity/core';
import type { Migration } from '../storage/migration';
import { runSqliteMigrations } from '../storage/run-migrations';
import { SQLITE_EXPERIMENT_MIGRATIONS } from './experiment-migrations';
import { EXPERIMENT_EVENT_TYPES, OUTCOME_EVENT_TYPES, type ExperimentEventRow, type ExperimentStore, type SiteOverview } from './experiment-store';

const DAY = 86_400_000;
const list = (types: readonly string[]) => types.map((t) => `'${t}'`).join(', ');

/**
 * Experiments on the SQLite database the event storage already opened.
 *
 * @example
 * const store = createSqliteExperimentStore(createSqliteStorage({ file: ':memory:' }).db);
 */
export function createSqliteExperimentStore(db: Database.Database): ExperimentStore {
  migrate(db, SQLITE_EXPERIMENT_MIGRATIONS);
  const put = db.prepare<[string, string, string, number]>(
    'INSERT INTO exp_definitions (site, id, data, updated) VALUES (?, ?, ?, ?) ON CONFLICT (site, id) DO UPDATE SET data = excluded.data, updated = excluded.updated',
  );
  const putAll = db.transaction((site: string, defs: readonly ExperimentDefinition[], now: number) => {
    for (const d of defs) put.run(site, d.id, JSON.stringify(d), now);
  });
  const all = db.prepare<[string], { data: string; updated: number }>('SELECT data, updated FROM exp_definitions WHERE site = ? ORDER BY id');
  const one = db.prepare<[string, string], { data: string; updated: number }>('SELECT data, updated FROM exp_definitions WHERE site = ? AND id = ?');
  const del = db.prepare<[string, string]>('DELETE FROM exp_definitions WHERE site = ? AND id = ?');
  const tagged = db.prepare<{ site: string; id: string }, { visitor: string; type: string; ts: number; data: string }>(`
    WITH exposed AS (
      SELECT DISTINCT visitor FROM events
      WHERE site = @site AND type = 'experiment_exposure' AND json_extract(data, '$.experiment_id') = @id)
    SELECT visitor, type, ts, data FROM events
    WHERE site = @site AND (
      (type IN (${list(EXPERIMENT_EVENT_TYPES)}) AND json_extract(data, '$.experiment_id') = @id)
      OR (type IN (${list(OUTCOME_EVENT_TYPES)}) AND visitor IN (SELECT visitor FROM exposed)))
    ORDER BY ts, id`);
  const perDay = db.prepare<[string, number], { day: number; type: string; n: number }>(
    'SELECT ts / 86400000 AS day, type, count(*) AS n FROM events WHERE site = ? AND ts >= ? GROUP BY day, type ORDER BY day',
  );
  const top = db.prepare<[string, number, number], { id: string; name: string | null; views: number; carts: number; purchases: number }>(`
    SELECT json_extract(j.value, '$.item_id') AS id, max(json_extract(j.value, '$.item_name')) AS name,
      sum(e.type = 'view_item') AS views, sum(e.type = 'add_to_cart') AS carts, sum(e.type = 'purchase') AS purchases
    FROM events e, json_each(e.data, '$.items') j
    WHERE e.site = ? AND e.ts >= ? AND e.type IN ('view_item', 'add_to_cart', 'purchase')
      AND json_extract(j.value, '$.item_id') IS NOT NULL
    GROUP BY 1 ORDER BY 3 DESC, 5 DESC, 1 LIMIT ?`);
  const funnel = db.prepare<[string, number], SiteOverview['funnel']>(`
    SELECT count(DISTINCT CASE WHEN type = 'view_item' THEN visitor END) AS viewers,
      count(DISTINCT CASE WHEN type = 'add_to_cart' THEN visitor END) AS carters,
      count(DISTINCT CASE WHEN type = 'purchase' THEN visitor END) AS buyers
    FROM events WHERE site = ? AND ts >= ?`);
  const seen = db.prepare<[string], { id: string }>(
    "SELECT DISTINCT json_extract(data, '$.experiment_id') AS id FROM events WHERE site = ? AND type = 'experiment_exposure' AND json_extract(data, '$.experiment_id') IS NOT NULL ORDER BY 1",
  );
  const parse = (r: { data: string; updated: number }) => ({ definition: JSON.parse(r.data) as ExperimentDefinition, updated: r.updated });

  return {
    kind: 'sqlite',
    async putExperiments(site, definitions, now) {
      putAll(site, definitions, now);
    },
    async listExperiments(site) {
      return all.all(site).map(parse);
    },
    async getExperiment(site, id) {
      const row = one.get(site, id);
      return row ? parse(row) : undefined;
    },
    async deleteExperiment(site, id) {
      return del.run(site, id).changes > 0;
    },
    async experimentEvents(site, id): Promise<ExperimentEventRow[]> {
      return tagged.all({ site, id }).map((r) => ({ visitor: r.visitor, type: r.type, ts: r.ts, data: JSON.parse(r.data) }));
    },
    async overview(site, since, topItems) {
      const days = new Map<number, Record<string, number>>();
      for (const r of perDay.all(site, since)) {
        const counts = days.get(r.day) ?? {};
        counts[r.type] = r.n;
        days.set(r.day, counts);
      }
      return {
        since,
        days: [...days].map(([day, counts]) => ({ day: new Date(day * DAY).toISOString().slice(0, 10), counts })),
        topItems: top.all(site, since, topItems).map((r) => ({ ...r, id: String(r.id) })),
        funnel: funnel.get(site, since)!,
        experiments: seen.all(site).map((r) => String(r.id)),
      };
    },
  };
}

function migrate(db: Database.Database, migrations: readonly Migration[]): void {
  runSqliteMigrations(db, 'experiment_migrations', migrations);
}

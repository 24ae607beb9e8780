import type postgres from 'postgres';
import type { EventData, ExperimentDefinition } from '@affinity/core';
import type { Migration } from '../storage/migration';
import { runPostgresMigrations } from '../storage/run-migrations';
import { POSTGRES_EXPERIMENT_MIGRATIONS } from './experiment-migrations';
import { EXPERIMENT_EVENT_TYPES, OUTCOME_EVENT_TYPES, type ExperimentStore, type SiteOverview } from './experiment-store';

const DAY = 86_400_000;

/**
 * Experiments on the PostgreSQL pool the event storage opened (same schema via its `search_path`).
 *
 * @example
 * const store = await createPostgresExperimentStore(storage.sql);
 */
export async function createPostgresExperimentStore(sql: postgres.Sql): Promise<ExperimentStore> {
  await migrate(sql, POSTGRES_EXPERIMENT_MIGRATIONS);
  const parse = (r: { data: ExperimentDefinition; updated: string }) => ({ definition: r.data, updated: Number(r.updated) });
  return {
    kind: 'postgres',
    async putExperiments(site, definitions, now) {
      await sql.begin(async (tx) => {
        for (const d of definitions) {
          await tx`INSERT INTO exp_definitions (site, id, data, updated) VALUES (${site}, ${d.id}, ${tx.json(d as unknown as postgres.JSONValue)}, ${now})
            ON CONFLICT (site, id) DO UPDATE SET data = excluded.data, updated = excluded.updated`;
        }
      });
    },
    async listExperiments(site) {
      return (await sql<{ data: ExperimentDefinition; updated: string }[]>`SELECT data, updated FROM exp_definitions WHERE site = ${site} ORDER BY id`).map(parse);
    },
    async getExperiment(site, id) {
      const [row] = await sql<{ data: ExperimentDefinition; updated: string }[]>`SELECT data, updated FROM exp_definitions WHERE site = ${site} AND id = ${id}`;
      return row ? parse(row) : undefined;
    },
    async deleteExperiment(site, id) {
      return (await sql`DELETE FROM exp_definitions WHERE site = ${site} AND id = ${id}`).count > 0;
    },
    async experimentEvents(site, id) {
      const rows = await sql<{ visitor: string; type: string; ts: string; data: EventData }[]>`
        WITH exposed AS (
          SELECT DISTINCT visitor FROM events
          WHERE site = ${site} AND type = 'experiment_exposure' AND data->>'experiment_id' = ${id})
        SELECT visitor, type, ts, data FROM events
        WHERE site = ${site} AND (
          (type = ANY(${EXPERIMENT_EVENT_TYPES as unknown as string[]}) AND data->>'experiment_id' = ${id})
          OR (type = ANY(${OUTCOME_EVENT_TYPES as unknown as string[]}) AND visitor IN (SELECT visitor FROM exposed)))
        ORDER BY ts, id`;
      return rows.map((r) => ({ visitor: r.visitor, type: r.type, ts: Number(r.ts), data: r.data }));
    },
    async overview(site, since, topItems): Promise<SiteOverview> {
      const [perDay, top, [funnel], seen] = await Promise.all([
        sql<{ day: string; type: string; n: string }[]>`
          SELECT ts / 86400000 AS day, type, count(*) AS n FROM events WHERE site = ${site} AND ts >= ${since} GROUP BY day, type ORDER BY day`,
        sql<{ id: string; name: string | null; views: string; carts: string; purchases: string }[]>`
          SELECT j.value->>'item_id' AS id, max(j.value->>'item_name') AS name,
            count(*) FILTER (WHERE e.type = 'view_item') AS views, count(*) FILTER (WHERE e.type = 'add_to_cart') AS carts,
            count(*) FILTER (WHERE e.type = 'purchase') AS purchases
          FROM events e, jsonb_array_elements(CASE WHEN jsonb_typeof(e.data->'items') = 'array' THEN e.data->'items' ELSE '[]'::jsonb END) j
          WHERE e.site = ${site} AND e.ts >= ${since} AND e.type IN ('view_item', 'add_to_cart', 'purchase') AND j.value->>'item_id' IS NOT NULL
          GROUP BY 1 ORDER BY views DESC, purchases DESC, id LIMIT ${topItems}`,
        sql<{ viewers: string; carters: string; buyers: string }[]>`
          SELECT count(DISTINCT visitor) FILTER (WHERE type = 'view_item') AS viewers,
            count(DISTINCT visitor) FILTER (WHERE type = 'add_to_cart') AS carters,
            count(DISTINCT visitor) FILTER (WHERE type = 'purchase') AS buyers
          FROM events WHERE site = ${site} AND ts >= ${since}`,
        sql<{ id: string }[]>`
          SELECT DISTINCT data->>'experiment_id' AS id FROM events
          WHERE site = ${site} AND type = 'experiment_exposure' AND data->>'experiment_id' IS NOT NULL ORDER BY 1`,
      ]);
      const days = new Map<number, Record<string, number>>();
      for (const r of perDay) {
        const day = Number(r.day);
        const counts = days.get(day) ?? {};
        counts[r.type] = Number(r.n);
        days.set(day, counts);
      }
      return {
        since,
        days: [...days].map(([day, counts]) => ({ day: new Date(day * DAY).toISOString().slice(0, 10), counts })),
        topItems: top.map((r) => ({ id: r.id, name: r.name, views: Number(r.views), carts: Number(r.carts), purchases: Number(r.purchases) })),
        funnel: { viewers: Number(funnel!.viewers), carters: Number(funnel!.carters), buyers: Number(funnel!.buyers) },
        experiments: seen.map((r) => r.id),
      };
    },
  };
}

function migrate(sql: postgres.Sql, migrations: readonly Migration[]): Promise<void> {
  return runPostgresMigrations(sql, 'experiment_migrations', 'affinity-experiments', migrations);
}

import { experimentProblem, type ExperimentDefinition } from '@affinity/core';
import type { AppContext } from '../app-context';
import { requireAdmin, siteParam } from '../http/auth';
import { readJson } from '../http/body';
import { HttpError, sendJson } from '../http/respond';
import type { Route } from '../http/router';
import { dashboardRoutes } from '../dashboard/dashboard.routes';
import { createExperimentsService } from './experiments-service';

const MAX_BODY = 64 * 1024;

/**
 * Experiment endpoints:
 * - `GET /v1/experiments?site=` (public): the definitions browsers assign from.
 * - `GET /v1/admin/experiments?site=` (admin key): stored definitions and experiment ids seen in events.
 * - `PUT /v1/admin/experiments?site=` (admin key): upsert one definition, an array, or `{ experiments: […] }`.
 * - `DELETE /v1/admin/experiments/:id?site=` (admin key): remove a definition (events stay).
 * - `GET /v1/admin/experiments/:id?site=[&seed=&rounds=]` (admin key): per-arm metrics, uplift
 *   with 95% intervals and the sample-ratio-mismatch check (see `computeReport`).
 * - `GET /v1/admin/overview?site=[&days=30&top=10]` (admin key): events per day, top items,
 *   funnel — the dashboard's overview data.
 *
 * plus the admin dashboard page and its charts (see `dashboardRoutes`), which read the same service.
 */
export function experimentsRoutes(app: AppContext, service = createExperimentsService(app)): Route[] {
  const admin = (handler: (site: string, ctx: { url: URL; params: Record<string, string>; req: import('node:http').IncomingMessage }) => Promise<[number, unknown]>): Route['handler'] =>
    async ({ req, res, url, params }) => {
      requireAdmin(app, req);
      const site = siteParam(app, req, url);
      const [status, body] = await handler(site, { url, params, req });
      sendJson(res, status, body, { 'cache-control': 'no-store' });
    };
  return [
    ...dashboardRoutes(app, service),
    {
      method: 'GET',
      path: '/v1/experiments',
      handler: async ({ req, res, url }) => {
        const site = siteParam(app, req, url);
        const stored = await (await service.store()).listExperiments(site);
        sendJson(res, 200, { experiments: stored.map((s) => s.definition) }, { 'cache-control': 'public, max-age=60' });
      },
    },
    {
      method: 'GET',
      path: '/v1/admin/experiments',
      handler: admin(async (site) => {
        const store = await service.store();
        const [stored, overview] = await Promise.all([store.listExperiments(site), store.overview(site, Date.now(), 1)]);
        return [200, { experiments: stored, seen: overview.experiments }];
      }),
    },
    {
      method: 'PUT',
      path: '/v1/admin/experiments',
      handler: admin(async (site, { req }) => {
        const definitions = parseDefinitions(await readJson(req, MAX_BODY));
        await (await service.store()).putExperiments(site, definitions, Date.now());
        return [200, { stored: definitions.map((d) => d.id) }];
      }),
    },
    {
      method: 'DELETE',
      path: '/v1/admin/experiments/:id',
      handler: admin(async (site, { params }) => {
        const deleted = await (await service.store()).deleteExperiment(site, params.id!);
        if (!deleted) throw new HttpError(404, `No stored experiment "${params.id}" on site "${site}".`, 'id');
        return [200, { deleted: params.id }];
      }),
    },
    {
      method: 'GET',
      path: '/v1/admin/experiments/:id',
      handler: admin(async (site, { url, params }) => {
        if (experimentProblem({ id: params.id })) throw new HttpError(400, 'Experiment id must be 1–64 characters of letters, digits, "_", "." or "-".', 'id');
        return [200, await service.report(site, params.id!, url)];
      }),
    },
    {
      method: 'GET',
      path: '/v1/admin/overview',
      handler: admin(async (site, { url }) => [200, await service.overview(site, url)]),
    },
  ];
}

/** Accepts one definition, an array, or `{ experiments: [...] }`; answers 400 naming the first problem. */
export function parseDefinitions(body: unknown): ExperimentDefinition[] {
  const list = Array.isArray(body) ? body : body && typeof body === 'object' && Array.isArray((body as { experiments?: unknown }).experiments) ? (body as { experiments: unknown[] }).experiments : [body];
  if (!list.length || list.length > 100) throw new HttpError(400, 'Send 1–100 experiment definitions.', 'body');
  return list.map((def, i) => {
    const problem = experimentProblem(def);
    if (problem) throw new HttpError(400, `experiments[${i}]: ${problem}.`, `experiments[${i}]`);
    const d = def as ExperimentDefinition;
    // Keep only known fields so stored definitions stay what browsers expect.
    return { id: d.id, ...(d.salt !== undefined && { salt: d.salt }), ...(d.variants && { variants: d.variants.map((v) => ({ name: v.name, weight: v.weight })) }), ...(d.control !== undefined && { control: d.control }), ...(d.fallback !== undefined && { fallback: d.fallback }), ...(d.scope && { scope: pickScope(d.scope) }) };
  });
}

function pickScope(scope: NonNullable<ExperimentDefinition['scope']>): NonNullable<ExperimentDefinition['scope']> {
  const out: NonNullable<ExperimentDefinition['scope']> = {};
  for (const key of ['listings', 'recommendations', 'coupons'] as const) {
    const value = scope[key];
    if (value !== undefined) {
      if (typeof value !== 'boolean') throw new HttpError(400, `scope.${key} must be true or false.`, `scope.${key}`);
      out[key] = value;
    }
  }
  return out;
}

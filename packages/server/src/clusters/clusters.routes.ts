import type { AppContext } from '../app-context';
import { requireAdmin, siteParam } from '../http/auth';
import { HttpError, sendJson } from '../http/respond';
import type { Route } from '../http/router';
import { ClustersUnavailableError } from './build-clusters';
import { clustersChart } from './cluster-chart';
import type { BuiltClusters, ClustersService } from './clusters-service';

/** Browsers refetch at most every 10 minutes; clusters are rebuilt every 15 by default. */
const CACHE = 'public, max-age=600, stale-while-revalidate=86400';

/**
 * Behavioural clusters of a site's synced profiles.
 * - `GET /v1/clusters?site=` → `ClusterModel` `{ v: 1, builtAt, categories, clusters: [{ id, label, centroid }] }`:
 *   centroids and labels only — no sizes, no visitor ids (ETag, `304` on match); `404` while
 *   there are too few synced profiles.
 * - `GET /v1/admin/clusters?site=` (admin key) → the merchant's view: k, how it was chosen,
 *   silhouette per candidate k, and each cluster's label, size, share and centroid.
 * - `GET /v1/admin/charts/clusters?site=` (admin key) → the dashboard's SVG chart: each cluster's
 *   description and size (a "no clusters yet" chart with the reason while there are none).
 * - `POST /v1/admin/clusters/rebuild?site=&k=` (admin key) → rebuild now; `k` = 1…20 fixes k for
 *   the site, `auto` returns to choosing it by silhouette; answers the admin view.
 */
export function clustersRoutes(app: AppContext, clusters: ClustersService): Route[] {
  return [
    {
      method: 'GET',
      path: '/v1/clusters',
      handler: async ({ req, res, url }) => {
        const built = await available(clusters.get(siteParam(app, req, url)));
        const headers = { etag: built.etag, 'cache-control': CACHE };
        const match = req.headers['if-none-match'];
        if (match && match.split(',').some((t) => t.trim() === built.etag || t.trim() === `W/${built.etag}`)) {
          res.writeHead(304, headers);
          res.end();
          return;
        }
        res.writeHead(200, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(built.json) });
        res.end(built.json);
      },
    },
    {
      method: 'GET',
      path: '/v1/admin/clusters',
      handler: async ({ req, res, url }) => {
        requireAdmin(app, req);
        sendJson(res, 200, adminView(await available(clusters.get(siteParam(app, req, url)))), { 'cache-control': 'private, no-store' });
      },
    },
    {
      method: 'GET',
      path: '/v1/admin/charts/clusters',
      handler: async ({ req, res, url }) => {
        requireAdmin(app, req);
        const site = siteParam(app, req, url);
        let svg: string;
        try {
          svg = clustersChart(await clusters.get(site));
        } catch (error) {
          if (!(error instanceof ClustersUnavailableError)) throw error;
          svg = clustersChart(undefined, `No clusters yet: ${error.message}`);
        }
        const body = Buffer.from(svg);
        res.writeHead(200, { 'content-type': 'image/svg+xml; charset=utf-8', 'content-length': body.length, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
        res.end(body);
      },
    },
    {
      method: 'POST',
      path: '/v1/admin/clusters/rebuild',
      handler: async ({ req, res, url }) => {
        requireAdmin(app, req);
        const site = siteParam(app, req, url);
        const k = kParam(url.searchParams.get('k'));
        sendJson(res, 200, adminView(await available(clusters.rebuild(site, k))), { 'cache-control': 'private, no-store' });
      },
    },
  ];
}

function kParam(raw: string | null): number | 'auto' | undefined {
  if (raw === null || raw === '') return undefined;
  if (raw === 'auto') return 'auto';
  const k = Number(raw);
  if (!Number.isInteger(k) || k < 1 || k > 20) throw new HttpError(400, `k must be a whole number from 1 to 20, or "auto"; got "${raw}".`, 'k');
  return k;
}

async function available(pending: Promise<BuiltClusters>): Promise<BuiltClusters> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof ClustersUnavailableError) throw new HttpError(404, `No clusters for this site yet: ${error.message}`);
    throw error;
  }
}

function adminView(b: BuiltClusters) {
  return {
    builtAt: b.model.builtAt,
    durationMs: b.durationMs,
    profiles: b.profiles,
    skipped: b.skipped,
    k: b.k,
    chosenBy: b.chosenBy,
    silhouette: b.silhouette,
    candidates: b.candidates,
    categories: b.model.categories,
    featureNames: b.featureNames,
    clusters: b.model.clusters.map((c, i) => ({ ...c, size: b.sizes[i]!, share: b.sizes[i]! / b.profiles })),
  };
}

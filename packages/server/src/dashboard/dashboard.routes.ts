import type { ServerResponse } from 'node:http';
import type { AppContext } from '../app-context';
import { requireAdmin, siteParam } from '../http/auth';
import { HttpError } from '../http/respond';
import type { Route } from '../http/router';
import type { ExperimentsService } from '../experiments/experiments-service';
import { eventsOverTime, funnel, topItems, upliftChart } from './charts';
import { DASHBOARD_CSS, DASHBOARD_HTML, DASHBOARD_JS } from './page';

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

function send(res: ServerResponse, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'x-content-type-options': 'nosniff', ...headers });
  res.end(body);
}

/**
 * The admin dashboard:
 * - `GET /admin/` (and `/admin`): the page (no data, no key; strict CSP), `/admin/app.js`, `/admin/app.css`.
 * - `GET /v1/admin/charts/:name?site=[&days=&experiment=]` (admin key): one chart as SVG —
 *   `events` (per day and type), `funnel`, `top-items`, `uplift` (needs `experiment`).
 */
export function dashboardRoutes(app: AppContext, service: ExperimentsService): Route[] {
  const page: Route['handler'] = ({ res }) => send(res, 'text/html; charset=utf-8', DASHBOARD_HTML, { 'content-security-policy': CSP, 'cache-control': 'no-cache', 'referrer-policy': 'no-referrer' });
  return [
    { method: 'GET', path: '/admin', handler: page },
    { method: 'GET', path: '/admin/', handler: page },
    { method: 'GET', path: '/admin/app.js', handler: ({ res }) => send(res, 'text/javascript; charset=utf-8', DASHBOARD_JS, { 'cache-control': 'no-cache' }) },
    { method: 'GET', path: '/admin/app.css', handler: ({ res }) => send(res, 'text/css; charset=utf-8', DASHBOARD_CSS, { 'cache-control': 'no-cache' }) },
    {
      method: 'GET',
      path: '/v1/admin/charts/:name',
      handler: async ({ req, res, url, params }) => {
        requireAdmin(app, req);
        const site = siteParam(app, req, url);
        let svg: string;
        if (params.name === 'uplift') {
          const id = url.searchParams.get('experiment');
          if (!id) throw new HttpError(400, 'The uplift chart needs ?experiment=<id>.', 'experiment');
          svg = upliftChart(await service.report(site, id, url));
        } else {
          const draw = { events: eventsOverTime, funnel, 'top-items': topItems }[params.name!];
          if (!draw) throw new HttpError(404, `No chart "${params.name}"; charts are events, funnel, top-items and uplift.`, 'name');
          svg = draw(await service.overview(site, url));
        }
        send(res, 'image/svg+xml; charset=utf-8', svg, { 'cache-control': 'no-store' });
      },
    },
  ];
}

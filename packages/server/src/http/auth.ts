import type { IncomingMessage } from 'node:http';
import type { AppContext } from '../app-context';
import { HttpError } from './respond';

/**
 * Throw unless the request carries the admin key: `403` when the server has none configured,
 * `401` when it is missing or wrong.
 *
 * @example
 * requireAdmin(app, req); // then do admin things
 */
export function requireAdmin(app: AppContext, req: IncomingMessage): void {
  if (!app.config.adminKey) throw new HttpError(403, 'Admin endpoints are disabled: start the server with --admin-key (or AFFINITY_ADMIN_KEY).');
  if (!app.isAdmin(req)) {
    throw new HttpError(401, 'Missing or wrong admin key: send "Authorization: Bearer <admin key>".', 'authorization', { 'www-authenticate': 'Bearer' });
  }
}

/** Read the required `site` query parameter and check it (known site, allowed origin, site rate limit). */
export function siteParam(app: AppContext, req: IncomingMessage, url: URL): string {
  const site = url.searchParams.get('site');
  if (!site) throw new HttpError(400, `The "site" query parameter is required (${url.pathname}?site=…).`, 'site');
  app.access.checkSite(site, req);
  app.limits.checkSite(site);
  return site;
}

import * as v from 'valibot';
import type { IncomingMessage } from 'node:http';
import type { Route } from '../http/router';
import { siteParam } from '../http/auth';
import { readJson } from '../http/body';
import { HttpError, sendJson } from '../http/respond';
import type { AppContext } from '../app-context';

const VisitorId = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const ProfileSchema = v.record(v.string(), v.unknown());
const PROFILE_LIMIT = 64 * 1024;

/**
 * Opt-in profile sync, each call authorised by the visitor's own token
 * (`Authorization: Bearer <token>`), so no visitor can read another's profile.
 * - `POST /v1/profiles/:visitor/token?site=` → `201 { token }` the first time, `409` after.
 * - `PUT /v1/profiles/:visitor?site=` with a JSON object (≤ 64 KiB) → `204`.
 * - `GET /v1/profiles/:visitor?site=` → `200 { profile, updated, shared }` (`shared` when it is the
 *   identified customer's profile, synced from any of their devices) or `404`.
 */
export function profilesRoutes(app: AppContext): Route[] {
  const visitorOf = (params: Record<string, string>) => {
    if (!v.is(VisitorId, params.visitor)) throw new HttpError(400, 'Visitor id must be 1–64 characters.', 'visitor');
    return params.visitor;
  };
  const authorise = (req: IncomingMessage, site: string, visitor: string) => {
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!token || !app.tokens.verifyProfileToken(site, visitor, token)) {
      throw new HttpError(401, 'Missing or wrong profile token: send "Authorization: Bearer <token>" as issued for this visitor.', 'authorization');
    }
  };
  const subjectOf = async (site: string, visitor: string) => {
    const customer = await app.storage.customerOf(site, visitor);
    return customer === undefined ? `v:${visitor}` : `c:${customer}`;
  };

  return [
    {
      method: 'POST',
      path: '/v1/profiles/:visitor/token',
      handler: async ({ req, res, url, params }) => {
        const site = siteParam(app, req, url);
        const visitor = visitorOf(params);
        if (!(await app.storage.markTokenIssued(site, visitor))) {
          throw new HttpError(409, 'A token was already issued for this visitor; use the one you were given.', 'visitor');
        }
        sendJson(res, 201, { token: app.tokens.profileToken(site, visitor) });
      },
    },
    {
      method: 'PUT',
      path: '/v1/profiles/:visitor',
      handler: async ({ req, res, url, params }) => {
        const site = siteParam(app, req, url);
        const visitor = visitorOf(params);
        authorise(req, site, visitor);
        const body = await readJson(req, PROFILE_LIMIT);
        if (!v.is(ProfileSchema, body) || Array.isArray(body)) throw new HttpError(400, 'The profile must be a JSON object.', 'body');
        await app.storage.putProfile(site, await subjectOf(site, visitor), body);
        res.writeHead(204);
        res.end();
      },
    },
    {
      method: 'GET',
      path: '/v1/profiles/:visitor',
      handler: async ({ req, res, url, params }) => {
        const site = siteParam(app, req, url);
        const visitor = visitorOf(params);
        authorise(req, site, visitor);
        const subject = await subjectOf(site, visitor);
        const stored = await app.storage.getProfile(site, subject);
        if (!stored) throw new HttpError(404, 'No profile synced for this visitor yet.');
        sendJson(res, 200, { profile: stored.data, updated: stored.updated, shared: subject.startsWith('c:') }, { 'cache-control': 'private, no-store' });
      },
    },
  ];
}

import * as v from 'valibot';
import type { Route } from '../http/router';
import { readJson } from '../http/body';
import { HttpError, sendJson } from '../http/respond';
import { describeIssue } from '../events/events.schema';
import type { AppContext } from '../app-context';
import { linkCustomer } from './link';

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const IdentifySchema = v.object({
  site: Id,
  visitor: Id,
  customer: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  signature: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-fA-F]{64}$/, 'expected the 64-character hex HMAC-SHA256 of "site:customer"'))),
});

/**
 * `POST /v1/identify` `{ site, visitor, customer, signature? }` links an anonymous visitor to a
 * customer so every device of that customer shares one synced profile. Authorised by the admin
 * key (server-to-server) or by `signature` = HMAC-SHA256(admin key, `site:customer`) computed by
 * the merchant's backend (open development mode needs neither). The visitor's profile becomes the
 * customer's when the customer has none yet. Answers `200 { customer, previous, token? }`; `token`
 * (the visitor's profile token) is included the first time only.
 */
export function identityRoutes(app: AppContext): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/identify',
      handler: async ({ req, res }) => {
        const parsed = v.safeParse(IdentifySchema, await readJson(req, 16 * 1024));
        if (!parsed.success) {
          const { field, error } = describeIssue(parsed.issues[0]);
          throw new HttpError(400, error, field);
        }
        const { site, visitor, customer, signature } = parsed.output;
        app.access.checkSite(site, req);
        app.limits.checkSite(site);
        const authorised = app.isAdmin(req) || (signature !== undefined && app.tokens.verifyIdentify(site, customer, signature)) || app.config.sites === undefined;
        if (!authorised) {
          throw new HttpError(401, 'identify needs the admin key or a "signature" (HMAC-SHA256 of "site:customer" with the admin key, computed by your backend).', 'signature');
        }
        const { previous } = await linkCustomer(app, site, visitor, customer);
        const fresh = await app.storage.markTokenIssued(site, visitor);
        sendJson(res, 200, { customer, previous: previous ?? null, ...(fresh ? { token: app.tokens.profileToken(site, visitor) } : {}) });
      },
    },
  ];
}

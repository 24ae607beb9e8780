import type { AppContext } from '../app-context';
import type { Route } from '../http/router';
import type { Promotions } from '../promotions/promotions';
import { deleteDefinition, listAdmin, listPublic, putDefinitions } from './campaigns.handlers';

/**
 * Campaign and flash-sale definitions.
 * - `GET /v1/campaigns?site=` (public): `200 { campaigns, flashSales, serverTime }`, ended ones left out.
 * - `GET /v1/admin/campaigns?site=` (secret key): definitions with counts.
 * - `PUT /v1/admin/campaigns?site=`, `PUT /v1/admin/flash-sales?site=` (secret key): upsert one or
 *   an array; `400 { error, issues: [{ path, message }] }` when any is invalid.
 * - `DELETE /v1/admin/campaigns/:id?site=`, `DELETE /v1/admin/flash-sales/:id?site=`.
 */
export function campaignsRoutes(app: AppContext, promotions: Promotions): Route[] {
  return [
    { method: 'GET', path: '/v1/campaigns', handler: listPublic(app, promotions) },
    { method: 'GET', path: '/v1/admin/campaigns', handler: listAdmin(app, promotions) },
    { method: 'PUT', path: '/v1/admin/campaigns', handler: putDefinitions(app, promotions, 'campaigns') },
    { method: 'PUT', path: '/v1/admin/flash-sales', handler: putDefinitions(app, promotions, 'flash-sales') },
    { method: 'DELETE', path: '/v1/admin/campaigns/:id', handler: deleteDefinition(app, promotions, 'campaigns') },
    { method: 'DELETE', path: '/v1/admin/flash-sales/:id', handler: deleteDefinition(app, promotions, 'flash-sales') },
  ];
}

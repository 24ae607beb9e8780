import * as v from 'valibot';
import { buildProfile } from '../../../core/src/profile/build-profile';
import { matchesRule } from '../../../core/src/segments/evaluate';
import { profileFacts } from '../../../core/src/segments/facts';
import type { AppContext } from '../app-context';
import { publicFlashSale } from '../campaigns/campaigns.handlers';
import { readJson } from '../http/body';
import type { RouteContext } from '../http/router';
import type { Promotions } from '../promotions/promotions';
import type { FlashSaleDefinition } from '../promotions/promotion-store';
import { answer, parseBody, refuse, requireSecret, SiteKey, siteParam, VisitorId } from '../promotions/respond';

const ClaimSchema = v.object({ site: SiteKey, visitor: VisitorId });
const CompleteSchema = v.object({
  site: SiteKey,
  reservation: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  order: v.object({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(128)) }),
});

const REFUSALS = {
  sold_out: 'This flash sale is sold out.',
  limit_reached: 'This shopper already holds as many units of this sale as allowed.',
  unknown_sale: 'No such flash sale.',
} as const;

/** `GET /v1/flash-sales/:id?site=&visitor=`: the sale with live stock, and the visitor's reservations. */
export function getFlashSale(app: AppContext, p: Promotions) {
  return async ({ req, res, url, params }: RouteContext): Promise<void> => {
    const site = siteParam(url);
    app.access.checkSite(site, req);
    app.limits.checkSite(site);
    const now = p.now();
    const sale = await p.store.getFlashSale(site, params.id!, now);
    if (!sale) return refuse(res, 404, now, 'unknown_sale', `No flash sale "${params.id}" on site "${site}".`);
    const visitor = url.searchParams.get('visitor');
    const reservations = visitor && v.is(VisitorId, visitor) ? await p.store.reservations(site, params.id!, visitor, now) : [];
    answer(res, 200, now, { sale: publicFlashSale(sale), reservations });
  };
}

/**
 * `POST /v1/flash-sales/:id/claim` `{ site, visitor }`: hold one unit for the visitor. The store
 * takes the unit and checks the visitor's limit in one transaction on the sale's row.
 */
export function claimFlashSale(app: AppContext, p: Promotions) {
  return async ({ req, res, params }: RouteContext): Promise<void> => {
    const body = parseBody(ClaimSchema, await readJson(req, app.config.maxBodyBytes));
    app.access.checkSite(body.site, req);
    app.limits.checkSite(body.site);
    let now = p.now();
    const d = await p.store.flashSaleDefinition(body.site, params.id!);
    if (!d) return refuse(res, 404, now, 'unknown_sale', `No flash sale "${params.id}" on site "${body.site}".`);
    if (now < d.startsAt) return refuse(res, 409, now, 'not_started', `This flash sale starts at ${new Date(d.startsAt).toISOString()}.`, { startsAt: d.startsAt });
    if (now >= d.endsAt) return refuse(res, 409, now, 'ended', `This flash sale ended at ${new Date(d.endsAt).toISOString()}.`, { endsAt: d.endsAt });
    if (d.access && !(await mayAccess(p, body.site, body.visitor, d, now))) {
      return refuse(res, 403, now, 'not_eligible', `This flash sale is reserved for ${d.access.label ?? 'selected shoppers'}.`);
    }
    now = p.now();
    const outcome = await p.store.claimFlashSale(body.site, d.id, body.visitor, now);
    if (!outcome.ok) {
      return refuse(res, outcome.reason === 'unknown_sale' ? 404 : 409, now, outcome.reason, REFUSALS[outcome.reason], {
        remaining: outcome.remaining,
        reservations: outcome.reservations,
      });
    }
    answer(res, 201, now, { reservation: outcome.reservation, remaining: outcome.remaining });
  };
}

/**
 * `POST /v1/flash-sales/:id/complete` (secret key) `{ site, reservation, order: { id } }`: the
 * order went through, the held unit is sold for good. An expired hold has gone back to stock.
 */
export function completeFlashSale(app: AppContext, p: Promotions) {
  return async ({ req, res, params }: RouteContext): Promise<void> => {
    requireSecret(app.isAdmin(req), 'Completing a flash-sale order');
    const body = parseBody(CompleteSchema, await readJson(req, app.config.maxBodyBytes));
    const now = p.now();
    const outcome = await p.store.completeReservation(body.site, params.id!, body.reservation, body.order.id, now);
    if (!outcome.ok) {
      const status = outcome.reason === 'unknown_reservation' ? 404 : 409;
      const error = {
        unknown_reservation: 'No such reservation for this sale.',
        reservation_expired: 'The hold expired before the order completed; the unit went back to stock.',
        already_completed: 'This reservation was already completed.',
      }[outcome.reason];
      return refuse(res, status, now, outcome.reason, error);
    }
    answer(res, 200, now, { reservation: outcome.reservation });
  };
}

/**
 * Segment-only sales are checked against a profile the server rebuilds from the visitor's own
 * stored events, not against anything the browser claims.
 */
async function mayAccess(p: Promotions, site: string, visitor: string, d: FlashSaleDefinition, now: number): Promise<boolean> {
  const events = await p.storage.visitorEvents(site, visitor);
  if (!events.length) return false;
  const profile = buildProfile(events, { now: () => now });
  return matchesRule(d.access!.rule as Parameters<typeof matchesRule>[0], profileFacts(profile, now));
}

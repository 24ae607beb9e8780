import type { Campaign, FlashSale } from '@affinity/core';
import type { AppContext } from '../app-context';
import { readJson } from '../http/body';
import { HttpError, sendJson } from '../http/respond';
import type { RouteContext } from '../http/router';
import type { Promotions } from '../promotions/promotions';
import { utcDay, type CampaignDefinition, type FlashSaleRecord } from '../promotions/promotion-store';
import { answer, requireSecret, siteParam } from '../promotions/respond';
import { parseCampaign, parseFlashSale, type DefinitionIssue } from './campaign.schema';

/** The public face of a campaign: what browsers need to decide what to show, nothing more. */
export function publicCampaign(c: CampaignDefinition): Campaign {
  const { couponHours: _hours, ...pub } = c;
  return pub;
}

/** The public face of a flash sale with its live stock; the access rule stays on the server. */
export function publicFlashSale({ definition: d, remaining }: FlashSaleRecord): FlashSale {
  return {
    id: d.id,
    title: d.title,
    item: d.item,
    price: d.price,
    ...(d.listPrice !== undefined && { listPrice: d.listPrice }),
    startsAt: d.startsAt,
    endsAt: d.endsAt,
    stock: d.stock,
    remaining,
    perVisitor: d.perVisitor,
    holdMinutes: d.holdMinutes,
    restricted: !!d.access,
  };
}

/** `GET /v1/campaigns?site=`: campaigns and flash sales that have not ended, for the browser to target locally. */
export function listPublic(app: AppContext, p: Promotions) {
  return async ({ req, res, url }: RouteContext): Promise<void> => {
    const site = siteParam(url);
    app.access.checkSite(site, req);
    app.limits.checkSite(site);
    const now = p.now();
    const campaigns = (await p.store.listCampaigns(site)).filter((c) => c.endsAt === undefined || c.endsAt > now).map(publicCampaign);
    const flashSales = (await p.store.listFlashSales(site, now)).filter((s) => s.definition.endsAt > now).map(publicFlashSale);
    answer(res, 200, now, { campaigns, flashSales });
  };
}

/** `GET /v1/admin/campaigns?site=`: every definition with its issue and redemption counts. */
export function listAdmin(app: AppContext, p: Promotions) {
  return async ({ req, res, url }: RouteContext): Promise<void> => {
    requireSecret(app.isAdmin(req), 'Listing campaigns');
    const site = siteParam(url);
    const now = p.now();
    const campaigns = await Promise.all(
      (await p.store.listCampaigns(site)).map(async (c) => ({ ...c, counts: await p.store.campaignCounts(site, c.id, utcDay(now)) })),
    );
    const flashSales = (await p.store.listFlashSales(site, now)).map((s) => ({ ...s.definition, remaining: s.remaining }));
    answer(res, 200, now, { campaigns, flashSales });
  };
}

/**
 * `PUT /v1/admin/campaigns?site=` or `/v1/admin/flash-sales?site=` with one definition or an
 * array: validates all first (400 listing every problem, nothing stored), then upserts by id.
 */
export function putDefinitions(app: AppContext, p: Promotions, what: 'campaigns' | 'flash-sales') {
  return async ({ req, res, url }: RouteContext): Promise<void> => {
    requireSecret(app.isAdmin(req), `Defining ${what}`);
    const site = siteParam(url);
    const body = await readJson(req, app.config.maxBodyBytes);
    const items = Array.isArray(body) ? body : [body];
    const issues: DefinitionIssue[] = [];
    const parse = what === 'campaigns' ? parseCampaign : parseFlashSale;
    const valid = items.flatMap((item, i) => {
      const r = parse(item, Array.isArray(body) ? `[${i}]` : what === 'campaigns' ? 'campaign' : 'flashSale');
      if (!r.ok) issues.push(...r.issues);
      return r.ok ? [r.value] : [];
    });
    if (issues.length) {
      sendJson(res, 400, { error: `Invalid definition: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, field: issues[0]!.path, issues });
      return;
    }
    if (what === 'campaigns') await p.store.putCampaigns(site, valid as CampaignDefinition[]);
    else await p.store.putFlashSales(site, valid as Parameters<typeof p.store.putFlashSales>[1]);
    answer(res, 200, p.now(), { saved: valid.map((x) => x.id) });
  };
}

/** `DELETE /v1/admin/campaigns/:id?site=` (or flash-sales): remove a definition; issued codes stay on record. */
export function deleteDefinition(app: AppContext, p: Promotions, what: 'campaigns' | 'flash-sales') {
  return async ({ req, res, url, params }: RouteContext): Promise<void> => {
    requireSecret(app.isAdmin(req), `Deleting ${what}`);
    const site = siteParam(url);
    const gone = what === 'campaigns' ? await p.store.deleteCampaign(site, params.id!) : await p.store.deleteFlashSale(site, params.id!);
    if (!gone) throw new HttpError(404, `No ${what === 'campaigns' ? 'campaign' : 'flash sale'} "${params.id}" on site "${site}".`, 'id');
    answer(res, 200, p.now(), { deleted: params.id });
  };
}

import * as v from 'valibot';
import { readJson } from '../http/body';
import { sendJson } from '../http/respond';
import type { RouteContext } from '../http/router';
import type { DefinitionIssue } from '../campaigns/campaign.schema';
import { couponBody, issueRequest, whyNotIssuable } from '../coupons/issue';
import { answer, parseBody, refuse, requireSecret, SiteKey, siteParam, VisitorId } from '../promotions/respond';
import { Token, type ReferralContext } from '../referrals/referrals.handlers';
import { parseGroupOffer, type GroupOfferDefinition } from './group-offer.schema';

const JoinSchema = v.strictObject({ site: SiteKey, visitor: VisitorId, token: Token });

/**
 * `POST /v1/group-offers/:id/join` `{ site, visitor, token }`: a shopper joins the round of the
 * share link `token` (a referral share token). Counted atomically per link, distinct visitors
 * only; the round unlocks when it reaches `size` within `windowHours` of its first member.
 * `201 { round }` (joined), `200 { round }` (already a member), `409 closed`, `404`.
 */
export function joinGroup(c: ReferralContext) {
  return async ({ req, res, params }: RouteContext): Promise<void> => {
    const body = parseBody(JoinSchema, await readJson(req, c.app.config.maxBodyBytes));
    c.app.access.checkSite(body.site, req);
    c.app.limits.checkSite(body.site);
    const now = c.promotions.now();
    const store = await c.store();
    const offer = await store.getGroupOffer(body.site, params.id!);
    if (!offer) return refuse(res, 404, now, 'unknown_offer', `No group offer "${params.id}" on site "${body.site}".`);
    // Only links the server handed out count: a made-up token cannot start a round.
    if (!(await store.linkExists(body.site, body.token))) return refuse(res, 404, now, 'unknown_token', 'This share link is not valid.');
    const out = await store.joinGroup(body.site, offer, body.token, body.visitor, now);
    if (out.kind === 'unknown_offer') return refuse(res, 404, now, 'unknown_offer', `No group offer "${params.id}".`);
    const round = { offer: publicOffer(offer), members: out.members, size: out.size, unlocked: out.kind !== 'closed' && out.unlocked, closesAt: out.closes };
    if (out.kind === 'closed') return refuse(res, 409, now, 'closed', 'This group has closed; start your own by sharing the product.', { round });
    answer(res, out.kind === 'joined' ? 201 : 200, now, { round: { ...round, member: true } });
  };
}

/** `GET /v1/group-offers/:id?site=&token=[&visitor=]`: the round behind a link (members, size, unlocked, closing time). */
export function getGroup(c: ReferralContext) {
  return async ({ req, res, url, params }: RouteContext): Promise<void> => {
    const site = siteParam(url);
    c.app.access.checkSite(site, req);
    const now = c.promotions.now();
    const token = v.safeParse(Token, url.searchParams.get('token'));
    if (!token.success) return refuse(res, 400, now, 'bad_token', token.issues[0].message);
    const visitor = v.safeParse(VisitorId, url.searchParams.get('visitor') ?? undefined);
    const store = await c.store();
    const offer = await store.getGroupOffer(site, params.id!);
    if (!offer) return refuse(res, 404, now, 'unknown_offer', `No group offer "${params.id}" on site "${site}".`);
    const r = await store.groupRound(site, offer, token.output, visitor.success ? visitor.output : undefined, now);
    answer(res, 200, now, { round: { offer: publicOffer(offer), members: r.members, size: offer.size, unlocked: r.unlocked, member: r.member, closesAt: r.closes } });
  };
}

/**
 * `POST /v1/group-offers/:id/claim` `{ site, visitor, token }`: a member of an unlocked round gets
 * the offer's code (bound to them, through the coupon issuing and its caps). `409 locked` before
 * the round unlocks, `403 not_member` for a visitor who did not join.
 */
export function claimGroup(c: ReferralContext) {
  return async ({ req, res, params }: RouteContext): Promise<void> => {
    const p = c.promotions;
    const body = parseBody(JoinSchema, await readJson(req, c.app.config.maxBodyBytes));
    c.app.access.checkSite(body.site, req);
    c.app.limits.checkSite(body.site);
    const now = p.now();
    const store = await c.store();
    const offer = await store.getGroupOffer(body.site, params.id!);
    if (!offer) return refuse(res, 404, now, 'unknown_offer', `No group offer "${params.id}" on site "${body.site}".`);
    const round = await store.groupRound(body.site, offer, body.token, body.visitor, now);
    if (!round.member) return refuse(res, 403, now, 'not_member', 'Join the group through its link first.');
    if (!round.unlocked) return refuse(res, 409, now, 'locked', `The discount unlocks when ${offer.size} shoppers have joined (${round.members} so far).`, { members: round.members, size: offer.size });
    const campaign = await p.store.getCampaign(body.site, offer.campaign);
    if (!campaign) return refuse(res, 409, now, 'unknown_campaign', `The campaign behind group offer "${offer.id}" is gone.`);
    const refusal = await whyNotIssuable(p, body.site, campaign, body.visitor, 'web');
    if (refusal && refusal.reason !== 'wrong_channel') return refuse(res, refusal.status, now, refusal.reason, refusal.error);
    const issued = await p.store.issueCoupon(body.site, issueRequest(p, body.site, campaign, `v:${body.visitor}`));
    if (!issued.ok) return refuse(res, 409, now, issued.reason, 'No more codes can be issued for this offer.');
    answer(res, issued.existing ? 200 : 201, now, couponBody(campaign, issued.coupon, issued.existing));
  };
}

/** `PUT /v1/admin/group-offers?site=` (secret key): one offer or an array; all valid or nothing stored. */
export function putGroupOffers(c: ReferralContext) {
  return async ({ req, res, url }: RouteContext): Promise<void> => {
    requireSecret(c.app.isAdmin(req), 'Defining group offers');
    const site = siteParam(url);
    const body = await readJson(req, c.app.config.maxBodyBytes);
    const campaigns = new Set((await c.promotions.store.listCampaigns(site)).map((x) => x.id));
    const { offers, issues } = checkGroupOffers(Array.isArray(body) ? body : [body], Array.isArray(body) ? '' : undefined, (id) => campaigns.has(id), site);
    if (issues.length) {
      sendJson(res, 400, { error: `Invalid group offer: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, field: issues[0]!.path, issues });
      return;
    }
    await (await c.store()).putGroupOffers(site, offers);
    answer(res, 200, c.promotions.now(), { saved: offers.map((o) => o.id) });
  };
}

/** Validate group offers and the campaigns they name; `at` prefixes paths (`undefined` for a single offer). */
export function checkGroupOffers(items: unknown[], at: string | undefined, campaignExists: (id: string) => boolean, site: string): { offers: GroupOfferDefinition[]; issues: DefinitionIssue[] } {
  const issues: DefinitionIssue[] = [];
  const offers: GroupOfferDefinition[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const here = at === undefined ? 'groupOffer' : `${at}[${i}]`;
    const r = parseGroupOffer(item, here);
    if (!r.ok) return void issues.push(...r.issues);
    if (seen.has(r.value.id)) issues.push({ path: `${here}.id`, message: `duplicate group offer id "${r.value.id}"` });
    seen.add(r.value.id);
    if (!campaignExists(r.value.campaign)) issues.push({ path: `${here}.campaign`, message: `no campaign "${r.value.campaign}" on site "${site}"` });
    offers.push(r.value);
  });
  return { offers, issues };
}

function publicOffer(o: GroupOfferDefinition) {
  return { id: o.id, title: o.title, size: o.size, windowHours: o.windowHours };
}

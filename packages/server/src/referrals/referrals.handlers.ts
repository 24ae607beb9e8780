import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import * as v from 'valibot';
import type { AppContext } from '../app-context';
import { readJson } from '../http/body';
import { HttpError, sendJson } from '../http/respond';
import type { RouteContext } from '../http/router';
import type { DefinitionIssue } from '../campaigns/campaign.schema';
import { couponBody, hasPurchased, issueRequest, whyNotIssuable } from '../coupons/issue';
import type { Promotions } from '../promotions/promotions';
import { answer, parseBody, refuse, requireSecret, SiteKey, siteParam, VisitorId } from '../promotions/respond';
import type { ReferralRewards } from './referral-rewards';
import type { ReferralClaim, ReferralStore, WelcomeGift } from './referral-store';
import { parseReferralProgram, type ReferralProgram } from './referral.schema';

/** What the referral endpoints share. */
export interface ReferralContext {
  app: AppContext;
  promotions: Promotions;
  store(): Promise<ReferralStore>;
  /** How a sharer is rewarded (shared with the coupon redemption). */
  rewards: ReferralRewards;
}

/** Share tokens: 128 random bits, base64url (22 characters). Unguessable, and they say nothing about the sharer. */
export const Token = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{22}$/, 'expected a share token (22 letters, digits, "_" or "-")'));
const Customer = v.pipe(v.string(), v.minLength(1), v.maxLength(128));
const ProgramId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected a referral program id'));
const Signature = v.pipe(v.string(), v.maxLength(128));

const LinkSchema = v.strictObject({ site: SiteKey, visitor: VisitorId, program: v.optional(ProgramId), customer: v.optional(Customer), signature: v.optional(Signature) });
const LandSchema = v.strictObject({ site: SiteKey, visitor: VisitorId, token: Token, customer: v.optional(Customer), signature: v.optional(Signature) });
const RewardSchema = v.strictObject({ site: SiteKey, order: v.pipe(v.string(), v.minLength(1), v.maxLength(128)) });

/** A new share token. */
export function newToken(): string {
  return randomBytes(16).toString('base64url');
}

/** The customer a request proves (merchant identify signature or the secret key), else `null`. */
export function provenCustomer(app: AppContext, req: IncomingMessage, site: string, customer: string | undefined, signature: string | undefined): string | null {
  if (!customer) return null;
  if (app.isAdmin(req) || (signature !== undefined && app.tokens.verifyIdentify(site, customer, signature))) return customer;
  return null;
}

async function programFor(c: ReferralContext, site: string, id: string | undefined): Promise<ReferralProgram | undefined> {
  const store = await c.store();
  if (id) return store.getProgram(site, id);
  return (await store.listPrograms(site))[0];
}

/**
 * `POST /v1/referrals/link` `{ site, visitor, program?, customer?, signature? }`: the sharer's
 * share token for a program (the site's first when omitted), the same one every time. A
 * points-rewarding program needs an identified sharer (the points go to a customer account).
 */
export function createLink(c: ReferralContext) {
  return async ({ req, res }: RouteContext): Promise<void> => {
    const body = parseBody(LinkSchema, await readJson(req, c.app.config.maxBodyBytes));
    c.app.access.checkSite(body.site, req);
    c.app.limits.checkSite(body.site);
    const now = c.promotions.now();
    const program = await programFor(c, body.site, body.program);
    if (!program) return refuse(res, 404, now, 'unknown_program', body.program ? `No referral program "${body.program}" on site "${body.site}".` : `Site "${body.site}" has no referral program.`);
    const customer = provenCustomer(c.app, req, body.site, body.customer, body.signature);
    if ('points' in program.reward && !customer) {
      throw new HttpError(401, `Program "${program.id}" rewards points, which need an identified customer: send "customer" and "signature" (your backend's identify signature).`, 'signature');
    }
    const link = await (await c.store()).link(body.site, program.id, body.visitor, customer, newToken, now);
    answer(res, 200, now, { token: link.token, program: { id: program.id, title: program.title } });
  };
}

/**
 * `POST /v1/referrals/land` `{ site, visitor, token, customer?, signature? }`: a visit arrived
 * through a share link. Records the referral and gives the new shopper the program's welcome
 * code. The answer never names the sharer. Refusals: `404 unknown_token`, `409 self_referral`,
 * `409 loop`, `409 already_referred`, `409 not_new_shopper`; the same landing again is `200`.
 */
export function land(c: ReferralContext) {
  return async ({ req, res }: RouteContext): Promise<void> => {
    const p = c.promotions;
    const body = parseBody(LandSchema, await readJson(req, c.app.config.maxBodyBytes));
    c.app.access.checkSite(body.site, req);
    c.app.limits.checkSite(body.site);
    const now = p.now();
    const store = await c.store();
    const customer = provenCustomer(c.app, req, body.site, body.customer, body.signature);
    if (await hasPurchased(p, body.site, body.visitor)) return refuse(res, 409, now, 'not_new_shopper', 'Referral welcomes are for new shoppers; this visitor has ordered before.');
    const outcome = await store.claim(body.site, body.token, body.visitor, customer, now);
    switch (outcome.kind) {
      case 'unknown_token':
        return refuse(res, 404, now, 'unknown_token', 'This share link is not valid.');
      case 'self_referral':
        return refuse(res, 409, now, 'self_referral', 'This is your own share link: send it to a friend instead.');
      case 'loop':
        return refuse(res, 409, now, 'loop', 'Two shoppers cannot refer each other.');
      case 'already_referred':
        return refuse(res, 409, now, 'already_referred', 'This shopper was already referred through another link.');
    }
    const claim = outcome.claim;
    const welcome = claim.welcome && !('failed' in claim.welcome) ? claim.welcome : await giveWelcome(c, body.site, claim);
    const program = await store.getProgram(body.site, claim.program);
    answer(res, outcome.kind === 'claimed' ? 201 : 200, now, {
      program: { id: claim.program, title: program?.title ?? claim.program },
      welcome: 'failed' in welcome ? null : welcome,
      ...('failed' in welcome && { welcomeError: welcome.failed }),
    });
  };
}

async function giveWelcome(c: ReferralContext, site: string, claim: ReferralClaim): Promise<WelcomeGift> {
  const p = c.promotions;
  const program = await (await c.store()).getProgram(site, claim.program);
  const campaign = program && (await p.store.getCampaign(site, program.welcomeCampaign));
  let gift: WelcomeGift;
  if (!campaign) gift = { failed: 'unknown_campaign' };
  else {
    const refusal = await whyNotIssuable(p, site, campaign, claim.visitor, 'web');
    if (refusal && refusal.reason !== 'wrong_channel') gift = { failed: refusal.reason };
    else {
      const issued = await p.store.issueCoupon(site, issueRequest(p, site, campaign, `v:${claim.visitor}`));
      gift = issued.ok ? { ...couponBody(campaign, issued.coupon, issued.existing), campaign: campaign.id } : { failed: issued.reason };
    }
  }
  await (await c.store()).setWelcome(site, claim.visitor, gift);
  return gift;
}

/**
 * `POST /v1/referrals/reward` `{ site, order }` (secret key): if the order redeemed a referral
 * welcome code, reward its sharer, once. `POST /v1/coupons/redeem` already does this when it
 * accepts the order; this endpoint stays for integrations that call it, and retries a reward
 * that failed there. `201 { reward }`, `200 { duplicate: true, reward }` (already rewarded, by
 * the redemption or an earlier call), `404 no_referral`, `409 reward_cap`.
 */
export function reward(c: ReferralContext) {
  return async ({ req, res }: RouteContext): Promise<void> => {
    requireSecret(c.app.isAdmin(req), 'Rewarding a referral');
    const body = parseBody(RewardSchema, await readJson(req, c.app.config.maxBodyBytes));
    const now = c.promotions.now();
    const outcome = await c.rewards.rewardOrder(body.site, body.order);
    if (outcome.kind === 'no_referral') return refuse(res, 404, now, 'no_referral', `Order "${body.order}" did not redeem a referral welcome code (redeem it first).`);
    if (outcome.kind === 'reward_cap') return refuse(res, 409, now, 'reward_cap', 'This sharer has earned the most rewards this program gives.');
    answer(res, outcome.kind === 'rewarded' ? 201 : 200, now, { order: body.order, program: outcome.claim.program, reward: outcome.reward, duplicate: outcome.kind === 'duplicate' });
  };
}

/** `PUT /v1/admin/referrals?site=` (secret key): one program or an array; all valid (campaigns included) or nothing stored. */
export function putPrograms(c: ReferralContext) {
  return async ({ req, res, url }: RouteContext): Promise<void> => {
    requireSecret(c.app.isAdmin(req), 'Defining referral programs');
    const site = siteParam(url);
    const body = await readJson(req, c.app.config.maxBodyBytes);
    const campaigns = new Set((await c.promotions.store.listCampaigns(site)).map((x) => x.id));
    const { programs, issues } = checkPrograms(Array.isArray(body) ? body : [body], Array.isArray(body) ? '' : undefined, (id) => campaigns.has(id), site);
    if (issues.length) {
      sendJson(res, 400, { error: `Invalid referral program: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, field: issues[0]!.path, issues });
      return;
    }
    await (await c.store()).putPrograms(site, programs);
    answer(res, 200, c.promotions.now(), { saved: programs.map((x) => x.id) });
  };
}

/** Validate programs and the campaigns they name; `at` prefixes paths (`undefined` for a single program). */
export function checkPrograms(items: unknown[], at: string | undefined, campaignExists: (id: string) => boolean, site: string): { programs: ReferralProgram[]; issues: DefinitionIssue[] } {
  const issues: DefinitionIssue[] = [];
  const programs: ReferralProgram[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const here = at === undefined ? 'referral' : `${at}[${i}]`;
    const r = parseReferralProgram(item, here);
    if (!r.ok) return void issues.push(...r.issues);
    if (seen.has(r.value.id)) issues.push({ path: `${here}.id`, message: `duplicate program id "${r.value.id}"` });
    seen.add(r.value.id);
    if (!campaignExists(r.value.welcomeCampaign)) issues.push({ path: `${here}.welcomeCampaign`, message: `no campaign "${r.value.welcomeCampaign}" on site "${site}"` });
    if ('campaign' in r.value.reward && !campaignExists(r.value.reward.campaign)) issues.push({ path: `${here}.reward.campaign`, message: `no campaign "${r.value.reward.campaign}" on site "${site}"` });
    programs.push(r.value);
  });
  return { programs, issues };
}

/** `GET /v1/admin/referrals/:program/claims?site=` (secret key): every referral, with its welcome code and reward (the referral ledger). */
export function listClaims(c: ReferralContext) {
  return async ({ req, res, url, params }: RouteContext): Promise<void> => {
    requireSecret(c.app.isAdmin(req), 'Listing referrals');
    const site = siteParam(url);
    answer(res, 200, c.promotions.now(), { claims: await (await c.store()).claims(site, params.program!) });
  };
}

import { createHash } from 'node:crypto';
import * as v from 'valibot';
import type { AppContext } from '../app-context';
import type { IncomingMessage } from 'node:http';
import { readJson } from '../http/body';
import { HttpError, sendJson } from '../http/respond';
import type { RouteContext } from '../http/router';
import { issueRequest, whyNotIssuable } from '../coupons/issue';
import type { Promotions } from '../promotions/promotions';
import { answer, parseBody, refuse, requireSecret, SiteKey, siteParam } from '../promotions/respond';
import type { DefinitionIssue } from '../campaigns/campaign.schema';
import { currentOdds, pickPrize } from './pick-prize';
import { candidatesOf, immediateDelivery, LEDGER, type DrawRecord, type LotteryRecord, type LotteryStore, type PrizeDelivery } from './lottery-store';
import { parseLottery, type LotteryDefinition } from './lottery.schema';

/** The lottery endpoints' shared state: the promotions (ledger, coupons, clock) and the lazily opened store. */
export interface LotteryContext {
  app: AppContext;
  promotions: Promotions;
  store(): Promise<LotteryStore>;
}

const Customer = v.pipe(v.string(), v.minLength(1), v.maxLength(128));
const Key = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.:-]{8,128}$/, 'expected 8–128 letters, digits or "_.:-" (a random id per draw, reused only to retry it)'));
const DrawSchema = v.object({
  site: SiteKey,
  customer: Customer,
  /** The merchant backend's identify signature of `site:customer` (browser calls); the secret key works instead. */
  signature: v.optional(v.pipe(v.string(), v.maxLength(128))),
  idempotencyKey: v.optional(Key),
});


/**
 * The public face of a lottery: cost, every prize with its weight, stock left and current odds
 * (fair play: the shopper sees exactly what the draw uses).
 */
export function publicLottery(l: LotteryRecord) {
  const odds = currentOdds(candidatesOf(l));
  return {
    id: l.definition.id,
    title: l.definition.title,
    cost: l.definition.cost,
    prizes: l.definition.prizes.map((p) => ({
      id: p.id,
      label: p.label,
      kind: p.kind,
      ...(p.points !== undefined && { points: p.points }),
      weight: p.weight,
      stock: p.stock ?? null,
      remaining: l.remaining[p.id] ?? null,
      odds: odds[p.id] ?? 0,
    })),
  };
}

/** `GET /v1/lotteries/:id?site=[&customer=&signature=]`: odds and stock; the balance too for an identified customer. */
export function getLottery(c: LotteryContext) {
  return async ({ req, res, url, params }: RouteContext): Promise<void> => {
    const site = siteParam(url);
    c.app.access.checkSite(site, req);
    c.app.limits.checkSite(site);
    const now = c.promotions.now();
    const lottery = await (await c.store()).getLottery(site, params.id!);
    if (!lottery) return refuse(res, 404, now, 'unknown_lottery', `No lottery "${params.id}" on site "${site}".`);
    const customer = url.searchParams.get('customer');
    const identified = customer && isCustomer(c.app, req, site, customer, url.searchParams.get('signature') ?? undefined);
    const balance = identified ? (await c.promotions.store.points(site, customer, 1)).balance : undefined;
    answer(res, 200, now, { lottery: publicLottery(lottery), ...(balance !== undefined && { balance }) });
  };
}

/**
 * `POST /v1/lotteries/:id/draw` `{ site, customer, signature?, idempotencyKey? }` (or an
 * `Idempotency-Key` header). One store transaction does the replay check, the balance check, the
 * CSPRNG pick over prizes in stock, the unit, the debit (reason `lottery`, ref `<lottery>/<key>`),
 * a points prize's credit (`lottery_prize`, same ref) and the draw record: all or nothing. A coupon
 * prize's code is issued right after and stored on the draw; a failed issue is retried whenever
 * the same key is. A retry with the same key answers `200` with the same draw and debits nothing.
 */
export function drawLottery(c: LotteryContext) {
  return async ({ req, res, params }: RouteContext): Promise<void> => {
    const p = c.promotions;
    const body = parseBody(DrawSchema, await readJson(req, c.app.config.maxBodyBytes));
    const key = body.idempotencyKey ?? headerKey(req);
    if (!isCustomer(c.app, req, body.site, body.customer, body.signature)) {
      throw new HttpError(401, 'Drawing needs an identified customer: send "signature" (your backend\'s identify signature of site:customer) or call with the secret key.', 'signature');
    }
    c.app.access.checkSite(body.site, req);
    c.app.limits.checkSite(body.site);
    const store = await c.store();
    const now = p.now();
    const id = params.id!;
    const hash = createHash('sha256').update(`${id}\n${body.customer}`).digest('base64url');
    const lottery = await store.getLottery(body.site, id);
    if (!lottery) return refuse(res, 404, now, 'unknown_lottery', `No lottery "${id}" on site "${body.site}".`);
    const cost = lottery.definition.cost;
    const outcome = await store.draw(body.site, { lottery: id, key, hash, customer: body.customer, ref: `${id}/${key}`, cost, now, pick: (candidates) => pickPrize(candidates) });
    switch (outcome.kind) {
      case 'drawn':
      case 'replay':
        return respond(c, res, body.site, outcome.kind === 'drawn' ? 201 : 200, lottery.definition, await delivered(c, body.site, lottery.definition, outcome.draw));
      case 'insufficient_points':
        return refuse(res, 409, now, 'insufficient_points', `A draw costs ${cost} points; the balance is ${outcome.balance}.`, { balance: outcome.balance, cost });
      case 'key_reused':
        return refuse(res, 409, now, 'idempotency_key_reused', 'This idempotency key was used for another draw; use a new key per draw.');
      case 'unknown_lottery':
        return refuse(res, 404, now, 'unknown_lottery', `No lottery "${id}" on site "${body.site}".`);
      case 'sold_out':
        return refuse(res, 409, now, 'sold_out', 'Every prize of this lottery is gone.', { lottery: publicLottery((await store.getLottery(body.site, id)) ?? lottery) });
    }
  };
}

/** `PUT /v1/admin/lotteries?site=` (secret key), one definition or an array: all valid or nothing stored. */
export function putLotteries(c: LotteryContext) {
  return async ({ req, res, url }: RouteContext): Promise<void> => {
    requireSecret(c.app.isAdmin(req), 'Defining lotteries');
    const site = siteParam(url);
    const body = await readJson(req, c.app.config.maxBodyBytes);
    const items = Array.isArray(body) ? body : [body];
    const issues: DefinitionIssue[] = [];
    const valid: LotteryDefinition[] = [];
    items.forEach((item, i) => {
      const r = parseLottery(item, Array.isArray(body) ? `[${i}]` : 'lottery');
      if (r.ok) valid.push(r.value);
      else issues.push(...r.issues);
    });
    for (const l of valid) {
      for (const [i, prize] of l.prizes.entries()) {
        if (prize.kind === 'coupon' && !(await c.promotions.store.getCampaign(site, prize.campaign!))) {
          issues.push({ path: `${l.id}.prizes[${i}].campaign`, message: `no campaign "${prize.campaign}" on site "${site}" (define it first)` });
        }
      }
    }
    if (issues.length) {
      sendJson(res, 400, { error: `Invalid lottery: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, field: issues[0]!.path, issues });
      return;
    }
    await (await c.store()).putLotteries(site, valid);
    answer(res, 200, c.promotions.now(), { saved: valid.map((l) => l.id) });
  };
}

/** `GET /v1/admin/lotteries/:id/draws?site=` (secret key): every draw with its prize and delivery (audit, fulfilment of items). */
export function listDraws(c: LotteryContext) {
  return async ({ req, res, url, params }: RouteContext): Promise<void> => {
    requireSecret(c.app.isAdmin(req), 'Listing draws');
    const site = siteParam(url);
    const draws = (await (await c.store()).draws(site, params.id!)).map(({ hash: _h, ...d }) => d);
    answer(res, 200, c.promotions.now(), { draws });
  };
}

function headerKey(req: IncomingMessage): string {
  const raw = req.headers['idempotency-key'];
  const r = v.safeParse(Key, Array.isArray(raw) ? raw[0] : raw);
  if (r.success) return r.output;
  throw new HttpError(400, raw === undefined ? 'A draw needs an idempotency key ("idempotencyKey" in the body or an Idempotency-Key header): a new random id per draw, the same one to retry it.' : `Idempotency key: ${r.issues[0].message}`, 'idempotencyKey');
}

function isCustomer(app: AppContext, req: IncomingMessage, site: string, customer: string, signature: string | undefined): boolean {
  return app.isAdmin(req) || (signature !== undefined && app.tokens.verifyIdentify(site, customer, signature));
}

/** The draw's delivery, made now if it has none yet or the last attempt failed (each kind is safe to repeat). */
async function delivered(c: LotteryContext, site: string, def: LotteryDefinition, draw: DrawRecord): Promise<DrawRecord> {
  if (draw.delivery && draw.delivery.kind !== 'failed') return draw;
  const delivery = await deliver(c.promotions, site, def, draw);
  await (await c.store()).setDelivery(site, draw.key, delivery);
  return { ...draw, delivery };
}

async function deliver(p: Promotions, site: string, def: LotteryDefinition, draw: DrawRecord): Promise<PrizeDelivery> {
  const prize = def.prizes.find((x) => x.id === draw.prize);
  if (!prize) return { kind: 'failed', reason: 'prize_removed' };
  const immediate = immediateDelivery(prize);
  if (immediate && prize.kind !== 'points') return immediate;
  // Draws recorded before the credit moved into the draw's transaction: the credit is once per ref.
  if (prize.kind === 'points') {
    const credit = await p.store.movePoints(site, draw.customer, prize.points!, LEDGER.prize, draw.ref, p.now());
    return credit.ok ? { kind: 'points', points: prize.points! } : { kind: 'failed', reason: credit.reason };
  }
  const campaign = await p.store.getCampaign(site, prize.campaign!);
  if (!campaign) return { kind: 'failed', reason: 'unknown_campaign' };
  const refusal = await whyNotIssuable(p, site, campaign, undefined, 'web');
  if (refusal && refusal.reason !== 'wrong_channel') return { kind: 'failed', reason: refusal.reason };
  const issued = await p.store.issueCoupon(site, issueRequest(p, site, campaign, `c:${draw.customer}`));
  return issued.ok ? { kind: 'coupon', code: issued.coupon.code, expiresAt: issued.coupon.expiresAt } : { kind: 'failed', reason: issued.reason };
}

/** A draw's answer: the prize (for the browser to animate, never to decide), its delivery, the balance and the lottery as it stands now. */
async function respond(c: LotteryContext, res: RouteContext['res'], site: string, status: number, def: LotteryDefinition, draw: DrawRecord): Promise<void> {
  const prize = def.prizes.find((x) => x.id === draw.prize);
  const lottery = await (await c.store()).getLottery(site, def.id);
  const { balance } = await c.promotions.store.points(site, draw.customer, 1);
  answer(res, status, c.promotions.now(), {
    draw: { key: draw.key, lottery: draw.lottery, prize: { id: draw.prize, label: prize?.label ?? draw.prize, kind: prize?.kind ?? 'none' }, delivery: draw.delivery, at: draw.at },
    spent: status === 201 ? draw.cost : 0,
    balance,
    ...(lottery && { lottery: publicLottery(lottery) }),
  });
}

import * as v from 'valibot';
import type { CampaignKind, LifecycleStage, PriceSensitivity, RfmSegment } from '@affinity/core';
import { CAMPAIGN_KINDS } from '../../../core/src/promotions/types';
import { validateSegments } from '../../../core/src/segments/validate';
import type { CampaignDefinition, FlashSaleDefinition } from '../promotions/promotion-store';

const LIFECYCLE = ['new_visitor', 'engaged_browser', 'first_time_buyer', 'repeat_customer', 'returning', 'dormant', 'churned'] as const satisfies readonly LifecycleStage[];
const RFM = ['none', 'champion', 'loyal', 'potential_loyalist', 'new_customer', 'promising', 'needs_attention', 'at_risk', 'cant_lose', 'hibernating', 'lost'] as const satisfies readonly RfmSegment[];
const SENSITIVITY = ['unknown', 'low', 'medium', 'high'] as const satisfies readonly PriceSensitivity[];

const ID = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'ids are 1–64 letters, digits, "_" or "-"'));
const TEXT = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));
const MONEY = v.pipe(v.number(), v.finite(), v.minValue(0));
const COUNT = (min: number) => v.pipe(v.number(), v.integer(), v.minValue(min));
const DATE_BOUND = v.pipe(
  v.string(),
  v.check((s) => /^\d\d-\d\d$/.test(s) || !Number.isNaN(Date.parse(s)), 'expected "MM-DD" (every year) or an ISO date such as 2026-12-24'),
);
/** An instant: epoch milliseconds or an ISO date-time string. */
const INSTANT = v.union(
  [v.pipe(v.number(), v.integer(), v.minValue(0)), v.pipe(v.string(), v.check((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO date-time'))],
  'expected epoch milliseconds or an ISO date-time such as "2026-11-27T09:00:00Z"',
);
const list = <T extends v.GenericSchema>(item: T) => v.pipe(v.array(item), v.minLength(1, 'expected a non-empty list (omit the key to match everyone)'), v.maxLength(200));

const DiscountSchema = v.variant('type', [
  v.object({ type: v.literal('percent'), value: v.pipe(v.number(), v.gtValue(0), v.maxValue(100)), max: v.optional(MONEY) }),
  v.object({ type: v.literal('amount'), value: v.pipe(v.number(), v.finite(), v.gtValue(0)) }),
  v.object({ type: v.literal('free_shipping') }),
  v.object({
    type: v.literal('tiers'),
    tiers: v.pipe(v.array(v.object({ min: MONEY, off: v.pipe(v.number(), v.finite(), v.gtValue(0)) })), v.minLength(1), v.maxLength(20)),
  }),
]);

const TargetSchema = v.strictObject({
  segments: v.optional(list(TEXT(64))),
  lifecycle: v.optional(list(v.picklist(LIFECYCLE))),
  rfm: v.optional(list(v.picklist(RFM))),
  priceSensitivity: v.optional(list(v.picklist(SENSITIVITY))),
  cartValue: v.optional(v.strictObject({ min: v.optional(MONEY), max: v.optional(MONEY) })),
  cartItems: v.optional(list(TEXT(200))),
  categories: v.optional(list(TEXT(200))),
  channels: v.optional(list(v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_-]{0,31}$/, 'expected a channel name such as "web"')))),
  dates: v.optional(list(v.strictObject({ from: DATE_BOUND, to: DATE_BOUND }))),
  birthday: v.optional(v.strictObject({ daysBefore: v.optional(COUNT(0)), daysAfter: v.optional(COUNT(0)) })),
});

const CampaignSchema = v.strictObject({
  id: ID,
  kind: v.picklist(CAMPAIGN_KINDS, `expected one of ${CAMPAIGN_KINDS.join(', ')}`),
  title: TEXT(200),
  description: v.optional(TEXT(1000)),
  discount: DiscountSchema,
  minOrder: v.optional(MONEY),
  pointsCost: v.optional(COUNT(1)),
  target: v.optional(TargetSchema),
  startsAt: v.optional(INSTANT),
  endsAt: v.optional(INSTANT),
  caps: v.optional(v.strictObject({ total: v.optional(COUNT(0)), perVisitor: v.optional(COUNT(1), 1), perDay: v.optional(COUNT(0)) }), {}),
  display: v.optional(v.strictObject({ views: COUNT(1), hours: v.pipe(v.number(), v.gtValue(0)) })),
  priority: v.optional(v.pipe(v.number(), v.integer()), 0),
  couponHours: v.optional(v.pipe(v.number(), v.gtValue(0), v.maxValue(24 * 366)), 72),
});

const FlashSaleSchema = v.strictObject({
  id: ID,
  title: TEXT(200),
  item: TEXT(200),
  price: MONEY,
  listPrice: v.optional(MONEY),
  startsAt: INSTANT,
  endsAt: INSTANT,
  stock: COUNT(0),
  perVisitor: v.optional(COUNT(1), 1),
  holdMinutes: v.optional(v.pipe(v.number(), v.gtValue(0), v.maxValue(24 * 60)), 15),
  access: v.optional(v.strictObject({ rule: v.unknown(), label: v.optional(TEXT(100)) })),
});

/** Which discount shapes each kind may carry. */
const SHAPES: Record<CampaignKind, readonly string[]> = {
  welcome: ['percent', 'amount', 'free_shipping'],
  threshold: ['tiers'],
  percentage: ['percent'],
  fixed: ['amount'],
  free_shipping: ['free_shipping'],
  points_exchange: ['percent', 'amount', 'free_shipping'],
};

/** One problem in a definition, with the path to the field. */
export interface DefinitionIssue {
  path: string;
  message: string;
}

/** Definitions that failed validation; the message lists every problem with its path. */
export class DefinitionError extends Error {
  constructor(readonly issues: DefinitionIssue[]) {
    super(`Invalid promotion definitions:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}\nSee the Promotions section of the README for the format.`);
    this.name = 'DefinitionError';
  }
}

type Result<T> = { ok: true; value: T } | { ok: false; issues: DefinitionIssue[] };

/**
 * Validate one campaign and normalise it (instants to epoch ms, defaults filled), or list every
 * problem with its path under `at`.
 *
 * @example
 * parseCampaign({ id: 'w10', kind: 'welcome', title: '10% off', discount: { type: 'percent', value: 10 } }).ok; // true
 */
export function parseCampaign(input: unknown, at = 'campaign'): Result<CampaignDefinition> {
  const r = v.safeParse(CampaignSchema, input);
  if (!r.success) return { ok: false, issues: r.issues.map((i) => issueOf(i, at)) };
  const c = r.output;
  const issues: DefinitionIssue[] = [];
  if (!SHAPES[c.kind].includes(c.discount.type)) {
    issues.push({ path: `${at}.discount.type`, message: `a ${c.kind} campaign takes a discount of type ${SHAPES[c.kind].join(' or ')}, not "${c.discount.type}"` });
  }
  if (c.kind === 'points_exchange' && c.pointsCost === undefined) issues.push({ path: `${at}.pointsCost`, message: 'a points_exchange campaign needs the points it costs' });
  if (c.kind !== 'points_exchange' && c.pointsCost !== undefined) issues.push({ path: `${at}.pointsCost`, message: 'only points_exchange campaigns cost points' });
  if (c.discount.type === 'tiers') {
    c.discount.tiers.forEach((t, i) => {
      const prev = i > 0 ? (c.discount as { tiers: { min: number; off: number }[] }).tiers[i - 1]! : undefined;
      if (prev && (t.min <= prev.min || t.off <= prev.off)) issues.push({ path: `${at}.discount.tiers[${i}]`, message: 'tiers must rise: each min and off larger than the previous tier' });
      if (t.off >= t.min && t.min > 0) issues.push({ path: `${at}.discount.tiers[${i}].off`, message: `takes ${t.off} off an order of ${t.min}: off must be below min` });
    });
  }
  const startsAt = c.startsAt === undefined ? undefined : instant(c.startsAt);
  const endsAt = c.endsAt === undefined ? undefined : instant(c.endsAt);
  if (startsAt !== undefined && endsAt !== undefined && endsAt <= startsAt) issues.push({ path: `${at}.endsAt`, message: 'must be after startsAt' });
  if (issues.length) return { ok: false, issues };
  const { startsAt: _s, endsAt: _e, ...rest } = c;
  return { ok: true, value: { ...rest, ...(startsAt !== undefined && { startsAt }), ...(endsAt !== undefined && { endsAt }) } as CampaignDefinition };
}

/**
 * Validate one flash sale and normalise its instants; the access rule uses the segment rule language.
 *
 * @example
 * parseFlashSale({ id: 'f1', title: 'Tent', item: 'tent', price: 99, startsAt: '2026-11-27T09:00:00Z', endsAt: '2026-11-27T10:00:00Z', stock: 100 }).ok; // true
 */
export function parseFlashSale(input: unknown, at = 'flashSale'): Result<FlashSaleDefinition> {
  const r = v.safeParse(FlashSaleSchema, input);
  if (!r.success) return { ok: false, issues: r.issues.map((i) => issueOf(i, at)) };
  const s = r.output;
  const issues: DefinitionIssue[] = [];
  const startsAt = instant(s.startsAt);
  const endsAt = instant(s.endsAt);
  if (endsAt <= startsAt) issues.push({ path: `${at}.endsAt`, message: 'must be after startsAt' });
  if (s.access) for (const i of validateSegments({ rule: s.access.rule })) issues.push({ path: `${at}.access.${i.path}`, message: i.message });
  if (issues.length) return { ok: false, issues };
  return { ok: true, value: { ...s, startsAt, endsAt } as FlashSaleDefinition };
}

/** Sections of a site in the campaigns file that other modules validate and load (`loadLotteriesFile`, `loadReferralsFile`). */
const OTHER_SECTIONS = new Set(['lotteries', 'referrals', 'groupOffers']);

/** Everything a campaigns file defines, per site. */
export type PromotionDefinitions = Record<string, { campaigns: CampaignDefinition[]; flashSales: FlashSaleDefinition[] }>;

/**
 * Validate a campaigns file: `{ "<site>": { "campaigns": [...], "flashSales": [...] } }`.
 * Throws {@link DefinitionError} listing every problem (duplicate ids included).
 *
 * @example
 * parseDefinitions({ demo: { campaigns: [welcome], flashSales: [] } }).demo.campaigns.length; // 1
 */
export function parseDefinitions(input: unknown): PromotionDefinitions {
  const issues: DefinitionIssue[] = [];
  const out: PromotionDefinitions = {};
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new DefinitionError([{ path: '(file)', message: 'expected an object keyed by site: { "demo": { "campaigns": [...], "flashSales": [...] } }' }]);
  }
  for (const [site, defs] of Object.entries(input)) {
    const d = defs as { campaigns?: unknown; flashSales?: unknown };
    if (!d || typeof d !== 'object' || Array.isArray(d) || Object.keys(d).some((k) => k !== 'campaigns' && k !== 'flashSales' && !OTHER_SECTIONS.has(k))) {
      issues.push({ path: site, message: 'expected { "campaigns": [...], "flashSales": [...] }' });
      continue;
    }
    const campaigns = collect(d.campaigns, `${site}.campaigns`, parseCampaign, issues);
    const flashSales = collect(d.flashSales, `${site}.flashSales`, parseFlashSale, issues);
    out[site] = { campaigns, flashSales };
  }
  if (issues.length) throw new DefinitionError(issues);
  return out;
}

function collect<T extends { id: string }>(list: unknown, at: string, parse: (x: unknown, at: string) => Result<T>, issues: DefinitionIssue[]): T[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    issues.push({ path: at, message: 'expected an array' });
    return [];
  }
  const seen = new Set<string>();
  const out: T[] = [];
  list.forEach((item, i) => {
    const r = parse(item, `${at}[${i}]`);
    if (!r.ok) return void issues.push(...r.issues);
    if (seen.has(r.value.id)) issues.push({ path: `${at}[${i}].id`, message: `duplicate id "${r.value.id}"` });
    seen.add(r.value.id);
    out.push(r.value);
  });
  return out;
}

function instant(x: number | string): number {
  return typeof x === 'number' ? x : Date.parse(x);
}

function issueOf(issue: v.BaseIssue<unknown>, at: string): DefinitionIssue {
  const path = v.getDotPath(issue);
  // Valibot's wording for missing and unknown keys reads like a type error; say what to do instead.
  const message = /^Invalid key: Expected "[^"]+" but received undefined$/.test(issue.message)
    ? 'required'
    : /^Invalid key: Expected never/.test(issue.message)
      ? 'unknown key (check the spelling against the README)'
      : issue.message;
  return { path: path ? `${at}.${path}` : at, message };
}

import * as v from 'valibot';
import type { DefinitionIssue } from '../campaigns/campaign.schema';

/** What a prize gives: a coupon of a campaign, points credited to the ledger, a physical item, or nothing. */
export type PrizeKind = 'coupon' | 'points' | 'item' | 'none';

/** One outcome of a lottery. `stock` absent means unlimited (typical for "no prize" and small points). */
export interface PrizeDefinition {
  id: string;
  label: string;
  kind: PrizeKind;
  /** Relative weight (positive integer); odds are weight / sum of the weights of prizes still in stock. */
  weight: number;
  stock?: number;
  /** `coupon`: the campaign whose code is issued. */
  campaign?: string;
  /** `points`: points credited. */
  points?: number;
  /** `item`: the merchant's item id, fulfilled by the merchant from the draw record. */
  item?: string;
}

/** A points lottery: spend `cost` points for one draw over `prizes`. */
export interface LotteryDefinition {
  id: string;
  title: string;
  cost: number;
  prizes: PrizeDefinition[];
}

const ID = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'ids are 1–64 letters, digits, "_" or "-"'));
const POSITIVE = v.pipe(v.number(), v.integer('expected a whole number'), v.minValue(1), v.maxValue(1_000_000_000));

const PrizeSchema = v.strictObject({
  id: ID,
  label: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  kind: v.picklist(['coupon', 'points', 'item', 'none'], 'expected one of coupon, points, item, none'),
  weight: v.pipe(v.number(), v.integer('weights are whole numbers (use 625 and 10000, not 0.0625)'), v.minValue(1), v.maxValue(1_000_000)),
  stock: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000_000))),
  campaign: v.optional(ID),
  points: v.optional(POSITIVE),
  item: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
});

const LotterySchema = v.strictObject({
  id: ID,
  title: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  cost: POSITIVE,
  prizes: v.pipe(v.array(PrizeSchema), v.minLength(1, 'a lottery needs at least one prize (a "none" prize for losing draws)'), v.maxLength(50)),
});

/** Which extra field each prize kind needs, and which it must not have. */
const NEEDS: Record<PrizeKind, 'campaign' | 'points' | 'item' | undefined> = { coupon: 'campaign', points: 'points', item: 'item', none: undefined };

/**
 * Validate one lottery, or list every problem with its path under `at`.
 *
 * @example
 * parseLottery({ id: 'spin', title: 'Spin', cost: 100, prizes: [{ id: 'none', label: 'Try again', kind: 'none', weight: 9 }] }).ok; // true
 */
export function parseLottery(input: unknown, at = 'lottery'): { ok: true; value: LotteryDefinition } | { ok: false; issues: DefinitionIssue[] } {
  const r = v.safeParse(LotterySchema, input);
  if (!r.success) {
    return {
      ok: false,
      issues: r.issues.map((i) => {
        const path = v.getDotPath(i);
        const message = /^Invalid key: Expected never/.test(i.message) ? 'unknown key' : /received undefined$/.test(i.message) ? 'required' : i.message;
        return { path: path ? `${at}.${path}` : at, message };
      }),
    };
  }
  const issues: DefinitionIssue[] = [];
  const seen = new Set<string>();
  r.output.prizes.forEach((p, i) => {
    const here = `${at}.prizes[${i}]`;
    if (seen.has(p.id)) issues.push({ path: `${here}.id`, message: `duplicate prize id "${p.id}"` });
    seen.add(p.id);
    const need = NEEDS[p.kind];
    if (need && p[need] === undefined) issues.push({ path: `${here}.${need}`, message: `a ${p.kind} prize needs "${need}"` });
    for (const extra of ['campaign', 'points', 'item'] as const) {
      if (extra !== need && p[extra] !== undefined) issues.push({ path: `${here}.${extra}`, message: `only a ${Object.entries(NEEDS).find(([, f]) => f === extra)![0]} prize takes "${extra}"` });
    }
  });
  if (issues.length) return { ok: false, issues };
  return { ok: true, value: r.output as LotteryDefinition };
}

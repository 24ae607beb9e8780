import type { DrawCandidate } from './pick-prize';
import type { LotteryDefinition, PrizeDefinition } from './lottery.schema';

/** A lottery with the units left per prize (`null` = unlimited). */
export interface LotteryRecord {
  definition: LotteryDefinition;
  remaining: Record<string, number | null>;
}

/** How a won prize reached the customer: a code, points, an item to fulfil, nothing, or why not yet. */
export type PrizeDelivery =
  | { kind: 'coupon'; code: string; expiresAt: number }
  | { kind: 'points'; points: number }
  | { kind: 'item'; item: string }
  | { kind: 'none' }
  | { kind: 'failed'; reason: string };

/** One recorded draw, keyed by its idempotency key. `ref` is the ledger reference of its debit. */
export interface DrawRecord {
  key: string;
  hash: string;
  lottery: string;
  customer: string;
  ref: string;
  prize: string;
  cost: number;
  delivery: PrizeDelivery | null;
  at: number;
}

export type DrawOutcome =
  | { kind: 'drawn'; draw: DrawRecord }
  | { kind: 'replay'; draw: DrawRecord }
  | { kind: 'key_reused' }
  | { kind: 'sold_out' }
  | { kind: 'insufficient_points'; balance: number }
  | { kind: 'unknown_lottery' };

/** What {@link LotteryStore.draw} records. */
export interface DrawRequest {
  lottery: string;
  key: string;
  /** Hash of what the request asked for; the same key with another request is refused. */
  hash: string;
  customer: string;
  ref: string;
  cost: number;
  now: number;
  /** Chooses among the candidates (in stock or not); `undefined` when none is left. */
  pick(candidates: readonly DrawCandidate[]): string | undefined;
}

/**
 * Persistence of lotteries, on the event storage's database with its own tables and migration
 * history (`lottery_migrations`). {@link draw} is one transaction: lock the lottery's row, replay
 * check by key, balance check, pick, take the unit, debit the points (and credit a points prize)
 * in the ledger, record the draw. Draws from any number of processes queue on that row, a prize
 * never goes below zero, and a debit exists exactly when its draw does.
 *
 * @example
 * const lotteries = await openLotteryStore(storage);
 * await lotteries.putLotteries('demo', [spin]);
 */
export interface LotteryStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Upsert definitions; a prize's stock moves by the change of its total (never below zero). */
  putLotteries(site: string, lotteries: readonly LotteryDefinition[]): Promise<void>;
  listLotteries(site: string): Promise<LotteryRecord[]>;
  getLottery(site: string, id: string): Promise<LotteryRecord | undefined>;
  deleteLottery(site: string, id: string): Promise<boolean>;
  findDraw(site: string, key: string): Promise<DrawRecord | undefined>;
  draw(site: string, request: DrawRequest): Promise<DrawOutcome>;
  setDelivery(site: string, key: string, delivery: PrizeDelivery): Promise<void>;
  /** Every draw of a lottery, oldest first (audit, tests). */
  draws(site: string, lottery: string): Promise<DrawRecord[]>;
}

/** The candidates of a lottery for {@link pickPrize}: definition order, live stock. */
export function candidatesOf(l: LotteryRecord): DrawCandidate[] {
  return l.definition.prizes.map((p) => ({ id: p.id, weight: p.weight, remaining: l.remaining[p.id] ?? null }));
}

/** Ledger reasons of lottery movements; `ref` is `<lottery>/<idempotency key>`. */
export const LEDGER = { debit: 'lottery', prize: 'lottery_prize' } as const;

/**
 * What a prize delivers inside the draw's transaction: nothing, an item to fulfil, or points
 * (credited in that same transaction). `null` for a coupon, whose code is issued right after.
 */
export function immediateDelivery(prize: PrizeDefinition | undefined): PrizeDelivery | null {
  if (!prize) return { kind: 'failed', reason: 'prize_removed' };
  if (prize.kind === 'none') return { kind: 'none' };
  if (prize.kind === 'item') return { kind: 'item', item: prize.item! };
  if (prize.kind === 'points') return { kind: 'points', points: prize.points! };
  return null;
}

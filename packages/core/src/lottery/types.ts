/** What a prize gives: a coupon code, points, an item the merchant sends, or nothing. */
export type LotteryPrizeKind = 'coupon' | 'points' | 'item' | 'none';

/** A prize as the server publishes it: weight, stock and the odds it has right now. */
export interface LotteryPrize {
  id: string;
  label: string;
  kind: LotteryPrizeKind;
  /** Points credited, for a `points` prize. */
  points?: number;
  weight: number;
  /** Units the prize started with; `null` = unlimited. */
  stock: number | null;
  /** Units left; `null` = unlimited. */
  remaining: number | null;
  /** Probability of this prize on the next draw (0 when out of stock): weight / sum of in-stock weights. */
  odds: number;
}

/** A points lottery as the server publishes it. */
export interface Lottery {
  id: string;
  title: string;
  /** Points one draw costs. */
  cost: number;
  prizes: LotteryPrize[];
}

/** How the won prize was handed over. */
export type LotteryDelivery =
  | { kind: 'coupon'; code: string; expiresAt: number }
  | { kind: 'points'; points: number }
  | { kind: 'item'; item: string }
  | { kind: 'none' }
  | { kind: 'failed'; reason: string };

/** The server's result of one draw: the renderer animates towards `prize`, it never picks one. */
export interface LotteryResult {
  /** The idempotency key the draw was made under. */
  key: string;
  lottery: string;
  prize: { id: string; label: string; kind: LotteryPrizeKind };
  delivery: LotteryDelivery | null;
  at: number;
}

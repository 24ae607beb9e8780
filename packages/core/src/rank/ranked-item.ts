import type { Product } from '../types';
import { OUT_OF_STOCK } from './list-features';
import { reasonFor } from './reason';
import { SLOTS, scoreProducts, type ScoringState } from './score';
import type { RankedItem as RankedItemShape, ScoreParts } from './types';

/** Bits of a result's flags. */
export const PINNED_FLAG = 1;
export const BURIED_FLAG = 2;
/** The list features' bit, so `rank` can pass a list flag through unchanged. */
export const OUT_OF_STOCK_FLAG = OUT_OF_STOCK;

/** What a ranked item needs to recompute its parts: shared by every item of one call. */
export interface RankCall {
  scoring: ScoringState | null;
  /** Number of products, for the base part. */
  n: number;
  boost: Record<string, number> | undefined;
}

/**
 * A ranked product. Parts and reason are recomputed on access from the call's shared state,
 * so ranking 10,000 products neither stores 100,000 numbers nor builds strings nobody reads.
 */
export class RankedItem implements RankedItemShape {
  // Assigned in the constructor, not as class fields: define-semantics fields make building
  // 10,000 results measurably slower. For the same reason the id is read from the product and
  // the three flags share one field: each stored field is a write per result of every call.
  declare readonly product: Product;
  declare readonly baseIndex: number;
  declare readonly score: number;
  declare position: number;
  declare private readonly _flags: number;
  declare private readonly _call: RankCall;

  constructor(product: Product, baseIndex: number, score: number, call: RankCall, flags = product.stock === 0 ? OUT_OF_STOCK_FLAG : 0, position = baseIndex) {
    this.product = product;
    this.baseIndex = baseIndex;
    this.score = score;
    this.position = position;
    this._flags = flags;
    this._call = call;
  }

  get id(): string {
    return this.product.id;
  }

  get pinned(): boolean {
    return (this._flags & PINNED_FLAG) !== 0;
  }

  get buried(): boolean {
    return (this._flags & BURIED_FLAG) !== 0;
  }

  get outOfStock(): boolean {
    return (this._flags & OUT_OF_STOCK_FLAG) !== 0;
  }

  get parts(): ScoreParts {
    const { scoring, n, boost } = this._call;
    const a = new Float64Array(SLOTS);
    if (scoring) scoreProducts(scoring, this.baseIndex, this.baseIndex + 1, a);
    const b = boost?.[this.id];
    return {
      base: 1 - this.baseIndex / (n > 1 ? n - 1 : 1),
      affinity: a[0]!,
      history: a[1]!,
      rating: a[2]!,
      popularity: a[3]!,
      trend: a[4]!,
      cooccurrence: a[5]!,
      region: a[6]!,
      price: a[7]!,
      embedding: a[8]!,
      rule: typeof b === 'number' && Number.isFinite(b) ? b : 0,
    };
  }

  get reason(): string {
    return reasonFor(this, this._call.scoring);
  }

  toJSON() {
    const { id, position, baseIndex, score, pinned, buried, outOfStock } = this;
    return { id, position, baseIndex, score, pinned, buried, outOfStock, parts: this.parts, reason: this.reason };
  }
}

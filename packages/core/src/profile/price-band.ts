/** Number of price bands; band `b` covers [2^(b-1), 2^b), band 0 covers [0, 1). */
export const PRICE_BANDS = 32;

/**
 * The price band of a price: bands double in width (1–2, 2–4 … 64–128), so they work in any
 * currency and a band is "a similar price" at every level.
 *
 * @example
 * priceBand(50); // → 6  (32–64)
 */
export function priceBand(price: number): number {
  if (!(price >= 1)) return 0;
  const b = Math.floor(Math.log2(price)) + 1;
  return b < PRICE_BANDS ? b : PRICE_BANDS - 1;
}

/**
 * Human label and affinity key of a band.
 *
 * @example
 * priceBandLabel(6); // → '32-64'
 */
export function priceBandLabel(band: number): string {
  if (band <= 0) return '0-1';
  // Labels are built once: a profile rebuild asks for one per priced item.
  return band < PRICE_BANDS ? LABELS[band]! : `${2 ** (band - 1)}-${2 ** band}`;
}

const LABELS = Array.from({ length: PRICE_BANDS }, (_, b) => `${2 ** (b - 1)}-${2 ** b}`);

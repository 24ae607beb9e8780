import type { Discount } from './types';

/**
 * The amount a discount takes off an order, never more than the subtotal (or, for free
 * shipping, the shipping). Rounded to cents.
 *
 * @example
 * discountAmount({ type: 'tiers', tiers: [{ min: 100, off: 10 }, { min: 200, off: 30 }] }, 250); // 30
 */
export function discountAmount(d: Discount, subtotal: number, shipping = 0): number {
  let off = 0;
  if (d.type === 'percent') off = Math.min((subtotal * d.value) / 100, d.max ?? Infinity);
  else if (d.type === 'amount') off = d.value;
  else if (d.type === 'free_shipping') return Math.max(0, shipping);
  else for (const t of d.tiers) if (subtotal >= t.min && t.off > off) off = t.off;
  return Math.round(Math.min(off, Math.max(0, subtotal)) * 100) / 100;
}

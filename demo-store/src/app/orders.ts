import type { CartLine } from './cart';

/** A placed order, as the confirmation and account pages show it. */
export interface Order {
  id: string;
  placedAt: number;
  lines: (CartLine & { title: string; price: number })[];
  subtotal: number;
  shipping: number;
  total: number;
  coupon?: string;
  /** Taken off by the shop once Affinity accepted the coupon. */
  discount?: number;
  /** Why the coupon was not applied (the shop's words), when it was not. */
  couponProblem?: string;
  /** Loyalty points earned by a signed-in customer, and the balance after. */
  points?: { earned: number; balance: number };
}

const KEY = 'demo-store.orders';

/**
 * A transaction id that is unique across tabs and browsers: time plus random, `T-` prefixed.
 *
 * @example newTransactionId() // 'T-LX3K2A9Q-7F3KD2'
 */
export function newTransactionId(now = Date.now()): string {
  const random = crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36).toUpperCase().padStart(7, '0');
  return `T-${now.toString(36).toUpperCase()}-${random}`;
}

/** Orders placed in this browser, newest first. */
export function readOrders(): Order[] {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(list) ? (list as Order[]).filter((o) => o && typeof o.id === 'string' && Array.isArray(o.lines)) : [];
  } catch {
    return [];
  }
}

/** Remembers an order (the 20 most recent are kept). */
export function saveOrder(order: Order): void {
  try {
    localStorage.setItem(KEY, JSON.stringify([order, ...readOrders().filter((o) => o.id !== order.id)].slice(0, 20)));
  } catch {
    // storage blocked: the confirmation page still has the order in memory
  }
}

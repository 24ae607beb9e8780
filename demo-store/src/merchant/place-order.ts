/**
 * The demo store's merchant backend: what a real shop's server does when an order is placed, and
 * the part of it Affinity cannot do in the browser. It prices the order from its own catalog
 * (never from what the page claims), redeems the coupon server-to-server with the secret key,
 * and credits loyalty points to a signed-in customer. The secret key lives only here.
 */
import { totals } from '../app/format';

/** One order as the checkout page sends it: ids and quantities only, no prices. */
export interface OrderRequest {
  /** Transaction id (also the redemption's idempotency key). */
  id: string;
  /** Affinity's visitor id (absent when the shopper declined personalisation). */
  visitor?: string;
  customer?: string;
  lines: { id: string; quantity: number }[];
  coupon?: string;
}

/** What the shop answers: its own totals, the coupon's fate and the points earned. */
export interface OrderOutcome {
  id: string;
  subtotal: number;
  shipping: number;
  discount: number;
  total: number;
  coupon?: { code: string; valid: boolean; reason?: string; error?: string };
  points?: { earned: number; balance: number };
}

/** Where the shop reaches Affinity, and with which key. */
export interface MerchantOptions {
  /** Affinity server base URL (server-to-server). */
  api: string;
  site: string;
  /** Affinity's secret (admin) key: server side only. */
  adminKey: string;
  /** Price of a product id, from the shop's own catalog. */
  priceOf: (id: string) => number | undefined;
  fetch?: typeof fetch;
}

const ID = /^[\w.:-]{1,128}$/;

/**
 * Validates a checkout body; returns the order or a message naming the field that is wrong.
 *
 * @example parseOrderRequest({ id: 'T-1', visitor: 'v1', lines: [{ id: '22423', quantity: 1 }] })
 */
export function parseOrderRequest(body: unknown): OrderRequest | string {
  if (!body || typeof body !== 'object') return 'body: expected a JSON object';
  const b = body as Record<string, unknown>;
  if (typeof b.id !== 'string' || !ID.test(b.id)) return 'id: expected 1–128 letters, digits, ".", ":", "-" or "_"';
  if (b.visitor !== undefined && (typeof b.visitor !== 'string' || !ID.test(b.visitor))) return 'visitor: expected the Affinity visitor id';
  if (b.customer !== undefined && (typeof b.customer !== 'string' || !ID.test(b.customer))) return 'customer: expected a customer id';
  if (b.coupon !== undefined && (typeof b.coupon !== 'string' || b.coupon.length < 1 || b.coupon.length > 200)) return 'coupon: expected a code of 1–200 characters';
  if (!Array.isArray(b.lines) || b.lines.length < 1 || b.lines.length > 100) return 'lines: expected 1–100 order lines';
  const lines: OrderRequest['lines'] = [];
  for (const [i, l] of b.lines.entries()) {
    const line = l as Record<string, unknown> | null;
    if (!line || typeof line.id !== 'string' || !ID.test(line.id)) return `lines[${i}].id: expected a product id`;
    if (!Number.isInteger(line.quantity) || (line.quantity as number) < 1 || (line.quantity as number) > 999) return `lines[${i}].quantity: expected a whole number 1–999`;
    lines.push({ id: line.id, quantity: line.quantity as number });
  }
  return { id: b.id, lines, ...(b.visitor ? { visitor: b.visitor as string } : {}), ...(b.customer ? { customer: b.customer as string } : {}), ...(b.coupon ? { coupon: (b.coupon as string).trim() } : {}) };
}

const money = (n: number) => Math.round(n * 100) / 100;

/**
 * Places an order: prices it, redeems its coupon and earns points. A coupon Affinity refuses is
 * reported (the order goes through at full price, as a shop would tell the shopper); Affinity
 * being unreachable throws, so the caller can answer 502 and the page can retry with the same id.
 *
 * @example
 * const outcome = await placeOrder(order, { api: 'http://127.0.0.1:8788', site: 'demo', adminKey, priceOf });
 * outcome.coupon?.valid; outcome.points?.earned;
 */
export async function placeOrder(order: OrderRequest, o: MerchantOptions): Promise<OrderOutcome> {
  const doFetch = o.fetch ?? fetch;
  const items = order.lines.flatMap((l) => {
    const price = o.priceOf(l.id);
    return price === undefined ? [] : [{ item_id: l.id, price, quantity: l.quantity }];
  });
  if (!items.length) throw new OrderError('none of the ordered products is sold any more');
  const base = totals(items.reduce((s, i) => s + i.price * i.quantity, 0));
  const call = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await doFetch(new URL(path, o.api), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${o.adminKey}`, ...headers },
      body: JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (res.status >= 500 || res.status === 401 || res.status === 403) throw new Error(`Affinity ${path} answered ${res.status}: ${String(json.error ?? '')}`);
    return { status: res.status, body: json };
  };

  let discount = 0;
  let shipping = base.shipping;
  let coupon: OrderOutcome['coupon'];
  if (order.coupon && !order.visitor && !order.customer) {
    coupon = { code: order.coupon, valid: false, reason: 'unknown_shopper', error: 'Codes are personal: sign in, or allow personalisation, to use one.' };
  } else if (order.coupon) {
    const who = { ...(order.visitor && { visitor: order.visitor }), ...(order.customer && { customer: order.customer }) };
    const r = await call('/v1/coupons/redeem', { site: o.site, code: order.coupon, ...who, order: { id: order.id, subtotal: money(base.subtotal), shipping: base.shipping, items } }, { 'idempotency-key': `order:${order.id}` });
    if (r.body.valid === true) {
      discount = money(Math.min(Number(r.body.discount) || 0, base.subtotal));
      if (r.body.freeShipping === true) shipping = 0;
      coupon = { code: order.coupon, valid: true };
    } else {
      coupon = { code: order.coupon, valid: false, reason: String(r.body.reason ?? 'invalid'), error: String(r.body.error ?? 'This code cannot be used.') };
    }
  }
  const total = money(base.subtotal - discount + shipping);
  let points: OrderOutcome['points'];
  if (order.customer) {
    const r = await call('/v1/points/earn', { site: o.site, customer: order.customer, order: { id: order.id, value: money(base.subtotal - discount) } });
    points = { earned: Number(r.body.earned) || 0, balance: Number(r.body.balance) || 0 };
  }
  return { id: order.id, subtotal: money(base.subtotal), shipping, discount, total, ...(coupon && { coupon }), ...(points && { points }) };
}

/** An order the shop itself refuses (answered 422). */
export class OrderError extends Error {}

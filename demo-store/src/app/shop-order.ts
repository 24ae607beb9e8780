/**
 * The checkout's call to the shop's own backend (`POST /shop/orders`, see
 * `src/merchant/place-order.ts`): it prices the order, redeems the coupon with Affinity and
 * credits points. The page never sees Affinity's secret key.
 */

import type { OrderOutcome } from '../merchant/place-order';

/** The shop's answer for a placed order. */
export type ShopOrder = OrderOutcome;

/** The Affinity visitor id of this browser, once the script has loaded. */
function visitorId(): string | undefined {
  const sdk = (window as unknown as { affinity?: { sdk?: { visitorId?: unknown } } }).affinity?.sdk;
  return typeof sdk?.visitorId === 'string' ? sdk.visitorId : undefined;
}

/**
 * Places the order with the shop; `undefined` when the shop cannot be reached (the order is then
 * kept in the browser and its coupon is not applied).
 *
 * @example const shop = await submitOrder('T-1', [{ id: '22423', quantity: 1 }], 'cust-1', 'welcome10.x.y');
 */
export async function submitOrder(id: string, lines: readonly { id: string; quantity: number }[], customer?: string, coupon?: string): Promise<ShopOrder | undefined> {
  try {
    const visitor = visitorId();
    const res = await fetch('/shop/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, lines, ...(visitor && { visitor }), ...(customer && { customer }), ...(coupon && { coupon }) }),
    });
    if (!res.ok) return undefined;
    const body = (await res.json()) as ShopOrder;
    return typeof body.total === 'number' ? body : undefined;
  } catch {
    return undefined;
  }
}

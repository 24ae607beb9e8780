import type { AffinityEvent } from '@affinity/core';
import type { AppContext } from '../app-context';

/**
 * Link a visitor to a customer and hand the visitor's synced profile to the customer when the
 * customer has none yet, so a second device starts from it.
 *
 * @example
 * const { previous } = await linkCustomer(app, 'demo', visitor, 'cust-42');
 */
export async function linkCustomer(app: AppContext, site: string, visitor: string, customer: string): Promise<{ previous: string | undefined }> {
  const result = await app.storage.linkVisitor(site, visitor, customer);
  await app.storage.moveProfile(site, `v:${visitor}`, `c:${customer}`);
  return result;
}

/**
 * What `identify(customerId)` in core sends through the event pipeline: a `login` event with
 * `data.customer_id` and `data.customer_signature` (the same HMAC as `POST /v1/identify`, computed
 * by the merchant's backend). Signed logins (or any from a server-to-server call, or in open
 * development mode) link the visitor; unsigned ones are stored as plain events and link nothing,
 * because an unverified link would let anyone read a customer's synced profile. The signature
 * is removed from the stored event.
 *
 * @example
 * const stored = stripSignatures(valid); await insert(stored); await linkLogins(app, site, valid, trusted);
 */
export async function linkLogins(app: AppContext, site: string, events: readonly AffinityEvent[], trusted: boolean): Promise<void> {
  for (const e of events) {
    if (e.type !== 'login') continue;
    const customer = e.data.customer_id;
    if (typeof customer !== 'string' || customer.length === 0 || customer.length > 200) continue;
    const signature = e.data.customer_signature;
    const authorised = trusted || app.config.sites === undefined || (typeof signature === 'string' && app.tokens.verifyIdentify(site, customer, signature));
    if (authorised) await linkCustomer(app, site, e.visitor, customer);
  }
}

/** Copies of login events without `customer_signature` (a credential, not something to keep). */
export function stripSignatures(events: readonly AffinityEvent[]): AffinityEvent[] {
  return events.map((e) => {
    if (e.type !== 'login' || !('customer_signature' in e.data)) return e;
    const { customer_signature: _, ...data } = e.data;
    return { ...e, data };
  });
}

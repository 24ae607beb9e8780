import { useEffect, useState } from 'preact/hooks';
import { hash53 } from '../catalog/hash';

/** The signed-in shopper of the demo (there are no passwords: any e-mail signs in). */
export interface Customer {
  /** Stable id sent to Affinity's `identify` — derived from the e-mail, never the e-mail itself. */
  id: string;
  name: string;
}

const KEY = 'demo-store.customer';
const listeners = new Set<(c: Customer | undefined) => void>();

/**
 * The customer id for an e-mail: the same address gives the same id in every browser (so
 * Affinity can merge the profiles), and no address leaves the page.
 *
 * @example customerIdFor(' Ada@Example.com ') === customerIdFor('ada@example.com') // true
 */
export function customerIdFor(email: string): string {
  return `cust-${hash53(email.trim().toLowerCase()).toString(36)}`;
}

/** The signed-in customer, if any. */
export function readCustomer(): Customer | undefined {
  try {
    const c = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Customer | null;
    return c && typeof c.id === 'string' && typeof c.name === 'string' ? c : undefined;
  } catch {
    return undefined;
  }
}

/** The Affinity command queue, created if the script has not loaded yet (its documented snippet). */
export function affinityQueue(): { push: (...commands: unknown[]) => unknown } {
  const w = window as unknown as { affinity?: { push: (...commands: unknown[]) => unknown } };
  return (w.affinity ??= [] as unknown[]);
}

/**
 * Signs in: remembers the customer and tells Affinity who this visitor is (`identify`, which
 * records the `login` event itself — so no GA4 `login` push here, it would count twice).
 *
 * @example signIn('ada@example.com', 'Ada')
 */
export function signIn(email: string, name: string): Customer {
  const customer = { id: customerIdFor(email), name: name.trim() || email.split('@')[0]! };
  try {
    localStorage.setItem(KEY, JSON.stringify(customer));
  } catch {
    // storage blocked: signed in for this page only
  }
  try {
    affinityQueue().push(['identify', customer.id]);
  } catch {
    // never break the page
  }
  listeners.forEach((l) => l(customer));
  return customer;
}

/** Signs out (the Affinity profile stays on this device; the privacy center erases it). */
export function signOut(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // ignore
  }
  listeners.forEach((l) => l(undefined));
}

/** The signed-in customer, re-rendering on sign in / out. */
export function useCustomer(): Customer | undefined {
  const [c, setC] = useState(readCustomer);
  useEffect(() => {
    listeners.add(setC);
    return () => void listeners.delete(setC);
  }, []);
  return c;
}

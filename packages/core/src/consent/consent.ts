/**
 * Where the consent state of a page comes from, strongest first:
 * 1. the shopper's own choice, recorded by `setConsent()` on an earlier page (localStorage —
 *    a consent record is strictly necessary storage, not behavioural data);
 * 2. Global Privacy Control or Do Not Track in the browser → `denied`, unless the merchant
 *    turns this off with `respectGpc: false` (the explicit override: a merchant default of
 *    `'granted'` alone does NOT override GPC, because a regional default is not a choice);
 * 3. the merchant's default (`consent` option), `unknown` when omitted.
 */
import type { ConsentState } from '../types';
import { localGet, localSet } from '../storage/local';

const STATES: readonly ConsentState[] = ['granted', 'denied', 'unknown'];

/**
 * Whether a value is a consent state.
 * @example isConsentState('granted') // true
 */
export function isConsentState(v: unknown): v is ConsentState {
  return STATES.includes(v as ConsentState);
}

/**
 * Whether the browser signals an opt-out (Global Privacy Control, or Do Not Track).
 * @example browserOptsOut() // true when navigator.globalPrivacyControl === true
 */
export function browserOptsOut(): boolean {
  if (typeof navigator === 'undefined') return false;
  const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
  return nav.globalPrivacyControl === true || nav.doNotTrack === '1';
}

const key = (site: string) => `af:${site}:consent`;

/**
 * The consent state a page starts with (see the module comment for the order).
 * @example initialConsent('shop', 'unknown', true) // 'denied' when GPC is on and no choice is stored
 */
export function initialConsent(site: string, merchantDefault: ConsentState | undefined, respectGpc: boolean): ConsentState {
  const stored = localGet(key(site));
  if (isConsentState(stored) && stored !== 'unknown') return stored;
  if (respectGpc && browserOptsOut()) return 'denied';
  return isConsentState(merchantDefault) ? merchantDefault : 'unknown';
}

/**
 * Records the shopper's choice for the next pages.
 * @example saveConsent('shop', 'granted')
 */
export function saveConsent(site: string, state: ConsentState): void {
  localSet(key(site), state);
}

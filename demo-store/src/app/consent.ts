import { useEffect, useState } from 'preact/hooks';
import { affinityQueue } from './customer';

/** The shopper's answer to the consent banner, as the store's own consent tool remembers it. */
export type ConsentChoice = 'granted' | 'denied';

const KEY = 'demo-store.consent';
const listeners = new Set<(c: ConsentChoice) => void>();

/** The stored choice, if the shopper answered. */
export function readConsent(): ConsentChoice | undefined {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'granted' || v === 'denied' ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Records the choice and hands it to Affinity through its command queue — the way a merchant's
 * consent tool (CMP) is wired to the SDK.
 *
 * @example setConsentChoice('granted')
 */
export function setConsentChoice(choice: ConsentChoice): void {
  try {
    localStorage.setItem(KEY, choice);
  } catch {
    // storage blocked: ask again next visit
  }
  try {
    affinityQueue().push(['consent', choice]);
  } catch {
    // never break the page
  }
  listeners.forEach((l) => l(choice));
}

/** The stored choice (shared by every component showing it) and a setter that also informs Affinity. */
export function useConsent(): [ConsentChoice | undefined, (c: ConsentChoice) => void] {
  const [choice, setChoice] = useState(readConsent);
  useEffect(() => {
    listeners.add(setChoice);
    return () => void listeners.delete(setChoice);
  }, []);
  return [choice, setConsentChoice];
}

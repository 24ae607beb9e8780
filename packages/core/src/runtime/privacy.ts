import { computed, type ReadableAtom } from 'nanostores';
import type { Affinity } from '../affinity';
import { topAffinities } from '../profile/affinities';
import { explain } from '../profile/explain';
import type { ProfileStore } from '../profile/create-profile';
import type { Profile } from '../profile/types';
import type { ConsentState } from '../types';

/** One thing the profile holds, in plain words, with why. */
export interface ProfileFact {
  key: string;
  /** What it is: "Category you like". */
  label: string;
  /** What the profile says: "Shoes > Running". */
  value: string;
  /** Which events made it: "viewed 4 items in Shoes > Running this week (Pegasus 40)". */
  why?: string;
}

/** What `<af-privacy-center>` shows. */
export interface PrivacyState {
  consent: ConsentState;
  /** Empty for a shopper with no history. */
  facts: ProfileFact[];
  /** Merchant segments the shopper is in. */
  segments: string[];
}

/** A privacy center: its state and the shopper's three controls. */
export interface PrivacyConnector {
  readonly $state: ReadableAtom<PrivacyState>;
  /** Records the shopper's consent choice (remembered on later pages). */
  setConsent(state: ConsentState): void;
  /** Clears the interest profile; the event log stays (nothing before now is replayed). */
  reset(): Promise<void>;
  /** Erases everything local, asks the server to erase the visitor, and clears the profile. */
  erase(): Promise<void>;
}

const WORDS: Record<string, string> = {
  unknown: 'Not known yet',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  none: 'None yet',
  new_visitor: 'New visitor',
  engaged_browser: 'Browsing regularly',
  first_time_buyer: 'First-time buyer',
  repeat_customer: 'Repeat customer',
  returning: 'Returning after a while',
  dormant: 'Away for a while',
  churned: 'Away for a long time',
  browsing: 'Browsing',
  comparing: 'Comparing products',
  ready_to_buy: 'Ready to buy',
  champion: 'Frequent, recent, high spender',
  loyal: 'Loyal customer',
  potential_loyalist: 'Becoming a regular',
  new_customer: 'New customer',
  promising: 'Promising',
  needs_attention: 'Needs attention',
  at_risk: 'Has not ordered for a while',
  cant_lose: 'Valued customer, away for a while',
  hibernating: 'Hibernating',
  lost: 'Lost',
};
const words = (v: string) => WORDS[v] ?? v;

/**
 * The profile in plain words: favourite categories and brands, price sensitivity, activity,
 * shopper stage, order history, this visit and recent searches, each with the events behind it.
 * A new visitor gets an empty list.
 *
 * @example
 * describeProfile(profile, Date.now())[0];
 * // { key: 'category:Shoes > Running', label: 'Category you like', value: 'Shoes > Running', why: 'viewed 4 items in Shoes > Running this week' }
 */
export function describeProfile(p: Profile, now: number): ProfileFact[] {
  if (!p.counts.events) return [];
  const facts: ProfileFact[] = [];
  const add = (key: string, label: string, value: string, whyKey = key) => facts.push({ key, label, value, why: explain(p, whyKey, now)?.text });
  for (const [name] of topAffinities(p, 'category', now, 3)) add(`category:${name}`, 'Category you like', name);
  for (const [name] of topAffinities(p, 'brand', now, 3)) add(`brand:${name}`, 'Brand you like', name);
  add('priceSensitivity', 'Interest in low prices', words(p.tags.priceSensitivity));
  add('interactionLevel', 'How active you are here', words(p.tags.interactionLevel));
  add('lifecycle', 'Shopper stage', words(p.lifecycle));
  if (p.orders.count) add('rfm', 'Order history', words(p.rfm.segment));
  if (p.intent !== 'none') add('intent', 'This visit', words(p.intent));
  if (p.searches.length) facts.push({ key: 'searches', label: 'Recent searches', value: p.searches.slice(0, 5).join(', ') });
  return facts;
}

/**
 * The headless privacy center: what the profile holds, the consent switch, reset and erase.
 *
 * @example
 * const privacy = connectPrivacy({ affinity, profile });
 * privacy.$state.subscribe(({ facts }) => render(facts));
 * await privacy.erase();
 */
export function connectPrivacy(o: { affinity: Affinity; profile: ProfileStore; now?: () => number }): PrivacyConnector {
  const now = o.now ?? Date.now;
  const $state = computed([o.affinity.$consent, o.profile.$profile, o.profile.$segments], (consent, profile, segments) => ({
    consent,
    facts: describeProfile(profile, now()),
    segments,
  }));
  return {
    $state,
    setConsent: (state) => o.affinity.setConsent(state),
    reset: () => o.profile.reset(),
    async erase() {
      await o.affinity.forget();
      await o.profile.reset();
    },
  };
}

import { navigate } from '../app/router';

/**
 * Scripted shoppers for QA. Each persona clicks through the real UI (links, sort menus, "Add to
 * basket" buttons) so everything Affinity sees comes through the same capture path as a human's.
 */
export type PersonaStep =
  /** Open a store URL (client-side navigation, as a link click would). */
  | { go: string }
  /** Type a term into the header search box and submit it. */
  | { search: string }
  /** Choose a sort order on the current listing. */
  | { sort: string }
  /** Open the n-th product card of the current listing (0-based). */
  | { open: number }
  /** Press "Add to basket" on the current product page. */
  | { add: true }
  /** Go through checkout and place the order. */
  | { checkout: true }
  /** Go back in history. */
  | { back: true }
  /**
   * Set the simulated clock to `days` from real time (0: back to real time); see `public/qa-clock.js`.
   * `fresh`: start over as a new visitor at that time (forget, reload, then the run resumes), so
   * nothing the QA page itself tracked in real time mixes into the simulated past.
   */
  | { travel: number; fresh?: boolean };

/** A scripted shopper: a name for the QA panel, what should change, and the steps. */
export interface Persona {
  id: string;
  name: string;
  /** What QA should expect to see change after the run. */
  expect: string;
  steps: PersonaStep[];
}

/** The personas offered in the QA panel. */
export const PERSONAS: readonly Persona[] = [
  {
    id: 'new-visitor',
    name: 'New visitor',
    expect: 'Cold start: trending widget from the server, for-you from the one category seen; welcome coupon; lifecycle new_visitor.',
    steps: [{ go: '/' }, { go: '/c/home-and-living' }, { open: 0 }],
  },
  {
    id: 'baker',
    name: 'Home baker (clear category)',
    expect: 'Kitchen › Baking leads the category affinities; baking rises in the Kitchen listing, for-you favours Kitchen; welcome coupon (no order yet).',
    steps: [
      { go: '/c/kitchen/baking' }, { open: 0 }, { back: true }, { open: 1 }, { add: true }, { back: true }, { open: 3 },
      { search: 'cake cases' }, { open: 0 }, { add: true }, { go: '/c/kitchen/baking' }, { open: 5 },
    ],
  },
  {
    id: 'bargain-hunter',
    name: 'Bargain hunter',
    expect: 'Price sensitivity high; cheaper products rise in re-ranked listings; the bargain15 percentage coupon.',
    steps: [
      { go: '/c/home-and-living' }, { sort: 'price-asc' }, { open: 0 }, { add: true }, { back: true }, { open: 1 }, { back: true },
      { go: '/c/stationery' }, { sort: 'price-asc' }, { open: 0 }, { add: true }, { back: true }, { open: 2 }, { add: true }, { checkout: true },
    ],
  },
  {
    id: 'big-spender',
    name: 'Big spender',
    expect: 'Premium price sensitivity, high monetary RFM after the order; expensive items rank higher; the spend-more threshold coupon.',
    steps: [
      { go: '/c/home-and-living/furniture-and-storage' }, { sort: 'price-desc' }, { open: 0 }, { add: true }, { back: true }, { open: 1 }, { add: true },
      { go: '/c/kitchen/tableware' }, { sort: 'price-desc' }, { open: 0 }, { add: true }, { checkout: true },
    ],
  },
  {
    id: 'dormant',
    name: 'Dormant customer (back after 60 days)',
    // 60, not 90: with the SDK's default thresholds (dormant after 30 idle days, churned after 90)
    // a 90-day absence is "churned", and the comeback this persona is for starts from "dormant".
    expect: 'Buys once 60 simulated days ago; back in real time the lifecycle reads dormant, and after the first page returning (back after 60 days away).',
    steps: [
      { travel: -60, fresh: true }, { go: '/c/kitchen' }, { open: 0 }, { add: true }, { back: true }, { open: 1 }, { add: true }, { checkout: true },
      { travel: 0 },
    ],
  },
];

/** The demo page's simulated clock (`public/qa-clock.js`), when the page loaded it. */
export interface DemoClock {
  offset(): number;
  set(ms: number): void;
}

/** The simulated clock, or `undefined` on a page without `qa-clock.js`. */
export function demoClock(): DemoClock | undefined {
  return (window as unknown as { demoClock?: DemoClock }).demoClock;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for an element (pages render after the click), failing with the selector named. */
async function find<T extends Element>(selector: string, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const el = document.querySelector<T>(selector);
    if (el) return el;
    if (Date.now() > until) throw new Error(`persona step: nothing matches ${selector} on ${location.pathname}`);
    await sleep(50);
  }
}

/**
 * Resolves once no Affinity widget on the page is loading and nothing has been tracked for
 * `quietMs` (at most `timeoutMs`): widgets that fill in or change after a purchase report new
 * impressions for a second or so.
 */
async function widgetsSettled(quietMs = 1000, timeoutMs = 8000): Promise<void> {
  const until = Date.now() + timeoutMs;
  const sdk = (window as unknown as { affinity?: { sdk?: { subscribe(listener: () => void): () => void } } }).affinity?.sdk;
  let last = Date.now();
  const stop = sdk?.subscribe(() => (last = Date.now()));
  const busy = () => [...document.querySelectorAll('*')].some((el) => el.localName.startsWith('af-') && el.shadowRoot?.querySelector('[aria-busy="true"]'));
  try {
    while ((busy() || Date.now() - last < quietMs) && Date.now() < until) await sleep(100);
  } finally {
    stop?.();
  }
}

const setValue = (el: HTMLInputElement | HTMLSelectElement, value: string) => {
  el.value = value;
  el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
};

/** Performs one step through the page's own controls. */
export async function runStep(step: PersonaStep): Promise<void> {
  if ('go' in step) {
    navigate(step.go);
    await find('main .page');
  } else if ('search' in step) {
    const input = await find<HTMLInputElement>('#site-search');
    setValue(input, step.search);
    input.form!.requestSubmit();
    await find('.page--search');
  } else if ('sort' in step) {
    setValue(await find<HTMLSelectElement>('.sort select'), step.sort);
    await sleep(100);
  } else if ('open' in step) {
    const cards = document.querySelectorAll<HTMLAnchorElement>('.product-grid > .product-card .product-card__link');
    const link = cards[Math.min(step.open, cards.length - 1)] ?? (await find<HTMLAnchorElement>('.product-card__link'));
    link.click();
    await find('.page--product');
  } else if ('add' in step) {
    const button = await find<HTMLButtonElement>('.product__buy button[type=submit]');
    if (!button.disabled) button.click();
  } else if ('back' in step) {
    history.back();
    await sleep(150);
    await find('main .page');
  } else if ('travel' in step) {
    const clock = demoClock();
    if (!clock) throw new Error('persona step: the simulated clock (/qa-clock.js) is not on this page');
    // What this page still does (widgets filling in, their impressions) happened at the old time:
    // stamped after the jump, it would be a visit in the new time.
    await widgetsSettled();
    clock.set(step.travel * 86_400_000);
  } else if ('checkout' in step) {
    navigate('/cart');
    (await find<HTMLButtonElement>('.summary .button--wide')).click();
    const form = await find<HTMLFormElement>('.checkout-form');
    for (const [name, value] of [['name', 'QA Persona'], ['email', 'qa@example.com'], ['address', '1 Test Street'], ['town', 'Leeds'], ['postcode', 'LS1 1AA']]) {
      setValue(form.querySelector<HTMLInputElement>(`[name=${name}]`)!, value!);
    }
    form.requestSubmit();
    await find('.page--order');
  }
}

const RUN_KEY = 'demo-store.persona-run';

/** A run interrupted by a `fresh` time travel (a reload), to resume on the next page. */
export function pendingRun(): { persona: Persona; next: number } | undefined {
  try {
    const saved = JSON.parse(sessionStorage.getItem(RUN_KEY) ?? 'null') as { id?: string; next?: number } | null;
    const persona = PERSONAS.find((p) => p.id === saved?.id);
    return persona && typeof saved?.next === 'number' ? { persona, next: saved.next } : undefined;
  } catch {
    return undefined;
  }
}

/** Forgets the visitor (consent and the QA panel stay), sets the clock, and reloads into the store. */
async function startOver(days: number): Promise<never> {
  const sdk = (window as unknown as { affinity?: { sdk?: { forget(): Promise<void> } } }).affinity?.sdk;
  // The clock first: forget() starts the new visitor's session at "now", which must be simulated
  // time, or that session would stretch from the past to today and hide the absence.
  demoClock()!.set(days * 86_400_000);
  await sdk?.forget();
  for (const key of Object.keys(localStorage)) if (key.startsWith('demo-store.') && key !== 'demo-store.consent') localStorage.removeItem(key);
  demoClock()!.set(days * 86_400_000); // stored again: the loop above removed it with the cart
  location.assign('/');
  return new Promise<never>(() => {});
}

/**
 * Runs a persona's steps with a human-ish pause between them; `onStep` reports progress. A
 * `fresh` time travel reloads the page: the QA panel resumes the run from `pendingRun()`.
 *
 * @example await runPersona(PERSONAS[1], (i, n) => console.log(`${i}/${n}`));
 */
export async function runPersona(persona: Persona, onStep: (done: number, total: number) => void = () => {}, pauseMs = 400, from = 0): Promise<void> {
  for (let i = from; i < persona.steps.length; i++) {
    const step = persona.steps[i]!;
    if ('travel' in step && step.fresh) {
      if (!demoClock()) throw new Error('persona step: the simulated clock (/qa-clock.js) is not on this page');
      sessionStorage.setItem(RUN_KEY, JSON.stringify({ id: persona.id, next: i + 1 }));
      await startOver(step.travel);
    }
    await runStep(step);
    onStep(i + 1, persona.steps.length);
    await sleep(pauseMs);
  }
  sessionStorage.removeItem(RUN_KEY);
}

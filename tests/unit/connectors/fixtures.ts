// A real runtime (memory storage, a fake server) shared by the connector behaviour suites.
import { createAffinity, createRuntime, setRuntime, type Affinity, type ExperimentDefinition, type ModelPayload, type Product, type Runtime } from '@affinity/core';

export const PRODUCTS: Product[] = [
  { id: 'tent', title: 'Trail tent', category: ['Outdoor', 'Tents'], brand: 'Peak', price: 200, currency: 'EUR', url: '/p/tent' },
  { id: 'stove', title: 'Camp stove', category: ['Outdoor', 'Cooking'], brand: 'Peak', price: 60, currency: 'EUR', url: '/p/stove' },
  { id: 'pegs', title: 'Tent pegs', category: ['Outdoor', 'Tents'], brand: 'Peak', price: 8, listPrice: 10, currency: 'EUR' },
  { id: 'shoe', title: 'Running shoe', category: ['Apparel', 'Shoes'], brand: 'Fast', price: 120, currency: 'EUR' },
  { id: 'sock', title: 'Running socks', category: ['Apparel', 'Socks'], brand: 'Fast', price: 12, currency: 'EUR' },
  { id: 'xss', title: '<img src=x onerror="window.__xss=1">', category: ['Apparel', 'Hats'], brand: 'Fast', price: 20, currency: 'EUR', url: 'javascript:window.__xss=1' },
];

export const MODEL: ModelPayload = {
  version: 'm1',
  generatedAt: 1,
  halfLifeDays: 14,
  totals: { sessions: 100, carts: 20, orders: 10 },
  alsoViewed: { tent: [['stove', 30, 0.3, 3], ['pegs', 20, 0.2, 2]], shoe: [['sock', 40, 0.4, 4], ['xss', 10, 0.1, 2]] },
  boughtTogether: { tent: [['pegs', 31, 0.31, 6]] },
  cartedTogether: {},
  next: {},
  popular: [['stove', 9], ['tent', 8], ['shoe', 7], ['sock', 6], ['pegs', 5], ['xss', 4]],
  trending: [],
  popularByCategory: {},
};

/** A 50/50 holdout whose control gets `popular` in recommendation slots (the default fallback). */
export const HOLDOUT: ExperimentDefinition = { id: 'holdout', variants: [{ name: 'personalized', weight: 1 }, { name: 'control', weight: 1 }] };

export interface Fixture {
  affinity: Affinity;
  runtime: Runtime;
  /** Stops the runtime and the SDK and clears the registry. */
  stop(): void;
}

/** A runtime over a memory SDK whose server answers `/v1/model` with {@link MODEL} (`model: null`: no server). */
export function startRuntime(
  o: {
    products?: Product[];
    model?: ModelPayload | null;
    /** Answers for other endpoints (campaigns, coupons, flash sales); `undefined` falls through. */
    server?: (url: string, body: unknown) => unknown;
    /** The device clock (to test skew). */
    now?: () => number;
    /** A holdout experiment with the shopper forced into `arm` (control or personalized). */
    arm?: 'control' | 'personalized';
  } = {},
): Fixture {
  const affinity = createAffinity({ site: `suite-${Math.random().toString(36).slice(2)}`, storage: 'memory', consent: 'granted', respectGpc: false });
  const model = o.model === undefined ? MODEL : o.model;
  const fetch = (async (url: string, init?: RequestInit) => {
    const custom = o.server?.(String(url), init?.body ? JSON.parse(String(init.body)) : undefined);
    if (custom instanceof Response) return custom;
    if (custom !== undefined) return new Response(JSON.stringify(custom), { status: (custom as { status?: number }).status ?? 200, headers: { 'content-type': 'application/json' } });
    return String(url).includes('/v1/model') && model
      ? new Response(JSON.stringify(model), { headers: { 'content-type': 'application/json', etag: '"m1"' } })
      : new Response(JSON.stringify({ products: [] }), { headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof globalThis.fetch;
  // No model and no server answers means no server at all: strategies fall back to the page.
  const endpoint = model || o.server ? 'http://api.test' : undefined;
  const runtime = createRuntime({
    affinity,
    endpoint,
    fetch,
    products: o.products ?? PRODUCTS,
    now: o.now,
    ...(o.arm && { experiments: [HOLDOUT], forceVariants: { holdout: o.arm } }),
  });
  setRuntime(runtime);
  return {
    affinity,
    runtime,
    stop() {
      setRuntime(undefined);
      runtime.destroy();
      affinity.destroy();
    },
  };
}

/** Polls `check` until it stops throwing (the suites' only wait; no fixed delays). */
export async function until(check: () => void, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

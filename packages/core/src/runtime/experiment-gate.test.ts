import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAffinity, type Affinity } from '../affinity';
import { assignVariant } from '../experiments/assign';
import type { AffinityEvent, ModelPayload } from '../types';
import { createRuntime, type Runtime } from './runtime';

const MODEL: ModelPayload = {
  version: 'm1',
  generatedAt: 1,
  halfLifeDays: 14,
  totals: { sessions: 10, carts: 2, orders: 1 },
  alsoViewed: {},
  boughtTogether: {},
  cartedTogether: {},
  next: {},
  popular: [['stove', 9], ['tent', 4], ['shoe', 3]],
  trending: [],
  popularByCategory: {},
};
const PRODUCTS = [
  { id: 'tent', title: 'Trail tent', category: ['Outdoor', 'Tents'], price: 200 },
  { id: 'stove', title: 'Camp stove', category: ['Outdoor', 'Cooking'], price: 60 },
  { id: 'shoe', title: 'Running shoe', category: ['Apparel', 'Shoes'], price: 120 },
];
const HOLDOUT = { id: 'holdout', variants: [{ name: 'personalized', weight: 1 }, { name: 'control', weight: 1 }] };
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

let affinity: Affinity | undefined;
let rt: Runtime | undefined;
afterEach(() => {
  rt?.destroy();
  affinity?.destroy();
});

/** A runtime whose server serves {@link HOLDOUT} from `GET /v1/experiments`, recording requests and events. */
function start(force?: Record<string, string>) {
  const urls: string[] = [];
  const fetch = (async (url: string) => {
    urls.push(String(url));
    if (String(url).includes('/v1/experiments')) return json({ experiments: [HOLDOUT] });
    if (String(url).includes('/v1/model')) return json(MODEL);
    return json({ products: [] });
  }) as unknown as typeof globalThis.fetch;
  affinity = createAffinity({ site: `gate-${Math.random()}`, storage: 'memory', consent: 'granted', respectGpc: false });
  const events: AffinityEvent[] = [];
  affinity.subscribe((e) => events.push(e));
  rt = createRuntime({ affinity, endpoint: 'http://api.test', fetch, products: PRODUCTS, forceVariants: force });
  return { rt, urls, events, affinity };
}

describe('runtime experiments', () => {
  it('loads the definitions from the server only when a surface listens, and assigns by visitor hash', async () => {
    const { rt, urls, affinity } = start();
    await new Promise((r) => setTimeout(r, 20));
    expect(urls.filter((u) => u.includes('/v1/experiments'))).toEqual([]);
    const $arm = rt.arm('listings');
    const stop = $arm.listen(() => {});
    expect($arm.get().loading).toBe(true);
    await vi.waitFor(() => expect($arm.get().loading).toBe(false));
    expect(urls.filter((u) => u.includes('/v1/experiments'))).toEqual([`http://api.test/v1/experiments?site=${encodeURIComponent(affinity.site)}`]);
    expect($arm.get().arm?.variant).toBe(assignVariant(HOLDOUT, `v:${affinity.visitorId}`));
    stop();
  });

  it('logs one exposure per session however many surfaces render, in the session already open', async () => {
    const { rt, events, affinity } = start({ holdout: 'control' });
    affinity.track('page_view'); // before the definitions arrive: the exposure still lands in this session
    const stops = [rt.recommendations({ strategy: 'for-you' }), rt.rankedList({ products: PRODUCTS }), rt.recommendations({ strategy: 'related', anchor: 'tent' })].map((s) => s.listen(() => {}));
    await vi.waitFor(() => expect(events.filter((e) => e.type === 'experiment_exposure')).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 30));
    const exposures = events.filter((e) => e.type === 'experiment_exposure');
    expect(exposures).toHaveLength(1);
    expect(exposures[0]!.session).toBe(events[0]!.session);
    expect(exposures[0]!.data).toEqual({ experiment_id: 'holdout', variant: 'control' });
    stops.forEach((s) => s());
  });

  it('control: recently viewed stays empty (no padding), listing events say the base order ran', async () => {
    const { rt, events, affinity } = start({ holdout: 'control' });
    affinity.track('view_item', { items: [{ item_id: 'shoe' }] });
    const $recent = rt.recommendations({ strategy: 'recently-viewed' });
    const stop = $recent.listen(() => {});
    await vi.waitFor(() => expect($recent.get().loading).toBe(false));
    expect($recent.get().items).toEqual([]);
    const list = rt.listEvents({ listId: 'category', strategy: 'personalized-rank', surface: 'listings' });
    list.select({ id: 'tent' }, 0);
    await Promise.resolve(); // listeners hear of events at the end of the task
    expect(events.find((e) => e.type === 'select_item')!.data).toMatchObject({ experiment_id: 'holdout', variant: 'control', strategy: 'base-order' });
    stop();
  });

  it('treatment: recently viewed shows the history, listing events keep their strategy', async () => {
    const { rt, events, affinity } = start({ holdout: 'personalized' });
    affinity.track('view_item', { items: [{ item_id: 'shoe' }] });
    const $recent = rt.recommendations({ strategy: 'recently-viewed' });
    const stop = $recent.listen(() => {});
    await vi.waitFor(() => expect($recent.get().items.map((r) => r.product.id)).toEqual(['shoe']));
    await vi.waitFor(() => expect(rt.$experiments.get()).toBeDefined());
    rt.listEvents({ listId: 'category', strategy: 'personalized-rank', surface: 'listings' }).select({ id: 'tent' }, 0);
    await Promise.resolve();
    expect(events.find((e) => e.type === 'select_item')!.data).toMatchObject({ experiment_id: 'holdout', variant: 'personalized', strategy: 'personalized-rank' });
    stop();
  });

  it('runs without experiments (everyone personalized) when told so, with no request', async () => {
    affinity = createAffinity({ site: `gate-${Math.random()}`, storage: 'memory', consent: 'granted', respectGpc: false });
    const fetch = vi.fn(async () => json({ experiments: [HOLDOUT] })) as unknown as typeof globalThis.fetch;
    rt = createRuntime({ affinity, endpoint: 'http://api.test', fetch, products: PRODUCTS, experiments: false, catalogLimit: 0 });
    const $arm = rt.arm('recommendations');
    const stop = $arm.listen(() => {});
    await vi.waitFor(() => expect($arm.get()).toEqual({ loading: false, arm: undefined }));
    expect(vi.mocked(fetch).mock.calls.map((c) => String(c[0])).filter((u) => u.includes('experiments'))).toEqual([]);
    stop();
  });
});

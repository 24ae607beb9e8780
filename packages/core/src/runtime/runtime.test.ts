import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAffinity, type Affinity } from '../affinity';
import type { ModelPayload } from '../types';
import { packModel } from './packed-model';
import { connectPrivacy } from './privacy';
import { $runtime, getRuntime, setRuntime, whenRuntime } from './registry';
import { createRuntime, type Runtime } from './runtime';

const MODEL: ModelPayload = {
  version: 'm1',
  generatedAt: 1,
  halfLifeDays: 14,
  totals: { sessions: 10, carts: 2, orders: 1 },
  alsoViewed: { tent: [['stove', 5, 0.5, 3]] },
  boughtTogether: {},
  cartedTogether: {},
  next: {},
  popular: [['stove', 9], ['tent', 4]],
  trending: [],
  popularByCategory: {},
};
const PRODUCTS = [
  { id: 'tent', title: 'Trail tent', category: ['Outdoor', 'Tents'], price: 200 },
  { id: 'stove', title: 'Camp stove', category: ['Outdoor', 'Cooking'], price: 60 },
  { id: 'shoe', title: 'Running shoe', category: ['Apparel', 'Shoes'], price: 120 },
];

const flush = () => new Promise((r) => setTimeout(r, 20));

function fakeServer(respond: (url: string, init?: RequestInit) => Response) {
  const calls: Array<{ url: string; headers: Record<string, string> }> = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), headers: (init?.headers ?? {}) as Record<string, string> });
    return respond(String(url), init);
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}
const json = (body: unknown, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', ...headers } });

let affinity: Affinity | undefined;
let rt: Runtime | undefined;
afterEach(() => {
  rt?.destroy();
  affinity?.destroy();
  setRuntime(undefined);
});

function start(fetch: typeof globalThis.fetch, consent: 'granted' | 'denied' = 'granted') {
  affinity = createAffinity({ site: `rt-${Math.random()}`, storage: 'memory', consent, respectGpc: false });
  rt = createRuntime({ affinity, endpoint: 'http://api.test', fetch, products: PRODUCTS });
  return rt;
}

describe('createRuntime', () => {
  it('fetches the model only once a widget listens, then serves it from the ETag cache', async () => {
    const server = fakeServer((url) => (url.includes('/v1/model') ? json(MODEL, { etag: '"m1"' }) : json({ products: [] })));
    const runtime = start(server.fetch);
    await flush();
    expect(server.calls.filter((c) => c.url.includes('/v1/model'))).toHaveLength(0);
    const stop = runtime.$model.listen(() => {});
    await vi.waitFor(() => expect(runtime.$model.get()?.version).toBe('m1'));
    expect(server.calls[0]!.url).toBe(`http://api.test/v1/model?site=${encodeURIComponent(affinity!.site)}`);
    stop();
    expect(await affinity!.state.get<{ etag: string }>('model')).toMatchObject({ etag: '"m1"' });
  });

  it('sends If-None-Match for a stale cache and keeps the cached model on 304', async () => {
    const server = fakeServer(() => new Response(null, { status: 304 }));
    const runtime = start(server.fetch);
    await affinity!.state.set('model', { etag: '"m1"', fetchedAt: 0, packed: await packModel(MODEL) });
    const stop = runtime.$model.listen(() => {});
    await vi.waitFor(() => expect(runtime.$model.get()?.version).toBe('m1'));
    expect(server.calls[0]!.headers['if-none-match']).toBe('"m1"');
    expect(runtime.$model.get()!.alsoViewed.tent).toEqual([['stove', 5, 0.5, 3]]);
    stop();
  });

  it('fetches again over a model stored by an older version of the SDK (unpacked)', async () => {
    const server = fakeServer(() => json(MODEL, { etag: '"m1"' }));
    const runtime = start(server.fetch);
    await affinity!.state.set('model', { etag: '"m0"', fetchedAt: Date.now(), model: { ...MODEL, version: 'm0' } });
    const stop = runtime.$model.listen(() => {});
    await vi.waitFor(() => expect(runtime.$model.get()?.version).toBe('m1'));
    expect(server.calls[0]!.headers['if-none-match']).toBeUndefined();
    stop();
  });

  it('treats a hostile model response as no model, without throwing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const server = fakeServer(() => json({ version: 42, popular: 'x' }));
    const runtime = start(server.fetch);
    const stop = runtime.$model.listen(() => {});
    await vi.waitFor(() => expect(runtime.$model.get()).toBeNull());
    expect(warn).toHaveBeenCalled();
    stop();
    warn.mockRestore();
  });

  it('makes no network call when consent is denied', async () => {
    const server = fakeServer(() => json(MODEL));
    const runtime = start(server.fetch, 'denied');
    const stop = runtime.recommendations({ strategy: 'popular' }).listen(() => {});
    await flush();
    expect(runtime.$model.get()).toBeNull();
    expect(server.calls).toHaveLength(0);
    stop();
  });

  it('recommends from the page catalog and the server model, and updates after a view_item', async () => {
    const server = fakeServer((url) => (url.includes('/v1/model') ? json(MODEL) : json({ products: [{ id: 'lamp', title: 'Lamp' }, { id: 7 }, 'junk'] })));
    const runtime = start(server.fetch);
    const $recs = runtime.recommendations({ strategy: 'also-viewed', limit: 3 });
    const stop = $recs.listen(() => {});
    await vi.waitFor(() => expect($recs.get().loading).toBe(false));
    affinity!.track('view_item', { items: [{ item_id: 'tent', item_name: 'Trail tent' }] });
    await vi.waitFor(() => expect($recs.get().items.map((r) => r.product.id)[0]).toBe('stove'));
    // The server catalog page was merged, its malformed rows skipped.
    await vi.waitFor(() => expect(runtime.catalog.has('lamp')).toBe(true));
    expect(runtime.catalog.has('7')).toBe(true);
    stop();
  });

  it('does not repeat on a lower widget what a widget above it shows, unless nothing else is left', async () => {
    const model = { ...MODEL, popular: [['stove', 9], ['tent', 4], ['shoe', 2]] as [string, number][] };
    const server = fakeServer((url) => (url.includes('/v1/model') ? json(model) : json({ products: [] })));
    const runtime = start(server.fetch);
    const ids = ($s: ReturnType<Runtime['recommendations']>) => $s.get().items.map((r) => r.product.id);
    const $top = runtime.recommendations({ strategy: 'popular', limit: 1 });
    const $below = runtime.recommendations({ strategy: 'popular', limit: 1 });
    const $viewed = runtime.recommendations({ strategy: 'recently-viewed', limit: 3 });
    const stops = [$top.listen(() => {}), $below.listen(() => {}), $viewed.listen(() => {})];
    await vi.waitFor(() => expect(ids($top)).toEqual(['stove']));
    await vi.waitFor(() => expect(ids($below)).toEqual(['tent']));
    // A longer widget below runs out of unshown items: it repeats rather than run short.
    const $long = runtime.recommendations({ strategy: 'popular', limit: 3 });
    stops.push($long.listen(() => {}));
    await vi.waitFor(() => expect(ids($long)).toEqual(['shoe', 'stove', 'tent']));
    // "You viewed" lists what was viewed, whatever the widgets above show.
    affinity!.track('view_item', { items: [{ item_id: 'stove', item_name: 'Camp stove' }] });
    await vi.waitFor(() => expect(ids($viewed)).toEqual(['stove']));
    // The widget above leaves the page: its items are free for the next one.
    stops[0]!();
    await vi.waitFor(() => expect(ids($below)).toEqual(['stove']), { timeout: 3000 });
    stops.slice(1).forEach((stop) => stop());
  });

  it('lets the server catalog fill in what the page lacks, never override what the page says', async () => {
    const server = fakeServer((url) =>
      url.includes('/v1/model') ? json(MODEL) : json({ items: [{ id: 'tent', title: 'Old tent name', price: 999, image: 'https://cdn.test/tent.jpg' }, { id: 'shoe', category: ['X'] }] }),
    );
    const runtime = start(server.fetch);
    affinity!.track('view_item_list', { items: [{ item_id: 'bare' }] });
    const stop = runtime.recommendations({ strategy: 'related', anchor: 'tent' }).listen(() => {});
    await vi.waitFor(() => expect(runtime.catalog.get('tent')?.image).toBe('https://cdn.test/tent.jpg'));
    expect(runtime.catalog.get('tent')).toMatchObject({ title: 'Trail tent', price: 200 });
    expect(runtime.catalog.get('shoe')?.category).toEqual(['Apparel', 'Shoes']);
    stop();
  });

  it('shows products seen before the runtime started (the event log) once a widget needs them', async () => {
    affinity = createAffinity({ site: `rt-${Math.random()}`, storage: 'memory', consent: 'granted', respectGpc: false });
    affinity.track('view_item', { items: [{ item_id: 'old', item_name: 'Seen on an earlier page' }] });
    rt = createRuntime({ affinity });
    expect(rt.catalog.has('old')).toBe(false);
    const $recent = rt.recommendations({ strategy: 'recently-viewed' });
    const stop = $recent.listen(() => {});
    await vi.waitFor(() => expect($recent.get().items.map((r) => r.product.title)).toEqual(['Seen on an earlier page']));
    expect($recent.get().loading).toBe(false);
    stop();
  });

  it('adds event items to the catalog a task after they are captured, a task’s events in one merge', async () => {
    const runtime = start(fakeServer(() => json(MODEL)).fetch);
    const versions: number[] = [];
    const stop = runtime.catalog.$version.listen((v) => versions.push(v));
    affinity!.track('view_item_list', { items: [{ item_id: 'new', item_name: 'New thing', price: 5 }, { item_id: 'other' }] });
    affinity!.track('view_item', { items: [{ item_id: 'new', item_name: 'New thing', price: 4 }] });
    await Promise.resolve(); // listeners hear of events at the end of the task
    expect(runtime.catalog.has('new')).toBe(false);
    await vi.waitFor(() => expect(runtime.catalog.get('new')).toMatchObject({ title: 'New thing', price: 4 }));
    expect(runtime.catalog.has('other')).toBe(true);
    expect(versions).toHaveLength(1);
    stop();
  });

  it('lets the profile learn from events that carry only an id, through the catalog', async () => {
    const runtime = start(fakeServer(() => json(MODEL)).fetch);
    await runtime.ready;
    affinity!.track('select_item', { items: [{ item_id: 'shoe' }] });
    await Promise.resolve();
    expect(Object.keys(runtime.profile.$profile.get().affinities.category)).toContain('Apparel > Shoes');
  });

  it('explains why a product is shown', async () => {
    const runtime = start(fakeServer(() => json(MODEL)).fetch);
    const $why = runtime.why('shoe');
    const stop = $why.listen(() => {});
    await runtime.ready;
    for (let i = 0; i < 3; i++) affinity!.track('view_item', { items: [{ item_id: 'shoe', item_category: 'Apparel', item_category2: 'Shoes' }] });
    await Promise.resolve();
    expect($why.get()).toMatch(/Apparel|looked at this/);
    expect(runtime.why('nope').get()).toBeUndefined();
    stop();
  });
});

describe('privacy connector', () => {
  it('describes the profile in plain words, resets and erases it', async () => {
    const runtime = start(fakeServer(() => json(MODEL)).fetch);
    const privacy = connectPrivacy({ affinity: runtime.affinity, profile: runtime.profile });
    const stop = privacy.$state.listen(() => {});
    await runtime.ready;
    expect(privacy.$state.get().facts).toEqual([]);
    affinity!.track('view_item', { items: [{ item_id: 'shoe', item_name: 'Running shoe', item_category: 'Shoes', item_brand: 'Fast' }] });
    await Promise.resolve();
    const facts = privacy.$state.get().facts;
    expect(facts.find((f) => f.key === 'category:Shoes')).toMatchObject({ label: 'Category you like', value: 'Shoes', why: expect.stringContaining('viewed 1 item') });
    expect(facts.find((f) => f.key === 'brand:Fast')?.value).toBe('Fast');
    await privacy.reset();
    expect(privacy.$state.get().facts).toEqual([]);
    affinity!.track('view_item', { items: [{ item_id: 'shoe' }] });
    await privacy.erase();
    expect(privacy.$state.get().facts).toEqual([]);
    expect(await affinity!.events()).toEqual([]);
    privacy.setConsent('denied');
    expect(privacy.$state.get().consent).toBe('denied');
    stop();
  });
});

describe('runtime registry', () => {
  it('lets elements that started first wait for the runtime', async () => {
    expect(getRuntime()).toBeUndefined();
    const waiting = whenRuntime();
    const seen: unknown[] = [];
    const stop = $runtime.listen((r) => seen.push(r));
    const runtime = start(fakeServer(() => json(MODEL)).fetch);
    setRuntime(runtime);
    await expect(waiting).resolves.toBe(runtime);
    expect(getRuntime()).toBe(runtime);
    expect(seen).toEqual([runtime]);
    stop();
  });
});

describe('createRuntime session index', () => {
  it('fetches the session index for a `next` slot only, and never for a popular one', async () => {
    const server = fakeServer((url) => (url.includes('/v1/model') ? json(MODEL) : url.includes('/v1/sessions') ? new Response('oops', { status: 500 }) : json({ products: [] })));
    const runtime = start(server.fetch);
    const stopPopular = runtime.recommendations({ strategy: 'popular', limit: 2 }).listen(() => {});
    await vi.waitFor(() => expect(server.calls.some((c) => c.url.includes('/v1/model'))).toBe(true));
    await flush();
    expect(server.calls.filter((c) => c.url.includes('/v1/sessions'))).toHaveLength(0);
    // A failing index endpoint costs nothing: `next` still answers from the model.
    const $next = runtime.recommendations({ strategy: 'next', limit: 2 });
    const stopNext = $next.listen(() => {});
    await vi.waitFor(() => expect(server.calls.filter((c) => c.url.includes('/v1/sessions'))).toHaveLength(1));
    expect(server.calls.find((c) => c.url.includes('/v1/sessions'))!.url).toBe(`http://api.test/v1/sessions?site=${encodeURIComponent(affinity!.site)}`);
    await vi.waitFor(() => expect($next.get().loading).toBe(false));
    stopPopular();
    stopNext();
  });
});

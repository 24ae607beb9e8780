import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore, set } from 'idb-keyval';
import { createAffinity, type Affinity } from './affinity';
import { PERSIST_DELAY_MS } from './capture/idle';
import { dbNames } from './storage/stores';

let instances: Affinity[] = [];
const make = (o: Parameters<typeof createAffinity>[0]) => {
  const a = createAffinity(o);
  instances.push(a);
  return a;
};
afterEach(async () => {
  for (const a of instances) {
    await a.forget();
    a.destroy();
  }
  instances = [];
  localStorage.clear();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('createAffinity', () => {
  it('stamps every event with id, time, visitor, session and channel', () => {
    const a = make({ site: 'shop', consent: 'granted', now: () => 1_700_000_000_000 });
    const e = a.track('view_item', { items: [{ item_id: 'sku-1', price: 10 }] })!;
    expect(e.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(e.ts).toBe(1_700_000_000_000);
    expect(e.visitor).toBe(a.visitorId);
    expect(e.session).toMatch(/^[0-9A-Z]{26}$/);
    expect(e.channel).toBe('web');
    expect(e.data).toEqual({ items: [{ item_id: 'sku-1', price: 10 }] });
  });

  it('persists granted events to the local log, oldest first', async () => {
    const a = make({ site: 'shop', consent: 'granted' });
    const ids = [a.track('page_view')!.id, a.track('search', { search_term: 'shoes' })!.id];
    const events = await a.events();
    expect(events.map((e) => e.id)).toEqual(ids);
    const b = make({ site: 'shop', consent: 'granted' });
    expect((await b.events()).map((e) => e.id)).toEqual(ids);
    expect(b.visitorId).toBe(a.visitorId);
  });

  it('reads only the events captured since a time when asked, from storage and from memory', async () => {
    let t = 1_700_000_000_000;
    for (const consent of ['granted', 'unknown'] as const) {
      const a = make({ site: `since-${consent}`, consent, now: () => t });
      const old = a.track('page_view')!;
      t += 1000;
      const recent = [a.track('search', { search_term: 'shoes' })!, a.track('page_view')!];
      expect((await a.events(t)).map((e) => e.id)).toEqual(recent.map((e) => e.id));
      expect((await a.events()).map((e) => e.id)).toEqual([old, ...recent].map((e) => e.id));
    }
  });

  it('drops invalid calls without throwing, naming the field in development', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const a = make({ site: 'shop', dev: true });
    const seen: string[] = [];
    a.subscribe((e) => seen.push(e.type));
    a.track('add_to_cart', { items: [{ price: 3 }] } as never);
    // An unknown type is refused at the call; the data is checked at the end of the task.
    expect(a.track('nope' as never)).toBeUndefined();
    a.track('purchase', { value: Number.NaN });
    await a.flush();
    expect(error.mock.calls.map(([m]) => String(m))).toEqual([
      expect.stringContaining('unknown event type'),
      expect.stringContaining('data.items[0].item_id must be a non-empty string'),
      expect.stringContaining('data.value must be a finite number'),
    ]);
    expect(seen).toEqual([]);
    expect(await a.events()).toEqual([]);
    a.identify('');
    expect(error).toHaveBeenCalledTimes(4);
  });

  it('keeps the valid events around an invalid one, in call order', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const a = make({ site: 'shop-mixed', consent: 'granted', dev: true });
    const seen: string[] = [];
    a.subscribe((e) => seen.push(e.type));
    const first = a.track('page_view')!;
    a.track('view_item', { items: [{ item_id: '' }] });
    const last = a.track('search', { search_term: 'boots' })!;
    await Promise.resolve();
    expect(seen).toEqual(['page_view', 'search']);
    expect((await a.events()).map((e) => e.id)).toEqual([first.id, last.id]);
  });

  it('captures a copy: changing the object after track() changes nothing', async () => {
    const a = make({ site: 'shop-copy', consent: 'granted' });
    const data = { value: 10, items: [{ item_id: 'sku-1', price: 10 }] };
    const e = a.track('add_to_cart', data)!;
    data.value = 99;
    data.items[0]!.price = 99;
    data.items.push({ item_id: 'sku-2', price: 1 });
    const expected = { value: 10, items: [{ item_id: 'sku-1', price: 10 }] };
    expect(e.data).toEqual(expected);
    expect((await a.events())[0]!.data).toEqual(expected);
  });

  it('hands a 10,000-event burst to listeners and the log in one batch, nothing lost, in order', async () => {
    const a = make({ site: 'shop-burst', consent: 'granted', storage: 'memory', log: { maxEvents: 20_000 } });
    const batches: number[] = [];
    let inBatch = 0;
    a.subscribe(() => {
      if (!inBatch++) queueMicrotask(() => (batches.push(inBatch), (inBatch = 0)));
    });
    const ids = Array.from({ length: 10_000 }, (_, i) => a.track('view_item', { items: [{ item_id: `sku-${i}` }] })!.id);
    expect(batches).toEqual([]); // nothing handed on during the calls
    const events = await a.events();
    expect(batches).toEqual([10_000]);
    expect(events.map((e) => e.id)).toEqual(ids);
  });

  it('stays quiet about invalid calls in production', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const a = make({ site: 'shop' });
    expect(a.track('nope' as never)).toBeUndefined();
    expect(error).not.toHaveBeenCalled();
  });

  it('never lets a throwing listener break tracking or other listeners', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const a = make({ site: 'shop', dev: true });
    const seen: string[] = [];
    a.subscribe(() => {
      throw new Error('merchant bug');
    });
    const off = a.subscribe((e) => seen.push(e.type));
    expect(a.track('page_view')).toBeDefined();
    a.track('search', { search_term: 'hat' });
    await Promise.resolve();
    off();
    a.track('page_view');
    await a.flush();
    expect(seen).toEqual(['page_view', 'search']);
  });

  it('works with methods passed around unbound (callbacks, destructuring)', async () => {
    const a = make({ site: 'shop', consent: 'granted' });
    const { track, identify, events, flush } = a;
    track('page_view');
    identify('cust-1');
    await flush();
    expect((await events()).map((e) => e.type)).toEqual(['page_view', 'login']);
  });

  it('identify() records a login event with the customer id', async () => {
    const a = make({ site: 'shop', consent: 'granted' });
    const seen: unknown[] = [];
    a.subscribe((e) => seen.push([e.type, e.data]));
    a.identify('cust-42');
    await Promise.resolve();
    expect(seen).toEqual([['login', { customer_id: 'cust-42' }]]);
  });

  it('identify() carries the backend signature for the server to verify', async () => {
    const a = make({ site: 'shop', consent: 'granted' });
    const seen: unknown[] = [];
    a.subscribe((e) => seen.push(e.data));
    a.identify('cust-42', 'a1'.repeat(32));
    await Promise.resolve();
    expect(seen).toEqual([{ customer_id: 'cust-42', customer_signature: 'a1'.repeat(32) }]);
  });

  it('keeps track() off storage: nothing is written until the idle batch runs', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const a = make({ site: 'shop-hot', consent: 'granted' });
    await a.events(); // stores opened
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    for (let i = 0; i < 20; i++) a.track('view_item', { items: [{ item_id: `sku-${i}` }] });
    expect(put).not.toHaveBeenCalled();
    expect(setItem).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(PERSIST_DELAY_MS - 1);
    expect(put).not.toHaveBeenCalled(); // calls a few hundred ms apart share one write
    await vi.advanceTimersByTimeAsync(50);
    vi.useRealTimers();
    await vi.waitFor(() => expect(put).toHaveBeenCalledTimes(20));
    expect(setItem.mock.calls.length).toBeLessThanOrEqual(1); // session activity, once per batch
  });

  it('writes a full batch at the next idle period, without waiting for the write delay', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const a = make({ site: 'shop-full', consent: 'granted', batch: { maxEvents: 10 } });
    await a.events(); // stores opened
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    for (let i = 0; i < 10; i++) a.track('view_item', { items: [{ item_id: `sku-${i}` }] });
    await vi.advanceTimersByTimeAsync(50);
    vi.useRealTimers();
    await vi.waitFor(() => expect(put).toHaveBeenCalledTimes(10));
  });

  it('bounds the persisted log by count and age', async () => {
    let t = Date.parse('2026-01-01T00:00:00Z');
    const a = make({ site: 'shop-bounded', consent: 'granted', log: { maxEvents: 5, maxAgeDays: 1 }, now: () => t });
    for (let i = 0; i < 3; i++) a.track('page_view');
    await a.events();
    t += 2 * 86_400_000;
    const recent = Array.from({ length: 7 }, () => a.track('page_view')!.id);
    expect((await a.events()).map((e) => e.id)).toEqual(recent.slice(2));
  });

  it('works in memory when IndexedDB is unavailable, and says so once', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const a = make({ site: 'shop-noidb', consent: 'granted' });
    const ids = [a.track('page_view')!.id, a.track('page_view')!.id];
    expect((await a.events()).map((e) => e.id)).toEqual(ids);
    expect(a.$storage.get().mode).toBe('memory');
    await a.state.set('k', 'v');
    expect(await a.state.get('k')).toBe('v');
    make({ site: 'shop-noidb-2', consent: 'granted' }).track('page_view');
    expect(warn.mock.calls.filter(([m]) => String(m).includes('IndexedDB unavailable'))).toHaveLength(1);
    vi.unstubAllGlobals();
  });

  it('skips and counts corrupt records in the local log', async () => {
    const a = make({ site: 'shop-corrupt', consent: 'granted' });
    const ok = a.track('page_view')!;
    await a.events();
    expect(a.$storage.get()).toEqual({ mode: 'indexeddb', corrupt: 0 });
    await set('01ARYZ6S41TSV4RRFFQ69G5FAV', { broken: true }, createStore(dbNames('shop-corrupt').log, 'events'));
    expect((await a.events()).map((e) => e.id)).toEqual([ok.id]);
    expect(a.$storage.get().corrupt).toBe(1);
  });

  it('reports a missing site key loudly but still works', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const a = make({} as never);
    expect(a.site).toBe('default');
    expect(a.track('page_view')).toBeDefined();
    expect(error).toHaveBeenCalledOnce();
  });
});

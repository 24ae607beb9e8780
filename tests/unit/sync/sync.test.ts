// Delivery against a fake backend (msw): retries, timeouts, Retry-After, offline, batching.
// Clock: vi fake timers for setTimeout/Date only — fake-indexeddb needs the real setImmediate.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAffinity, type Affinity, type AffinityOptions } from '@affinity/core';
import { ENDPOINT, fakeBackend, type FakeBackend, type Step } from './backend';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

let instances: Affinity[] = [];
let site = 0;
afterEach(async () => {
  for (const a of instances) a.destroy();
  instances = [];
  server.resetHandlers();
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  localStorage.clear();
});

function setup(script: Step[] = [], options: Partial<AffinityOptions> = {}, reject?: Parameters<typeof fakeBackend>[1]) {
  const backend = fakeBackend(script, reject);
  server.use(...backend.handlers);
  const a = createAffinity({ site: `sync-${++site}`, endpoint: ENDPOINT, consent: 'granted', storage: 'memory', batch: { maxEvents: 50, intervalMs: 5000 }, ...options });
  instances.push(a);
  return { a, backend };
}

const fakeClock = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
const trackN = (a: Affinity, n: number) => Array.from({ length: n }, (_, i) => a.track('view_item', { items: [{ item_id: `sku-${i}` }] })!.id);
/** Every tracked id reached the server in exactly one accepted request, and nothing else did. */
const exactlyOnce = (backend: FakeBackend, ids: string[]) => {
  expect([...backend.stored.keys()].sort()).toEqual([...ids].sort());
  expect([...backend.stored.values()].every((n) => n === 1)).toBe(true);
};
describe('sync', () => {
  it('sends the wire format as text/plain and empties the outbox on 202', async () => {
    const { a, backend } = setup();
    const ids = trackN(a, 3);
    await a.flush();
    expect(backend.requests).toHaveLength(1);
    expect(backend.requests[0]!.contentType).toBe('text/plain;charset=UTF-8');
    expect(backend.requests[0]!.site).toBe(a.site);
    exactlyOnce(backend, ids);
    expect(a.$sync.get()).toMatchObject({ pending: 0, sent: 3, failed: 0 });
  });

  it('opens IndexedDB a task after start-up, and what was tracked before still reaches it and the server', async () => {
    const open = vi.spyOn(indexedDB, 'open');
    const { a, backend } = setup([], { storage: 'indexeddb' });
    const ids = trackN(a, 3);
    await Promise.resolve(); // the events are handed on (a microtask): still the start-up task
    expect(open).not.toHaveBeenCalled();
    await new Promise((r) => setTimeout(r));
    expect(open).toHaveBeenCalled(); // sync started: its first count opened the outbox
    await a.flush();
    exactlyOnce(backend, ids);
    expect((await a.events()).map((e) => e.id)).toEqual(ids);
    expect(a.$storage.get().mode).toBe('indexeddb');
  });

  it('retries after a 500 with backoff and delivers exactly once', async () => {
    fakeClock();
    // Jitter at the top of its range: delays of 990 ms then 1980 ms.
    vi.spyOn(Math, 'random').mockReturnValue(0.99);
    const { a, backend } = setup([500, 503]);
    const ids = trackN(a, 4);
    await a.flush();
    expect(backend.requests).toHaveLength(1);
    expect(a.$sync.get()).toMatchObject({ pending: 4, sent: 0, lastError: expect.stringContaining('HTTP 500') });
    expect(backend.stored.size).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(backend.requests).toHaveLength(2));
    await vi.advanceTimersByTimeAsync(1800);
    expect(backend.requests).toHaveLength(2); // the backoff doubled
    await vi.advanceTimersByTimeAsync(200);
    await vi.waitFor(() => expect(a.$sync.get()).toMatchObject({ pending: 0, sent: 4 }));
    expect(backend.requests).toHaveLength(3);
    exactlyOnce(backend, ids);
  });

  it('an explicit flush() skips the client backoff (e.g. before navigating)', async () => {
    fakeClock();
    vi.spyOn(Math, 'random').mockReturnValue(0.99);
    const { a, backend } = setup([500, 500, 500]);
    const ids = trackN(a, 2);
    await a.flush();
    await a.flush();
    await a.flush();
    expect(backend.requests).toHaveLength(3);
    await a.flush();
    exactlyOnce(backend, ids);
  });

  it('aborts a request that hangs and retries it', async () => {
    fakeClock();
    const { a, backend } = setup(['hang'], { requestTimeoutMs: 3000 });
    const ids = trackN(a, 2);
    const first = a.flush();
    await vi.advanceTimersByTimeAsync(3000);
    await first;
    expect(a.$sync.get().lastError).toContain('timed out after 3000 ms');
    expect(backend.stored.size).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(a.$sync.get()).toMatchObject({ pending: 0, sent: 2 }));
    exactlyOnce(backend, ids);
    expect(backend.requests).toHaveLength(2);
  });

  it('waits as long as Retry-After says on 429, even when asked to flush', async () => {
    fakeClock();
    const { a, backend } = setup([{ status: 429, headers: { 'Retry-After': '30' } }]);
    const ids = trackN(a, 2);
    await a.flush();
    const t0 = Date.now();
    await vi.advanceTimersByTimeAsync(29_000);
    await a.flush();
    expect(backend.requests).toHaveLength(1); // even an explicit flush() waits for the server
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(a.$sync.get()).toMatchObject({ pending: 0, sent: 2 }));
    expect(backend.requests).toHaveLength(2);
    expect(backend.requests[1]!.at - t0).toBeGreaterThanOrEqual(30_000);
    exactlyOnce(backend, ids);
  });

  it('waits for the online event when offline, then delivers everything', async () => {
    fakeClock();
    const { a, backend } = setup(['network']);
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    const ids = trackN(a, 3);
    await a.flush();
    expect(a.$sync.get().lastError).toContain('network error');
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(backend.requests).toHaveLength(1); // no retries burnt while offline
    ids.push(...trackN(a, 2));
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true);
    window.dispatchEvent(new Event('online'));
    await a.flush();
    exactlyOnce(backend, ids);
    expect(a.$sync.get()).toMatchObject({ pending: 0, sent: 5 });
  });

  it('sends a batch as soon as it is full, otherwise after the interval', async () => {
    fakeClock();
    const { a, backend } = setup([], { batch: { maxEvents: 5, intervalMs: 4000 } });
    const first = trackN(a, 5);
    // Idle persistence, then the full batch goes without waiting for the interval.
    await vi.advanceTimersByTimeAsync(10);
    await vi.waitFor(() => expect(backend.requests.map((r) => r.ids)).toEqual([first]));
    const second = trackN(a, 2);
    await vi.advanceTimersByTimeAsync(3000);
    expect(backend.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1100);
    await vi.waitFor(() => expect(backend.requests.map((r) => r.ids)).toEqual([first, second]));
  });

  it('uses fetch with keepalive, no credentials, and a text/plain body', async () => {
    const { backend } = setup();
    const spy = vi.fn((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
    const a = createAffinity({ site: 'kept', endpoint: ENDPOINT, consent: 'granted', storage: 'memory', fetch: spy });
    instances.push(a);
    a.track('page_view');
    await a.flush();
    expect(spy).toHaveBeenCalledOnce();
    const [url, init] = spy.mock.calls[0]!;
    expect(url).toBe(`${ENDPOINT}/v1/events`);
    expect(init).toMatchObject({ method: 'POST', keepalive: true, credentials: 'omit', headers: { 'Content-Type': 'text/plain;charset=UTF-8' } });
    expect(backend.requests).toHaveLength(1);
  });

  it('sends batches of at most maxEvents', async () => {
    const { a, backend } = setup([], { batch: { maxEvents: 4, intervalMs: 60_000 } });
    const ids = trackN(a, 10);
    await a.flush();
    expect(backend.requests.map((r) => r.ids.length)).toEqual([4, 4, 2]);
    exactlyOnce(backend, ids);
  });

  it('a burst of hundreds of batches goes out in one flush, not a batch per interval', async () => {
    const { a, backend } = setup([], { batch: { maxEvents: 2, intervalMs: 60_000 } });
    const ids = trackN(a, 250);
    await a.flush();
    expect(backend.requests).toHaveLength(125);
    exactlyOnce(backend, ids);
  });

  it('a failed request among parallel ones retries once, after one backoff step, and loses nothing', async () => {
    fakeClock();
    vi.spyOn(Math, 'random').mockReturnValue(0.99); // first backoff: 990 ms
    const { a, backend } = setup([500], { batch: { maxEvents: 2, intervalMs: 60_000 } });
    const ids = trackN(a, 6);
    await a.flush();
    // Three requests left together; one failed, the other two were delivered.
    expect(backend.requests).toHaveLength(3);
    expect(a.$sync.get()).toMatchObject({ pending: 2, sent: 4, lastError: expect.stringContaining('HTTP 500') });
    await vi.advanceTimersByTimeAsync(980);
    expect(backend.requests).toHaveLength(3); // one retry timer, not reset by the successes
    await vi.advanceTimersByTimeAsync(20);
    await vi.waitFor(() => expect(a.$sync.get()).toMatchObject({ pending: 0, sent: 6 }));
    expect(backend.requests).toHaveLength(4);
    exactlyOnce(backend, ids);
  });

  it('drops a batch refused with 400 and warns in development, then carries on', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { a, backend } = setup([400], { dev: true });
    trackN(a, 2);
    await a.flush();
    expect(warn.mock.calls.some(([m]) => /HTTP 400.*2 event\(s\) dropped/.test(String(m)))).toBe(true);
    expect(a.$sync.get()).toMatchObject({ pending: 0, failed: 2, sent: 0 });
    const later = trackN(a, 1);
    await a.flush();
    expect([...backend.stored.keys()]).toEqual(later);
  });

  it('removes events the server rejects one by one, with a warning naming them', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { a, backend } = setup([], { dev: true }, (e) => (e.type === 'search' ? 'search_term: required' : undefined));
    const ok = a.track('page_view')!;
    const bad = a.track('search', { search_term: 'x' })!;
    await a.flush();
    expect([...backend.stored.keys()]).toEqual([ok.id]);
    expect(warn.mock.calls.some(([m]) => String(m).includes(bad.id) && String(m).includes('search_term: required'))).toBe(true);
    expect(a.$sync.get()).toMatchObject({ pending: 0, sent: 1, failed: 1 });
  });

  it('splits a large batch under the keepalive body limit', async () => {
    const { a, backend } = setup();
    const ids = Array.from({ length: 40 }, (_, i) => a.track('view_item', { items: [{ item_id: `sku-${i}`, item_name: 'n'.repeat(900), item_brand: 'b'.repeat(900) }] })!.id);
    await a.flush();
    expect(backend.requests.length).toBeGreaterThan(1);
    exactlyOnce(backend, ids);
  });
});

// Shared outbox across tabs, page-hide beacons, consent transitions and forget(), against a
// fake backend (msw) and a shared fake IndexedDB (two SDK instances = two tabs of one store).
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAffinity, type Affinity, type AffinityOptions } from '@affinity/core';
import { http } from 'msw';
import { ENDPOINT, fakeBackend } from './backend';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

let instances: Affinity[] = [];
let n = 0;
afterEach(async () => {
  for (const a of instances) a.destroy();
  instances = [];
  server.resetHandlers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  localStorage.clear();
});

const open = (site: string, options: Partial<AffinityOptions> = {}) => {
  const a = createAffinity({ site, endpoint: ENDPOINT, consent: 'granted', batch: { maxEvents: 3, intervalMs: 60_000 }, ...options });
  instances.push(a);
  return a;
};
const backend = () => {
  const b = fakeBackend();
  server.use(...b.handlers);
  return b;
};
const track = (a: Affinity, k: number) => Array.from({ length: k }, (_, i) => a.track('add_to_cart', { items: [{ item_id: `sku-${i}` }] })!.id);
const allSentIds = (b: ReturnType<typeof fakeBackend>) => b.requests.flatMap((r) => r.ids);

describe('two tabs of one store', () => {
  it('share one session and visitor, and never send the same event twice', async () => {
    const b = backend();
    const site = `tabs-${++n}`;
    const tab1 = open(site);
    const tab2 = open(site);
    expect(tab2.visitorId).toBe(tab1.visitorId);
    const ids = [...track(tab1, 5), ...track(tab2, 4), ...track(tab1, 3)];
    // Both tabs flush at the same moment, each more than one batch.
    await Promise.all([tab1.flush(), tab2.flush(), tab1.flush()]);
    await Promise.all([tab2.flush(), tab1.flush()]);
    const sent = allSentIds(b);
    expect(sent.length).toBe(new Set(sent).size);
    expect([...b.stored.keys()].sort()).toEqual([...ids].sort());
    expect(new Set((await tab1.events()).map((e) => e.session)).size).toBe(1);
  });
});

describe('choices made in another tab', () => {
  /** What the browser fires in the other tabs when one tab writes localStorage. */
  const broadcast = (key: string) => window.dispatchEvent(new StorageEvent('storage', { key, newValue: localStorage.getItem(key) }));

  it('a grant in one tab starts the other, with one visitor id for both', async () => {
    const b = backend();
    const site = `other-${++n}`;
    const tab1 = open(site, { consent: 'unknown' });
    const tab2 = open(site, { consent: 'unknown' });
    const held = track(tab2, 2);
    tab1.setConsent('granted');
    broadcast(`af:${site}:consent`);
    broadcast(`af:${site}:visitor`);
    expect(tab2.$consent.get()).toBe('granted');
    expect(tab2.visitorId).toBe(tab1.visitorId);
    await tab2.flush();
    expect([...b.stored.keys()]).toEqual(held);
    expect(new Set((await tab2.events()).map((e) => e.visitor))).toEqual(new Set([tab1.visitorId]));
  });

  it('a denial in one tab stops the other from sending', async () => {
    const b = backend();
    const site = `other-${++n}`;
    const tab1 = open(site);
    const tab2 = open(site);
    tab2.setConsent('denied');
    broadcast(`af:${site}:consent`);
    expect(tab1.$consent.get()).toBe('denied');
    track(tab1, 2);
    await tab1.flush();
    expect(b.requests).toHaveLength(0);
  });

  it('forget() in one tab drops what the other had not sent and moves it to the new visitor', async () => {
    const b = backend();
    const site = `other-${++n}`;
    const tab1 = open(site, { batch: { maxEvents: 50, intervalMs: 60_000 } });
    const tab2 = open(site, { batch: { maxEvents: 50, intervalMs: 60_000 } });
    const old = tab1.visitorId;
    track(tab2, 2);
    await tab1.forget();
    broadcast(`af:${site}:visitor`);
    expect(tab2.visitorId).toBe(tab1.visitorId);
    expect(tab2.visitorId).not.toBe(old);
    const after = track(tab2, 1);
    await Promise.all([tab1.flush(), tab2.flush()]);
    expect([...b.stored.keys()]).toEqual(after);
    expect(b.requests.flatMap((r) => r.ids)).toEqual(after);
  });
});

describe('page hide', () => {
  it('hands unacknowledged events to sendBeacon once, and the server keeps one copy', async () => {
    const b = backend();
    const beacon = vi.spyOn(navigator, 'sendBeacon').mockReturnValue(true);
    const a = open(`hide-${++n}`);
    const ids = track(a, 2);
    window.dispatchEvent(new Event('pagehide'));
    window.dispatchEvent(new Event('pagehide'));
    expect(beacon).toHaveBeenCalledTimes(1);
    const [url, body] = beacon.mock.calls[0]!;
    expect(url).toBe(`${ENDPOINT}/v1/events`);
    expect(JSON.parse(await (body as Blob).text()).events.map((e: { id: string }) => e.id)).toEqual(ids);
    // Without an acknowledgement the events stay in the outbox; the next flush delivers them
    // and the server de-duplicates by id if the beacon had arrived.
    await a.flush();
    expect([...b.stored.keys()]).toEqual(ids);
  });

  it('closing a tab: what is tracked between pagehide and the visibilitychange after it leaves by beacon', async () => {
    backend();
    const beacon = vi.spyOn(navigator, 'sendBeacon').mockReturnValue(true);
    const a = open(`hide-${++n}`, { batch: { maxEvents: 50, intervalMs: 60_000 } });
    track(a, 1);
    window.dispatchEvent(new Event('pagehide'));
    expect(beacon).toHaveBeenCalledTimes(1);
    // Chromium fires visibilitychange after pagehide on close; web vitals and dwell time are
    // reported there, when no asynchronous work can finish any more.
    const late = track(a, 2);
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(beacon).toHaveBeenCalledTimes(2);
    expect(JSON.parse(await (beacon.mock.calls[1]![1] as Blob).text()).events.map((e: { id: string }) => e.id)).toEqual(late);
    // Back from the back/forward cache, hiding the tab again uses the acknowledged fetch.
    window.dispatchEvent(new Event('pageshow'));
    track(a, 1);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(beacon).toHaveBeenCalledTimes(2);
    visibility.mockRestore();
  });

  it('sends with an acknowledged fetch, not a beacon, when the tab is only hidden', async () => {
    const b = backend();
    const beacon = vi.spyOn(navigator, 'sendBeacon').mockReturnValue(true);
    const a = open(`hide-${++n}`, { batch: { maxEvents: 50, intervalMs: 60_000 } });
    const ids = track(a, 2);
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    await a.events(); // persisted; a batch of 2 is not due for a minute
    expect(b.requests).toHaveLength(0);
    const more = track(a, 1);
    visibility.mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(a.$sync.get()).toMatchObject({ sent: 3, pending: 0 }));
    expect([...b.stored.keys()]).toEqual([...ids, ...more]);
    // Closing afterwards has nothing left to beacon: everything was acknowledged.
    window.dispatchEvent(new Event('pagehide'));
    expect(beacon).not.toHaveBeenCalled();
  });

  it('does not beacon events a keepalive request is already carrying', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered = false;
    const b = fakeBackend();
    // Holds the first request open, then falls through to the fake backend.
    server.use(
      http.post(`${ENDPOINT}/v1/events`, async () => {
        entered = true;
        await gate;
      }),
      ...b.handlers,
    );
    const beacon = vi.spyOn(navigator, 'sendBeacon').mockReturnValue(true);
    const a = open(`hide-${++n}`, { batch: { maxEvents: 50, intervalMs: 60_000 } });
    const inFlight = track(a, 2);
    const flushing = a.flush();
    await vi.waitFor(() => expect(entered).toBe(true));
    const late = track(a, 1);
    window.dispatchEvent(new Event('pagehide'));
    release();
    await flushing;
    expect(beacon).toHaveBeenCalledTimes(1);
    const beaconed = JSON.parse(await (beacon.mock.calls[0]![1] as Blob).text()).events.map((e: { id: string }) => e.id);
    expect(beaconed).toEqual(late);
    expect(inFlight.map((id) => b.stored.get(id))).toEqual([1, 1]); // carried by one request only
  });

  it('skips in its beacon what another tab already delivered', async () => {
    const b = backend();
    const site = `hide-${++n}`;
    // Refused beacons mark nothing as sent, so the probe below can repeat.
    const beacon = vi.spyOn(navigator, 'sendBeacon').mockReturnValue(false);
    const tab1 = open(site, { batch: { maxEvents: 50, intervalMs: 60_000 } });
    const tab2 = open(site, { batch: { maxEvents: 50, intervalMs: 60_000 } });
    const ids = track(tab1, 2);
    await tab1.events(); // in the shared outbox, not sent yet
    window.dispatchEvent(new Event('pagehide'));
    expect(beacon).toHaveBeenCalledTimes(1); // tab 1 would carry them now
    await tab2.flush(); // tab 2 delivers them and tells the other tabs
    expect([...b.stored.keys()]).toEqual(ids);
    await vi.waitFor(() => {
      beacon.mockClear();
      window.dispatchEvent(new Event('pagehide'));
      expect(beacon).not.toHaveBeenCalled();
    });
  });

  it('sends nothing by beacon without consent', () => {
    backend();
    const beacon = vi.spyOn(navigator, 'sendBeacon').mockReturnValue(true);
    const a = open(`hide-${++n}`, { consent: 'unknown' });
    track(a, 2);
    window.dispatchEvent(new Event('pagehide'));
    expect(beacon).not.toHaveBeenCalled();
  });
});

describe('consent', () => {
  it('unknown: keeps events in memory with no network, then persists and sends them on grant', async () => {
    const b = backend();
    const site = `consent-${++n}`;
    const a = open(site, { consent: 'unknown' });
    const ids = track(a, 3);
    await a.flush();
    expect(b.requests).toHaveLength(0);
    expect(localStorage.getItem(`af:${site}:visitor`)).toBeNull();
    expect((await a.events()).map((e) => e.id)).toEqual(ids);
    // Nothing reached IndexedDB: another page of the store sees no events.
    const other = open(site, { consent: 'unknown', endpoint: undefined });
    expect(await other.events()).toEqual([]);
    a.setConsent('granted');
    await a.flush();
    expect([...b.stored.keys()]).toEqual(ids);
    expect(localStorage.getItem(`af:${site}:visitor`)).toBe(a.visitorId);
    expect(localStorage.getItem(`af:${site}:consent`)).toBe('granted');
  });

  it('denied: no network, and switching to denied drops what was stored', async () => {
    const b = backend();
    const site = `consent-${++n}`;
    const a = open(site);
    track(a, 2);
    await a.events(); // persisted
    await a.state.set('profile', { views: 2 });
    a.setConsent('denied');
    const later = track(a, 1);
    await a.flush();
    expect(b.requests).toHaveLength(0);
    expect(localStorage.getItem(`af:${site}:visitor`)).toBeNull();
    expect(localStorage.getItem(`af:${site}:session`)).toBeNull();
    expect(await a.state.get('profile')).toBeUndefined();
    // A fresh page with consent sees nothing left behind.
    localStorage.removeItem(`af:${site}:consent`);
    const fresh = open(site, { endpoint: undefined });
    expect(await fresh.events()).toEqual([]);
    expect(await fresh.state.get('profile')).toBeUndefined();
    expect((await a.events()).map((e) => e.id)).toContain(later[0]);
  });

  it('GPC: starts denied and sends nothing unless the merchant overrides', async () => {
    const b = backend();
    vi.stubGlobal('navigator', Object.assign(Object.create(navigator), { globalPrivacyControl: true }));
    const a = open(`gpc-${++n}`);
    expect(a.$consent.get()).toBe('denied');
    track(a, 1);
    await a.flush();
    expect(b.requests).toHaveLength(0);
    const override = open(`gpc-${++n}`, { respectGpc: false });
    expect(override.$consent.get()).toBe('granted');
    track(override, 1);
    await override.flush();
    expect(b.requests).toHaveLength(1);
  });
});

describe('forget()', () => {
  it('wipes local stores, asks the server to erase the visitor and starts a new one', async () => {
    const b = backend();
    const site = `forget-${++n}`;
    const a = open(site, { batch: { maxEvents: 50, intervalMs: 60_000 } });
    const old = a.visitorId;
    track(a, 4);
    await a.state.set('profile', { views: 4 });
    await a.events();
    await a.forget();
    expect(b.erased).toEqual([{ visitor: old, site }]);
    expect(a.visitorId).not.toBe(old);
    expect(await a.events()).toEqual([]);
    expect(await a.state.get('profile')).toBeUndefined();
    expect(localStorage.getItem(`af:${site}:visitor`)).toBe(a.visitorId);
    await a.flush();
    expect(b.stored.size).toBe(0); // the outbox was wiped before it could be sent
    const next = track(a, 1);
    await a.flush();
    expect([...b.stored.keys()]).toEqual(next);
    expect(b.requests.at(-1)!.ids).toEqual(next);
  });

  it('does not contact the server for a visitor that never consented', async () => {
    const b = backend();
    const a = open(`forget-${++n}`, { consent: 'denied' });
    track(a, 1);
    await a.forget();
    expect(b.erased).toEqual([]);
    expect(b.requests).toEqual([]);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDB_TIMEOUT_MS, idbStores } from './stores';
import { eventAt } from './test-events';

const T0 = 1_700_000_000_000;
let site = 0;
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('idbStores', () => {
  it('persists to IndexedDB: a second instance of the same site reads the same data', async () => {
    const name = `s${++site}`;
    const a = idbStores(name, () => {}, () => {});
    const e = eventAt(T0);
    await a.log.add([e]);
    await a.state.set('profile', { views: 3 });
    const b = idbStores(name, () => {}, () => {});
    expect(await b.log.list()).toEqual([e]);
    expect(await b.state.get('profile')).toEqual({ views: 3 });
  });

  it('keeps working in memory when IndexedDB does not exist, and says so once', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const fallback = vi.fn();
    const stores = idbStores(`s${++site}`, () => {}, fallback);
    const e = eventAt(T0);
    await stores.outbox.add([e]);
    expect(await stores.outbox.list()).toEqual([e]);
    expect(fallback).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls.filter(([m]) => String(m).includes('IndexedDB unavailable')).length).toBeLessThanOrEqual(1);
  });

  it('moves to memory without losing the batch when a write hits the quota', async () => {
    const fallback = vi.fn();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const stores = idbStores(`s${++site}`, () => {}, fallback);
    await stores.log.count(); // opened and healthy
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const batch = [eventAt(T0), eventAt(T0 + 1)];
    await stores.log.add(batch);
    expect(fallback).toHaveBeenCalledTimes(1);
    expect(await stores.log.list()).toEqual(batch);
    await stores.state.set('k', 1); // every store follows the switch
    expect(await stores.state.get('k')).toBe(1);
  });

  it('gives up on a database that never opens (blocked) after a timeout', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(indexedDB, 'open').mockReturnValue({} as IDBOpenDBRequest);
    const fallback = vi.fn();
    const stores = idbStores(`s${++site}`, () => {}, fallback);
    const added = stores.outbox.add([eventAt(T0)]);
    await vi.advanceTimersByTimeAsync(IDB_TIMEOUT_MS);
    await added;
    expect(fallback).toHaveBeenCalledTimes(1);
    expect(await stores.outbox.count()).toBe(1);
  });
});

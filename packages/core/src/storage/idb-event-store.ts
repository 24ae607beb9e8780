/**
 * {@link EventStore} over an idb-keyval custom store. Keys are event ids (time-ordered), so
 * `getAll(null, n)` is "the n oldest" and dropping old records is one key-range delete.
 */
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import { encodeTime } from '../capture/ulid';
import { isStoredEvent } from '../capture/validate';
import type { AffinityEvent } from '../types';
import type { EventStore } from './event-store';

// Two helpers over idb-keyval's store handle instead of its get/set/setMany/delMany…: each of
// those is a function of its own that also drags in idb-keyval's default database.
/** Runs `fn` in a read-write transaction of `use`; resolves once it has committed. */
export const writeTo = (use: UseStore, fn: (s: IDBObjectStore) => unknown): Promise<void> =>
  use('readwrite', (s) => (fn(s), promisifyRequest(s.transaction)));
/** The result of one read request on `use`. */
export const readFrom = <T>(use: UseStore, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => use('readonly', (s) => promisifyRequest(fn(s)));

/**
 * Records one read of `list()` takes: reading a record is decoding it, on the main thread, in the
 * task its request succeeds in. A returning shopper's log (up to thousands of events, listing
 * views carrying dozens of items each) read whole was one long task per reader (16–46 ms at 4×
 * CPU throttle with a few hundred events; the profile, the catalog and the snapshot writer each
 * read it on every page); read in pages, each page's decoding is a task of its own.
 */
export const LIST_PAGE = 50;

/**
 * An event store in its own IndexedDB database (idb-keyval keeps one object store per
 * database). `onCorrupt(n)` is told how many unreadable records `list()` skipped and deleted.
 * @example
 * const log = idbEventStore('affinity-shop-log', (n) => console.warn(n, 'corrupt'));
 * await log.add([event]);
 */
export function idbEventStore(dbName: string, onCorrupt: (count: number) => void): EventStore {
  const use = createStore(dbName, 'events');
  const remove = (keys: IDBValidKey[]) => writeTo(use, (s) => keys.forEach((k) => s.delete(k)));
  return {
    add: (events) => writeTo(use, (s) => events.forEach((e) => s.put(e, e.id))),
    async list(limit = Infinity, from) {
      const out: AffinityEvent[] = [];
      const bad: IDBValidKey[] = [];
      // Each page starts after the last key of the one before: events written meanwhile (newer
      // keys) are read too, and none is read twice.
      let range = from ? IDBKeyRange.lowerBound(from) : null;
      for (let left = limit, n; left > 0; left -= n) {
        n = Math.min(LIST_PAGE, left);
        const [keys, values] = await use('readonly', (s) => Promise.all([promisifyRequest(s.getAllKeys(range, n)), promisifyRequest(s.getAll(range, n))]));
        values.forEach((v, i) => (isStoredEvent(v) && v.id === keys[i] ? out.push(v) : bad.push(keys[i]!)));
        if (keys.length < n) break;
        range = IDBKeyRange.lowerBound(keys[n - 1]!, true);
      }
      if (bad.length) {
        // A corrupt record would sit at the head of the outbox forever: drop it.
        onCorrupt(bad.length);
        await remove(bad);
      }
      return out;
    },
    remove,
    count: () => readFrom(use, (s) => s.count()),
    prune: (max, before) =>
      writeTo(use, (s) => {
        s.delete(IDBKeyRange.upperBound(encodeTime(before), true));
        // Request callbacks (not promises) keep the transaction alive between the steps.
        const count = s.count();
        count.onsuccess = () => {
          const extra = count.result - max;
          if (extra <= 0) return;
          const oldest = s.getAllKeys(null, extra);
          oldest.onsuccess = () => {
            const k = oldest.result;
            if (k.length) s.delete(IDBKeyRange.bound(k[0]!, k[k.length - 1]!));
          };
        };
      }),
    clear: () => writeTo(use, (s) => s.clear()),
  };
}

/**
 * {@link EventStore} over an idb-keyval custom store. Keys are event ids (time-ordered), so
 * `getAll(null, n)` is "the n oldest" and dropping old records is one key-range delete.
 */
import { createStore, delMany, promisifyRequest, setMany, type UseStore } from 'idb-keyval';
import { encodeTime } from '../capture/ulid';
import { isStoredEvent } from '../capture/validate';
import type { AffinityEvent } from '../types';
import type { EventStore } from './event-store';

/**
 * An event store in its own IndexedDB database (idb-keyval keeps one object store per
 * database). `onCorrupt(n)` is told how many unreadable records `list()` skipped and deleted.
 * @example
 * const log = idbEventStore('affinity-shop-log', (n) => console.warn(n, 'corrupt'));
 * await log.add([event]);
 */
export function idbEventStore(dbName: string, onCorrupt: (count: number) => void): EventStore {
  const use: UseStore = createStore(dbName, 'events');
  return {
    add: (events) => setMany(events.map((e) => [e.id, e]), use),
    async list(limit) {
      const [keys, values] = await use('readonly', (s) =>
        Promise.all([promisifyRequest(s.getAllKeys(null, limit)), promisifyRequest(s.getAll(null, limit))]),
      );
      const out: AffinityEvent[] = [];
      const bad: IDBValidKey[] = [];
      values.forEach((v, i) => (isStoredEvent(v) && v.id === keys[i] ? out.push(v) : bad.push(keys[i]!)));
      if (bad.length) {
        // A corrupt record would sit at the head of the outbox forever: drop it.
        onCorrupt(bad.length);
        await delMany(bad, use);
      }
      return out;
    },
    remove: (ids) => delMany(ids, use),
    count: () => use('readonly', (s) => promisifyRequest(s.count())),
    prune: (max, before) =>
      use('readwrite', (s) => {
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
        return promisifyRequest(s.transaction);
      }),
    clear: () => use('readwrite', (s) => (s.clear(), promisifyRequest(s.transaction))),
  };
}

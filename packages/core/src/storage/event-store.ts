/**
 * The event log and the outbox share one small interface, implemented over IndexedDB
 * (`idb-event-store.ts`) and in memory (here). Records are keyed by event id, and since ids
 * sort by time, "oldest first" is plain key order.
 */
import type { AffinityEvent } from '../types';

/** An ordered collection of events keyed by id. Every method is async and may reject. */
export interface EventStore {
  /** Adds (or overwrites) events by id. */
  add(events: AffinityEvent[]): Promise<void>;
  /** Events oldest first, from the id `from` on (all by default), at most `limit`. Corrupt records are skipped (and reported). */
  list(limit?: number, from?: string): Promise<AffinityEvent[]>;
  /** Removes events by id; unknown ids are ignored. */
  remove(ids: string[]): Promise<void>;
  /** How many records are stored (corrupt ones included until a `list()` meets them). */
  count(): Promise<number>;
  /** Drops records captured before `before` (epoch ms), then the oldest beyond `max`. */
  prune(max: number, before: number): Promise<void>;
  /** Removes everything. */
  clear(): Promise<void>;
}

/**
 * An {@link EventStore} in memory: used when consent keeps data off the device and when
 * IndexedDB is unavailable.
 * @example
 * const outbox = memoryEventStore();
 * await outbox.add([event]);
 * await outbox.list(50); // [event]
 */
export function memoryEventStore(): EventStore {
  const map = new Map<string, AffinityEvent>();
  const sorted = () => [...map.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    async add(events) {
      for (const e of events) map.set(e.id, e);
    },
    async list(limit = Infinity, from = '') {
      return sorted()
        .filter((e) => e.id >= from)
        .slice(0, limit);
    },
    async remove(ids) {
      for (const id of ids) map.delete(id);
    },
    async count() {
      return map.size;
    },
    async prune(max, before) {
      const all = sorted();
      let drop = Math.max(0, all.length - max);
      all.forEach((e, i) => {
        if (e.ts < before && i >= drop) drop = i + 1;
      });
      for (let i = 0; i < drop; i++) map.delete(all[i]!.id);
    },
    async clear() {
      map.clear();
    },
  };
}

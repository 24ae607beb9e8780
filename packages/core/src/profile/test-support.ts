// Test-only helpers (not exported from the package): events and items shaped like capture's.
import type { AffinityEvent, EventData, EventType, Item } from '../types';

export const DAY = 86_400_000;
export const T0 = Date.UTC(2026, 0, 5, 12); // a Monday noon

let seq = 0;

/** An event with a ULID-like, time-ordered id. */
export function ev(type: EventType, ts: number, data: EventData = {}, session = 's1', visitor = 'v1'): AffinityEvent {
  const id = ts.toString(32).padStart(10, '0') + String(seq++).padStart(16, '0');
  return { id, type, ts, visitor, session, channel: 'web', data };
}

/** A GA4 item; `path` is the category path. */
export function item(id: string, name: string, path: string[], price?: number, extra: Partial<Item> = {}): Item {
  const it: Item = { item_id: id, item_name: name, ...extra };
  const keys = ['item_category', 'item_category2', 'item_category3', 'item_category4', 'item_category5'] as const;
  path.forEach((c, i) => (it[keys[i]!] = c));
  if (price !== undefined) it.price = price;
  return it;
}

/** A fake EventSource over an in-memory log and state, like createAffinity() exposes. */
export function memorySource(initial: AffinityEvent[] = []) {
  const log = initial.slice();
  const kv = new Map<string, unknown>();
  const listeners = new Set<(e: AffinityEvent) => void>();
  return {
    log,
    kv,
    emit(e: AffinityEvent) {
      log.push(e);
      for (const l of listeners) l(e);
    },
    subscribe(l: (e: AffinityEvent) => void) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    async events() {
      return log.slice();
    },
    state: {
      async get<T>(k: string) {
        return structuredClone(kv.get(k)) as T | undefined;
      },
      async set(k: string, v: unknown) {
        kv.set(k, structuredClone(v));
      },
      async del(k: string) {
        kv.delete(k);
      },
      async clear() {
        kv.clear();
      },
    },
  };
}

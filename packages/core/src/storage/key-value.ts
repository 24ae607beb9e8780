/**
 * {@link KeyValueStore} for other modules' small state (profile snapshot, experiment
 * assignments…): over an idb-keyval custom store, or in memory.
 */
import { createStore } from 'idb-keyval';
import type { KeyValueStore } from '../types';
import { readFrom, writeTo } from './idb-event-store';

/**
 * A key–value store in its own IndexedDB database.
 * @example
 * const state = idbKeyValue('affinity-shop-state');
 * await state.set('profile', snapshot);
 */
export function idbKeyValue(dbName: string): KeyValueStore {
  const use = createStore(dbName, 'state');
  return {
    get: (key) => readFrom(use, (s) => s.get(key)),
    set: (key, value) => writeTo(use, (s) => s.put(value, key)),
    del: (key) => writeTo(use, (s) => s.delete(key)),
    clear: () => writeTo(use, (s) => s.clear()),
  };
}

/**
 * A key–value store in memory (consent not granted, or IndexedDB unavailable). Values are
 * cloned like IndexedDB would, so callers cannot mutate what is stored by accident.
 * @example
 * const state = memoryKeyValue();
 * await state.set('k', { a: 1 });
 */
export function memoryKeyValue(): KeyValueStore {
  const map = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => structuredClone(map.get(key)) as T | undefined,
    set: async (key, value) => void map.set(key, structuredClone(value)),
    del: async (key) => void map.delete(key),
    clear: async () => map.clear(),
  };
}

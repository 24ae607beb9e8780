/**
 * {@link KeyValueStore} for other modules' small state (profile snapshot, experiment
 * assignments…): over an idb-keyval custom store, or in memory.
 */
import { clear, createStore, del, get, set } from 'idb-keyval';
import type { KeyValueStore } from '../types';

/**
 * A key–value store in its own IndexedDB database.
 * @example
 * const state = idbKeyValue('affinity-shop-state');
 * await state.set('profile', snapshot);
 */
export function idbKeyValue(dbName: string): KeyValueStore {
  const use = createStore(dbName, 'state');
  return {
    get: (key) => get(key, use),
    set: (key, value) => set(key, value, use),
    del: (key) => del(key, use),
    clear: () => clear(use),
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

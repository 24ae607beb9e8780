/**
 * The three local stores the SDK keeps (event log, outbox, small state), and the switch to
 * memory when IndexedDB fails: disabled, private mode, blocked by another connection, quota
 * exceeded. After the first failure everything stays in memory for the page, so the SDK
 * keeps working and the console says so once.
 */
import { warnOnce } from '../dev';
import type { KeyValueStore } from '../types';
import { memoryEventStore, type EventStore } from './event-store';
import { idbEventStore } from './idb-event-store';
import { idbKeyValue, memoryKeyValue } from './key-value';

/** The local stores of one site. */
export interface Stores {
  /** Every captured event, bounded by count and age; what the profile is computed from. */
  log: EventStore;
  /** Events not yet acknowledged by the server, shared by all tabs. */
  outbox: EventStore;
  /** Small persisted state for other modules. */
  state: KeyValueStore;
}

/** Names of the IndexedDB databases of a site (one object store each, as idb-keyval does). */
export const dbNames = (site: string) => ({
  log: `affinity-${site}-log`,
  outbox: `affinity-${site}-outbox`,
  state: `affinity-${site}-state`,
});

/**
 * Stores held in memory only.
 * @example const stores = memoryStores();
 */
export function memoryStores(): Stores {
  return { log: memoryEventStore(), outbox: memoryEventStore(), state: memoryKeyValue() };
}

/**
 * Empties every store of a set.
 * @example await clearAll(stores)
 */
export const clearAll = (s: Stores) => Promise.all(Object.values(s).map((x: Stores[keyof Stores]) => x.clear()));

/** How long an IndexedDB operation may take before the database counts as blocked. */
export const IDB_TIMEOUT_MS = 5000;

/**
 * IndexedDB stores that fall back to memory on the first error or hang. `onFallback` runs once.
 * `onCorrupt(n)` counts unreadable records skipped by `list()`.
 * @example
 * const stores = idbStores('shop', (n) => corrupt += n, () => mode = 'memory');
 */
export function idbStores(site: string, onCorrupt: (n: number) => void, onFallback: () => void): Stores {
  const backup = memoryStores();
  let failed = false;
  const fail = (err: unknown) => {
    if (!failed) {
      failed = true;
      onFallback();
    }
    warnOnce('idb', `IndexedDB unavailable (${(err as Error)?.message ?? err}); events are kept in memory for this page`);
  };
  if (typeof indexedDB === 'undefined') fail(new Error('not supported'));
  let primary: Stores | undefined;
  try {
    const n = dbNames(site);
    if (!failed) primary = { log: idbEventStore(n.log, onCorrupt), outbox: idbEventStore(n.outbox, onCorrupt), state: idbKeyValue(n.state) };
  } catch (err) {
    fail(err);
  }
  const wrap = <T extends object>(p: T | undefined, b: T): T => {
    const out = {} as Record<string, unknown>;
    for (const key of Object.keys(b)) {
      out[key] = async (...args: unknown[]) => {
        if (!failed && p) {
          let timer: ReturnType<typeof setTimeout> | undefined;
          try {
            return await Promise.race([
              (p as Record<string, (...a: unknown[]) => Promise<unknown>>)[key]!(...args),
              new Promise((_, reject) => (timer = setTimeout(reject, IDB_TIMEOUT_MS, new Error('timed out')))),
            ]);
          } catch (err) {
            fail(err);
          } finally {
            clearTimeout(timer);
          }
        }
        return (b as Record<string, (...a: unknown[]) => Promise<unknown>>)[key]!(...args);
      };
    }
    return out as T;
  };
  return { log: wrap(primary?.log, backup.log), outbox: wrap(primary?.outbox, backup.outbox), state: wrap(primary?.state, backup.state) };
}

/**
 * The composition root of the browser SDK: capture (ids, sessions, validation), local
 * storage (event log, outbox, state), consent and sync, wired together. Other modules
 * (profile, widgets, the embed script) build on the {@link Affinity} it returns.
 */
import { atom, type ReadableAtom } from 'nanostores';
import { createIdentity } from './capture/identity';
import { afterDelayIdle, onIdle } from './capture/idle';
import { encodeTime, isUlid, ulid } from './capture/ulid';
import { copyEventData, eventError, isEventType } from './capture/validate';
import { initialConsent, isConsentState, saveConsent } from './consent/consent';
import { snapshotKey } from './snapshot/format';
import { localDel } from './storage/local';
import { devError, devWarn } from './dev';
import { clearAll, dbNames, idbStores, memoryStores, type Stores } from './storage/stores';
import { createSyncer, type SyncState } from './sync/syncer';
import { request } from './sync/transport';
import type { AffinityEvent, ConsentState, EventData, EventType, KeyValueStore } from './types';

/** Options of {@link createAffinity}. Only `site` is required. */
export interface AffinityOptions {
  /** Public site key (namespaces local storage, identifies the store to the server). */
  site: string;
  /** Backend origin, e.g. `'http://localhost:8787'`. Without it nothing goes over the network. */
  endpoint?: string;
  /** The merchant's default consent for this shopper's region; `'unknown'` when omitted. */
  consent?: ConsentState;
  /**
   * Honour Global Privacy Control and Do Not Track: when the browser sends either, the page
   * starts `denied` unless the shopper granted consent on an earlier page. `false` is the
   * merchant's explicit override. Default `true`.
   */
  respectGpc?: boolean;
  /** Channel stamped on every event. Default `'web'`. */
  channel?: string;
  /** Idle time after which a new session starts. Default 30 minutes. */
  sessionTimeoutMs?: number;
  /** Bounds of the local event log. Defaults: 5000 events, 90 days. */
  log?: { maxEvents?: number; maxAgeDays?: number };
  /** Sync batches: sent when `maxEvents` are pending or `intervalMs` after the first. Defaults: 50, 5000 ms. */
  batch?: { maxEvents?: number; intervalMs?: number };
  /** A request taking longer is aborted and retried. Default 10 000 ms. */
  requestTimeoutMs?: number;
  /** `'memory'` keeps everything in the page (tests, kiosks). Default `'indexeddb'`. */
  storage?: 'indexeddb' | 'memory';
  /** Console errors for invalid calls and warnings for refused payloads. Default `false`. */
  dev?: boolean;
  /** Injectable for tests. */
  fetch?: typeof fetch;
  /** Injectable clock (epoch ms) for tests. */
  now?: () => number;
}

/** Where local data currently lives, and how many unreadable records were skipped. */
export interface StorageState {
  mode: 'indexeddb' | 'memory';
  corrupt: number;
}

/** A running SDK instance. No method throws into the page. */
export interface Affinity {
  readonly site: string;
  /** The first-party visitor id (new after `forget()`). */
  readonly visitorId: string;
  /**
   * Records an event and returns it, stamped with its id and time; `undefined` when the call
   * is refused outright (unknown event type, destroyed instance). The call itself only copies
   * the data, stamps it and queues it: the data is checked, and listeners and storage see the
   * event, at the end of the current task (a microtask), in call order. An event whose data is
   * invalid is dropped there, with the field at fault on the console (with `dev: true`).
   */
  track(type: EventType, data?: EventData): AffinityEvent | undefined;
  /**
   * Records a `login` event carrying `customer_id`; the server links the visitor later. Pass
   * `signature`, the HMAC-SHA256 of `site:customerId` your backend computes with the admin key
   * (`identifySignature` in @affinity/server): a server with configured sites links signed
   * logins only.
   *
   * @example
   * affinity.identify('cust-42', signatureFromYourBackend);
   */
  identify(customerId: string, signature?: string): void;
  /**
   * Calls `listener` with every accepted event, in order, at the end of the task that tracked
   * it (batched: one microtask for a burst of calls); returns the unsubscribe function.
   */
  subscribe(listener: (e: AffinityEvent) => void): () => void;
  /**
   * The local event log, oldest first (persisted events of earlier pages included when consented);
   * with `since` (epoch ms), only the events captured at or after it, read without decoding the rest.
   */
  events(since?: number): Promise<AffinityEvent[]>;
  readonly $consent: ReadableAtom<ConsentState>;
  /** Records the shopper's choice (remembered for the next pages) and applies it at once. */
  setConsent(state: ConsentState): void;
  readonly $sync: ReadableAtom<SyncState>;
  readonly $storage: ReadableAtom<StorageState>;
  /** Small persisted state for other modules; memory when consent is not granted or storage fails. */
  readonly state: KeyValueStore;
  /** Persists and sends everything pending now (respecting a server-imposed wait). */
  flush(): Promise<void>;
  /** Wipes every local store, asks the server to erase the visitor, and starts a new visitor. */
  forget(): Promise<void>;
  /** Removes listeners and timers (tests, SPA teardown). */
  destroy(): void;
}

const DAY = 86_400_000;
const num = (v: unknown, fallback: number) => (typeof v === 'number' && v > 0 ? v : fallback);

/**
 * Starts the SDK for one site.
 * @example
 * const affinity = createAffinity({ site: 'shop', endpoint: 'https://affinity.shop.example', consent: 'granted' });
 * affinity.track('view_item', { items: [{ item_id: 'sku-1', price: 49 }] });
 */
export function createAffinity(options: AffinityOptions): Affinity {
  const o = options ?? ({} as AffinityOptions);
  const dev = !!o.dev;
  let site = o.site;
  if (typeof site !== 'string' || !site) {
    console.error('[affinity] createAffinity: `site` must be your public site key (a non-empty string); using "default"');
    site = 'default';
  }
  const now = o.now ?? Date.now;
  const channel = typeof o.channel === 'string' && o.channel ? o.channel : 'web';
  const maxLog = num(o.log?.maxEvents, 5000);
  const maxAge = num(o.log?.maxAgeDays, 90) * DAY;
  const useIdb = o.storage !== 'memory';
  const listeners = new Set<(e: AffinityEvent) => void>();

  // Mirrored in a plain variable: track() reads it on every call, and a nanostores get()
  // without listeners subscribes and unsubscribes each time.
  let consent = initialConsent(site, o.consent, o.respectGpc !== false);
  const $consent = atom<ConsentState>(consent);
  const $storage = atom<StorageState>({ mode: 'memory', corrupt: 0 });
  const granted = () => consent === 'granted';
  const identity = createIdentity(site, num(o.sessionTimeoutMs, 30 * 60_000), granted());
  let everGranted = granted();

  let persisted: Stores | undefined;
  let fellBack = false;
  let stores = memoryStores();
  const useStores = (s: Stores) => {
    stores = s;
    $storage.set({ ...$storage.get(), mode: s === persisted && useIdb && !fellBack ? 'indexeddb' : 'memory' });
  };
  const openPersisted = () =>
    (persisted ??= useIdb
      ? idbStores(
          site,
          (n) => {
            $storage.set({ ...$storage.get(), corrupt: $storage.get().corrupt + n });
            devWarn(dev, `skipped ${n} corrupt record(s) in IndexedDB`);
          },
          () => {
            fellBack = true;
            $storage.set({ ...$storage.get(), mode: 'memory' });
          },
        )
      : memoryStores());

  const batchMax = num(o.batch?.maxEvents, 50);
  const base = typeof o.endpoint === 'string' && o.endpoint ? o.endpoint.replace(/\/+$/, '') : undefined;
  const timeoutMs = num(o.requestTimeoutMs, 10_000);
  const syncer = base
    ? createSyncer({
        site,
        endpoint: base,
        outbox: () => stores.outbox,
        fetch: () => o.fetch ?? fetch,
        now,
        maxEvents: batchMax,
        intervalMs: num(o.batch?.intervalMs, 5000),
        timeoutMs,
        dev,
        onDone: (ids) => ids.forEach((id) => unsent.delete(id)),
      })
    : undefined;

  /** Accepted by track(), not yet checked nor handed on (see `drain`). */
  let inbox: AffinityEvent[] = [];
  let drainScheduled = false;
  let draining = false;
  const resolved = Promise.resolve();
  /** Events of this page, all consent states (what `events()` shows without consent). */
  let memLog: AffinityEvent[] = [];
  /** Captured with consent, not yet written to IndexedDB. */
  let queue: AffinityEvent[] = [];
  /** Captured while consent is unknown: persisted and sent only if it becomes granted. */
  let held: AffinityEvent[] = [];
  /** Written to the outbox, not yet acknowledged: what a beacon carries on page hide. */
  const unsent = new Map<string, AffinityEvent>();
  let idleScheduled = false;
  let destroyed = false;
  /** Forgets every event of this page not yet stored (another visitor, or forget()). */
  const dropAll = () => {
    queue = [];
    held = [];
    memLog = [];
    unsent.clear();
  };

  // Every storage mutation goes through one chain, so a consent change or forget() never
  // interleaves with a batch being written.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = (fn: () => Promise<void> | void): Promise<void> =>
    (chain = chain.then(fn).catch((err) => devError(dev, `storage: ${(err as Error)?.message ?? err}`))) as Promise<void>;

  const write = async () => {
    idleScheduled = false;
    if (!granted() || !queue.length) return;
    const batch = queue;
    queue = [];
    identity.save();
    const s = stores;
    // Separate databases, so two transactions; started together to shorten the window in
    // which a closing page has written one and not the other.
    await Promise.all([s.log.add(batch), syncer && s.outbox.add(batch)]);
    if (syncer) for (const e of batch) unsent.set(e.id, e);
    await s.log.prune(maxLog, now() - maxAge);
    syncer?.poke();
  };
  const persist = () => serial(write);
  const flush = async () => {
    drain();
    await persist();
    await syncer?.flush();
  };

  const wipePersisted = async () => {
    if (!persisted && useIdb && typeof indexedDB !== 'undefined') {
      // Not opened in this page, but earlier pages may have left data. Clear rather than
      // deleteDatabase: a delete is blocked by other tabs' open connections and would stall
      // every later open of these databases until those tabs close.
      const names = Object.values(dbNames(site));
      const existing = await indexedDB.databases?.().catch(() => undefined);
      if (existing && !existing.some((d) => names.includes(d.name!))) return;
      openPersisted();
    }
    if (persisted) await clearAll(persisted);
  };

  const apply = (state: ConsentState) => {
    // Events tracked before the change were tracked under the old state.
    drain();
    consent = state;
    $consent.set(state);
    if (state === 'granted') {
      everGranted = true;
      const before = identity.visitor;
      identity.setPersistent(true);
      const visitor = identity.visitor;
      // Held events never left this page: give them the id this visitor now shares with other tabs.
      if (visitor !== before) held = held.map((e) => ({ ...e, visitor }));
      useStores(openPersisted());
      queue = held.concat(queue);
      held = [];
      syncer?.start();
      void persist();
      return;
    }
    syncer?.stop();
    identity.setPersistent(false);
    queue = [];
    unsent.clear();
    useStores(memoryStores());
    if (state === 'denied') {
      held = [];
      localDel(snapshotKey(site));
      void serial(wipePersisted);
    }
  };

  // Hidden (tab switch, app switch, and the first step of closing): the page still runs, so
  // send with an acknowledged keepalive fetch. Mobile browsers may kill it without pagehide;
  // then what was persisted goes on the next visit.
  const onHidden = () => {
    if (document.visibilityState !== 'hidden') return;
    drain();
    if (!granted()) return;
    identity.save();
    // Closing a tab fires pagehide first and visibilitychange after it; what is tracked in
    // between (web vitals, dwell time) can only leave by beacon, since no async work finishes.
    if (unloading) beaconPending();
    else void flush();
  };
  // Unloading: the last synchronous chance. A beacon carries what is neither acknowledged nor
  // already in flight; it stays in the outbox (no acknowledgement) and the server de-duplicates
  // it by id if a later page sends it again.
  let unloading = false;
  const beaconPending = () => syncer?.beacon([...queue, ...unsent.values()]);
  const onPageHide = () => {
    unloading = true;
    // The last synchronous chance: what was tracked in this task must be in the beacon.
    drain();
    if (!granted()) return;
    identity.save();
    beaconPending();
    void persist();
  };
  // Back from the back/forward cache: the page lives on.
  const onPageShow = () => {
    unloading = false;
  };
  // Other tabs of the store: a consent choice or a forget() there applies here at once, so a
  // tab left open cannot keep collecting after the shopper said no or erased their data.
  const onStorage = (e: StorageEvent) => {
    drain();
    if (e.key === `af:${site}:consent` && isConsentState(e.newValue) && e.newValue !== consent) {
      apply(e.newValue);
    } else if (e.key === `af:${site}:visitor` && isUlid(e.newValue) && e.newValue !== identity.visitor && granted()) {
      dropAll();
      identity.reset(now(), e.newValue);
      everGranted = true;
    }
  };
  const hasWindow = typeof addEventListener === 'function' && typeof document !== 'undefined';
  if (hasWindow) {
    addEventListener('pagehide', onPageHide);
    addEventListener('pageshow', onPageShow);
    addEventListener('storage', onStorage);
    // Fired at the document, not the window.
    document.addEventListener('visibilitychange', onHidden);
  }

  const eraseOnServer = async (visitor: string) => {
    if (!base) return;
    try {
      const url = `${base}/v1/visitors/${encodeURIComponent(visitor)}?site=${encodeURIComponent(site)}`;
      const res = await request(o.fetch ?? fetch, url, { method: 'DELETE', keepalive: true }, timeoutMs);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    } catch (err) {
      const msg = `erase request for visitor ${visitor} failed: ${(err as Error)?.message ?? err}`;
      devWarn(dev, msg);
      syncer?.report(msg);
    }
  };

  const state: KeyValueStore = {
    get: (key) => stores.state.get(key),
    set: (key, value) => stores.state.set(key, value),
    del: (key) => stores.state.del(key),
    clear: () => stores.state.clear(),
  };

  /** An accepted, valid event: kept for this page, queued for storage when consented. */
  const accept = (e: AffinityEvent) => {
    memLog.push(e);
    // Trimmed by half the bound at a time, so the copy costs O(1) per event amortized.
    if (memLog.length >= maxLog * 1.5) memLog = memLog.slice(-maxLog);
    const c = consent;
    if (c === 'granted') {
      queue.push(e);
      if (!idleScheduled) {
        idleScheduled = true;
        afterDelayIdle(persist);
      }
      // A full batch waits for no timer: a burst is written (and sent) at the next idle period.
      if (queue.length === batchMax) onIdle(persist);
    } else if (c === 'unknown' && held.length < maxLog) held.push(e);
  };

  /**
   * Hands what track() queued to the rest of the SDK, in call order: checks each event (an
   * invalid one is reported and dropped), keeps it, and tells the listeners. Scheduled as a
   * microtask by the first call of a task, so a burst of calls costs one batch; run at once
   * by anything that needs every event now (flush, events, consent change, page hide).
   */
  const drain = () => {
    drainScheduled = false;
    // A listener that calls events() or flush() must not hand on its own new events ahead of
    // the rest of this batch: the scheduled drain takes them.
    if (draining || !inbox.length) return;
    draining = true;
    const batch = inbox;
    inbox = [];
    try {
      for (const e of batch) {
        try {
          const err = eventError(e.type, e.data);
          if (err) {
            devError(dev, err);
            continue;
          }
          accept(e);
        } catch (err) {
          devError(dev, `track(${String(e.type)}) failed: ${(err as Error)?.message ?? err}`);
          continue;
        }
        for (const l of listeners) {
          try {
            l(e);
          } catch (err) {
            devError(dev, `a subscribe() listener threw: ${(err as Error)?.message ?? err}`);
          }
        }
      }
    } finally {
      draining = false;
    }
  };

  // The hot path: everything here runs on the caller's time, once per call. Checking the
  // data, listeners and storage wait for `drain` (see the `track` doc comment).
  const track: Affinity['track'] = (type, data) => {
    try {
      if (destroyed || !isEventType(type)) {
        devError(dev, destroyed ? `track(${String(type)}): this instance was destroyed` : eventError(type, data)!);
        return;
      }
      const ts = now();
      const e: AffinityEvent = {
        id: ulid(ts),
        type,
        ts,
        visitor: identity.visitor,
        session: identity.session(ts),
        channel,
        data: data === undefined ? {} : (copyEventData(data) as EventData),
      };
      inbox.push(e);
      if (!drainScheduled) {
        drainScheduled = true;
        // A promise reaction rather than queueMicrotask: same timing, but it stays inside the
        // JS engine, which measures several µs cheaper for the first call of a task.
        resolved.then(drain);
      }
      return e;
    } catch (err) {
      devError(dev, `track(${String(type)}) failed: ${(err as Error)?.message ?? err}`);
      return;
    }
  };

  const affinity: Affinity = {
    site,
    get visitorId() {
      return identity.visitor;
    },
    track,
    identify(customerId, signature) {
      if (typeof customerId !== 'string' || !customerId) return devError(dev, 'identify(customerId): expected a non-empty string');
      track('login', typeof signature === 'string' && signature ? { customer_id: customerId, customer_signature: signature } : { customer_id: customerId });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async events(since = 0) {
      drain();
      await persist();
      let log = memLog;
      // Ids begin with a time at or after their event's (ids only grow, even when the clock steps
      // back): the log's keys from `since` on hold every event since then, and decode no older.
      if (granted())
        try {
          log = await stores.log.list(undefined, encodeTime(since));
        } catch {
          // what this page captured is still there
        }
      return log.filter((e) => e.ts >= since);
    },
    $consent,
    setConsent(next) {
      if (!isConsentState(next)) return devError(dev, `setConsent(${String(next)}): expected 'granted', 'denied' or 'unknown'`);
      saveConsent(site, next);
      if (consent !== next) apply(next);
    },
    $sync: syncer?.$sync ?? atom<SyncState>({ pending: 0, sent: 0, failed: 0 }),
    $storage,
    state,
    flush,
    async forget() {
      // What was tracked before forget() is forgotten with the rest (listeners hear of it first).
      drain();
      const old = identity.visitor;
      const erase = everGranted;
      syncer?.stop();
      dropAll();
      // The first-paint snapshot (orders derived from the profile) goes with the profile.
      localDel(snapshotKey(site));
      await serial(async () => {
        await clearAll(stores);
        await wipePersisted();
      });
      identity.reset(now());
      everGranted = granted();
      if (erase) await eraseOnServer(old);
      if (granted() && !destroyed) syncer?.start();
    },
    destroy() {
      drain();
      destroyed = true;
      syncer?.stop();
      listeners.clear();
      if (hasWindow) {
        removeEventListener('pagehide', onPageHide);
        removeEventListener('pageshow', onPageShow);
        removeEventListener('storage', onStorage);
        document.removeEventListener('visibilitychange', onHidden);
      }
    },
  };

  if (granted()) apply('granted');
  return affinity;
}

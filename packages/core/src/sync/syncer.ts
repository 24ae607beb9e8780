/**
 * Delivers the outbox to the server, exactly once as far as the browser can tell:
 * - batches by size (`maxEvents`) and time (`intervalMs` after the first pending event);
 * - one tab at a time (see `lock.ts`): the outbox is shared in IndexedDB, a batch is read
 *   under the lock and deleted only after a 2xx, so two tabs never send the same event;
 * - network errors, timeouts, 408, 429 and 5xx are retried with backoff + full jitter
 *   (`Retry-After` wins on 429/503); offline waits for the `online` event;
 * - other 4xx mean the payload is wrong: the batch is dropped with a development warning, as
 *   are events the server rejects one by one.
 */
import { atom, type ReadableAtom } from 'nanostores';
import { devWarn } from '../dev';
import type { EventStore } from '../storage/event-store';
import type { AffinityEvent } from '../types';
import { backoff, parseRetryAfter } from './backoff';
import { withLock } from './lock';
import { beacon, chunk, CONTENT_TYPE, MAX_BODY_BYTES, readRejected, request } from './transport';

/** Delivery counters, as shown by `affinity.$sync`. */
export interface SyncState {
  /** Events in the outbox (all tabs), as last counted. */
  pending: number;
  /** Events acknowledged by the server since this page loaded. */
  sent: number;
  /** Events dropped because the server refused them (4xx or per-event rejection). */
  failed: number;
  /** The last delivery problem, for debugging panels. */
  lastError?: string;
}

/** Batches read from the outbox at once while it holds more than one. */
const READ_AHEAD = 10;
/**
 * Requests in flight at once while the outbox holds several batches: a burst is bound by
 * round trips, not bytes (browsers open up to six connections per host).
 */
const PARALLEL = 3;

/** What the syncer needs from its owner. */
export interface SyncerOptions {
  site: string;
  /** Backend origin without a trailing slash, e.g. `https://affinity.example.com`. */
  endpoint: string;
  /** The current outbox (it changes with consent and storage fallback). */
  outbox: () => EventStore;
  fetch: () => typeof fetch;
  now: () => number;
  maxEvents: number;
  intervalMs: number;
  /** A request taking longer is aborted and retried. */
  timeoutMs: number;
  dev?: boolean;
  random?: () => number;
  /** Ids that left the outbox (acknowledged or dropped), in this tab or another. */
  onDone?: (ids: string[]) => void;
}

/** Controls of the delivery loop. */
export interface Syncer {
  readonly $sync: ReadableAtom<SyncState>;
  /** New events are in the outbox: flush now if a batch is full, else within `intervalMs`. */
  poke(): void;
  /**
   * Sends everything pending now. An explicit call skips the client's own backoff (the caller
   * knows something, e.g. the page is about to navigate) but still honours a server's
   * `Retry-After`. Joins the flush already running, if any.
   */
  flush(): Promise<void>;
  /**
   * Page is going away: hand these (unacknowledged) events to `sendBeacon`, once each, except
   * those already in a keepalive request (it outlives the page).
   */
  beacon(events: AffinityEvent[]): void;
  start(): void;
  /** Records a delivery problem found elsewhere (e.g. a failed erase request). */
  report(error: string): void;
  /** Stops timers, listeners and any request in flight (consent withdrawn, forget, destroy). */
  stop(): void;
}

/**
 * @example
 * const syncer = createSyncer({ site: 'shop', endpoint: 'https://api.shop', outbox: () => stores.outbox,
 *   fetch: () => fetch, now: Date.now, maxEvents: 50, intervalMs: 5000, timeoutMs: 10_000 });
 * syncer.start();
 */
export function createSyncer(o: SyncerOptions): Syncer {
  const url = `${o.endpoint}/v1/events`;
  const $sync = atom<SyncState>({ pending: 0, sent: 0, failed: 0 });
  const patch = (p: Partial<SyncState>) => $sync.set({ ...$sync.get(), ...p });
  const beaconed = new Set<string>();
  /** Ids in a request in flight: a beacon must not carry them a second time. */
  const sending = new Set<string>();
  // Tabs share the outbox; tell the others what left it so their page-hide beacons skip it.
  let acks: BroadcastChannel | undefined;
  const done = (ids: string[]) => {
    o.onDone?.(ids);
    acks?.postMessage(ids);
  };
  let active = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let waitUntil = 0;
  let serverAsked = false;
  let running: Promise<void> | undefined;
  const inFlight = new Set<AbortController>();
  /** A request of this run failed: the others of its wave neither retry again nor reset the wait. */
  let failed = false;

  const schedule = (delay: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void flush(false);
    }, delay);
  };
  const count = async () => {
    try {
      const pending = await o.outbox().count();
      patch({ pending });
      return pending;
    } catch {
      return 0;
    }
  };
  const retry = (delay: number | undefined, error: string): false => {
    if (failed) return false;
    failed = true;
    patch({ lastError: error });
    serverAsked = delay !== undefined;
    if (delay === undefined && typeof navigator !== 'undefined' && navigator.onLine === false) {
      // The `online` listener resumes; a timer would only fail again.
      waitUntil = Infinity;
      return false;
    }
    delay ??= backoff(attempt, o.random);
    attempt++;
    waitUntil = o.now() + delay;
    schedule(delay);
    return false;
  };
  const drop = async (events: AffinityEvent[], why: string) => {
    devWarn(o.dev, `${why}; ${events.length} event(s) dropped: retrying cannot fix the payload`);
    const ids = events.map((e) => e.id);
    await o.outbox().remove(ids);
    done(ids);
    patch({ failed: $sync.get().failed + events.length, lastError: why });
  };

  /**
   * Deletions of acknowledged batches still running: the next request does not wait for them
   * (it overlaps the network with IndexedDB), the next read of the outbox does.
   */
  let removals: Promise<unknown>[] = [];
  const settle = async () => {
    const r = removals;
    removals = [];
    await Promise.all(r);
  };

  /** Sends one batch; false when delivery must pause (a retry is scheduled). */
  const send = async (batch: AffinityEvent[]): Promise<boolean> => {
    for (const c of chunk(o.site, batch)) {
      const ids = c.events.map((e) => e.id);
      let res: Response;
      const ctrl = new AbortController();
      inFlight.add(ctrl);
      ids.forEach((id) => sending.add(id));
      try {
        res = await request(
          o.fetch(),
          url,
          { method: 'POST', body: c.body, headers: { 'Content-Type': CONTENT_TYPE }, keepalive: c.bytes <= MAX_BODY_BYTES },
          o.timeoutMs,
          ctrl,
        );
      } catch (err) {
        return active && retry(undefined, (err as Error).message);
      } finally {
        inFlight.delete(ctrl);
        ids.forEach((id) => sending.delete(id));
      }
      const s = res.status;
      if (res.ok) {
        const rejected = await readRejected(res, c.events.length);
        removals.push(o.outbox().remove(ids));
        done(ids);
        for (const r of rejected) {
          const e = c.events[r.index]!;
          devWarn(o.dev, `server rejected event ${e.id} (${e.type}): ${r.error}`);
        }
        if (!failed) {
          attempt = 0;
          waitUntil = 0;
          serverAsked = false;
        }
        const st = $sync.get();
        patch({ sent: st.sent + c.events.length - rejected.length, failed: st.failed + rejected.length });
      } else if (s === 408 || s === 429 || s >= 500) {
        return retry(s === 429 || s === 503 ? parseRetryAfter(res.headers.get('Retry-After'), o.now()) : undefined, `HTTP ${s} from ${url}`);
      } else {
        await drop(c.events, `HTTP ${s} from ${url}`);
      }
      if (!active) return false;
    }
    return true;
  };

  const run = async (explicit: boolean) => {
    clearTimeout(timer);
    timer = undefined;
    if (waitUntil > o.now() && (serverAsked || !explicit)) {
      if (waitUntil < Infinity) schedule(waitUntil - o.now());
      return;
    }
    let stalled = false;
    failed = false;
    const ran = await withLock(
      `af:${o.site}:sync`,
      async () => {
        // Batch after batch until the outbox is empty: a 10,000-event burst goes out in one run,
        // not a batch per interval. What was sent is deleted, so an event coming back means the
        // outbox is not shrinking (storage failing to delete): stop, rather than spin, and look
        // again after the interval.
        const sent = new Set<string>();
        try {
          while (active) {
            // One read for several requests (the lock keeps other tabs from sending them).
            await settle();
            const ahead = await o.outbox().list(o.maxEvents * READ_AHEAD);
            if (!ahead.length) break;
            if (ahead.some((e) => sent.has(e.id))) {
              stalled = true;
              break;
            }
            for (const e of ahead) sent.add(e.id);
            let ok = true;
            const wave = o.maxEvents * PARALLEL;
            for (let i = 0; ok && active && i < ahead.length; i += wave) {
              const sends: Promise<boolean>[] = [];
              for (let j = i; j < Math.min(ahead.length, i + wave); j += o.maxEvents) sends.push(send(ahead.slice(j, j + o.maxEvents)));
              ok = (await Promise.all(sends)).every(Boolean);
            }
            if (!ok) break;
          }
        } finally {
          await settle();
        }
      },
      o.now,
    );
    // Another tab is flushing the shared outbox (look again later in case it stops early), or
    // this one stalled.
    if ((!ran || stalled) && active && !timer) schedule(o.intervalMs);
    await count();
  };

  const flush = (explicit = true): Promise<void> => {
    if (!active) return Promise.resolve();
    running ??= run(explicit)
      .catch((err) => void patch({ lastError: String(err) }))
      .finally(() => (running = undefined));
    return running;
  };

  const online = () => {
    waitUntil = 0;
    void flush(false);
  };

  const poke = () => {
    if (!active) return;
    void count().then((pending) => {
      if (!active || waitUntil > o.now()) return;
      if (pending >= o.maxEvents) void flush(false);
      else if (!timer && pending) schedule(o.intervalMs);
    });
  };

  return {
    $sync,
    poke,
    flush: () => flush(),
    beacon(events) {
      if (!active || (serverAsked && waitUntil > o.now())) return;
      const fresh = events.filter((e) => !beaconed.has(e.id) && !sending.has(e.id));
      for (const e of beacon(url, chunk(o.site, fresh))) beaconed.add(e.id);
    },
    report(error) {
      patch({ lastError: error });
    },
    start() {
      if (active) return;
      active = true;
      // Sending works at once; the rest (a listener, a channel, and the first count, which opens
      // IndexedDB) waits for a task of its own: with the SDK's start-up it made one long task.
      setTimeout(() => {
        if (!active || acks) return;
        if (typeof addEventListener === 'function') addEventListener('online', online);
        if (typeof BroadcastChannel === 'function') {
          acks = new BroadcastChannel(`af:${o.site}:acks`);
          acks.onmessage = (m: MessageEvent) => Array.isArray(m.data) && o.onDone?.(m.data.filter((id) => typeof id === 'string'));
        }
        poke();
      });
    },
    stop() {
      active = false;
      clearTimeout(timer);
      timer = undefined;
      for (const c of inFlight) c.abort();
      acks?.close();
      acks = undefined;
      if (typeof removeEventListener === 'function') removeEventListener('online', online);
    },
  };
}

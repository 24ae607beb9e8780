import type { AffinityEvent, ClusterModel, ModelPayload } from '@affinity/core';
import { MODEL_EVENT_TYPES, type ModelEvent, type Storage } from '../storage/storage';
import { createModelBuilder, yieldEvery, type ModelBuilder, type ModelOptions } from './build-model';
import { createSiteRebuilds } from './site-rebuilds';
import { startModelWorker, type ModelWorker } from './model-worker';
import { createLearnedBuilder, withLearned } from '../embeddings/learned-builder';

/** A built model with its serialised form, ready to send. */
export interface BuiltModel {
  payload: ModelPayload;
  /** `JSON.stringify(payload)`, computed once per build. */
  json: string;
  etag: string;
  /** Epoch ms when this model was published (full rebuild or incremental update). */
  builtAt: number;
  /** Epoch ms of the last full rebuild from storage it descends from. */
  rebuiltAt: number;
  /** Interaction events counted. */
  events: number;
  /** Time to build this model: the full rebuild, or ranking the counts for an update. */
  durationMs: number;
  /** How it was built: read from storage, or updated from the events this process received. */
  source: 'rebuild' | 'incremental';
}

/** What admin stats show about a site's model. */
export type ModelFreshness = Pick<BuiltModel, 'builtAt' | 'rebuiltAt' | 'events' | 'durationMs' | 'source'> & { version: string };

/** Keeps one model per site, updated as events arrive and rebuilt in the background. */
export interface ModelService {
  /** The current model; the first call for a site builds it, later calls never wait for a rebuild. */
  get(site: string): Promise<BuiltModel>;
  /** Rebuild now from storage (single-flight: concurrent calls share one build). */
  rebuild(site: string): Promise<BuiltModel>;
  /**
   * Count events just stored for the first time (never duplicates) into the site's model. Cheap
   * and synchronous: the counting runs after the current request, and the model is republished
   * at most every `refreshMs`.
   */
  observe(site: string, fresh: readonly AffinityEvent[]): void;
  /** Freshness of a site's model, for admin stats. */
  freshness(site: string): ModelFreshness | undefined;
  close(): void;
}

/** Options of {@link createModelService}. */
export type ModelServiceOptions = {
  /** Full rebuild from storage (the reconciliation path), per site asked for. */
  intervalMs: number;
  /** Longest wait before observed events show in the served model. Default 2000 ms. */
  refreshMs?: number;
  /** Cluster centroids to ship with the model. */
  clusters?: (site: string) => Promise<ClusterModel | undefined>;
  /**
   * Run full rebuilds in a worker thread when the storage has a `readerFile` (SQLite on a file).
   * Default true; false keeps them on this thread, in slices.
   */
  offThread?: boolean;
} & Partial<ModelOptions>;

/** A running full rebuild: takes the events observed meanwhile. */
interface Scan {
  observe(events: readonly ModelEvent[]): void;
}

/** A site's live counts, fed by `observe` between full rebuilds. */
interface LiveSite {
  builder: ModelBuilder;
  categories: ReadonlyMap<string, string>;
  /** Embeddings and prototypes are trained by full rebuilds only and reused by updates. */
  learned: Pick<ModelPayload, 'embeddings' | 'shoppers'>;
  rebuiltAt: number;
  /** Observed events not counted yet: `queue` from index `head` on. */
  queue: ModelEvent[];
  head: number;
  drainScheduled: boolean;
  /** A `finish` is reading the builder: counting waits until it is done. */
  finishing: boolean;
  dirty: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

const COUNTED: ReadonlySet<string> = new Set(MODEL_EVENT_TYPES);
/**
 * Queued events counted per event-loop turn (about 1 µs each). After a full rebuild the queue
 * holds every event stored while it ran (hundreds of thousands under load); counting them in one
 * go would stall requests for that long.
 */
const COUNT_SLICE = 4000;

/**
 * Serve models from memory. Events a process stores are counted into its model as they arrive
 * (co-occurrence, decayed popularity and trending: see `createModelBuilder`) and the model is
 * republished within `refreshMs`; every `intervalMs` a full rebuild from storage replaces the
 * counts, which brings in events other processes stored and is what makes every process on a
 * shared PostgreSQL serve the same model. All of it runs in slices that yield to the event
 * loop, so ingestion never waits for a model; on a SQLite file the full rebuild runs in a worker
 * thread instead (`startModelWorker`), and this thread only takes over its counts.
 *
 * Events stored while a rebuild scans are remembered by id and counted after it unless the
 * scan read them. (On PostgreSQL an event committed before the scan's snapshot but acknowledged
 * after the scan read it can be counted twice until the next rebuild.)
 *
 * @example
 * const models = createModelService(storage, { intervalMs: 600_000, refreshMs: 2000 });
 * models.observe('demo', (await storage.insertEvents('demo', events)).fresh);
 * const { json, etag } = await models.get('demo');
 */
export function createModelService(storage: Storage, options: ModelServiceOptions): ModelService {
  const { intervalMs, refreshMs = 2000, clusters, offThread = true, ...modelOptions } = options;
  const live = new Map<string, LiveSite>();
  /** Sites whose full rebuild is running. */
  const scans = new Map<string, Scan>();
  const worker: ModelWorker | undefined = offThread && storage.readerFile ? startModelWorker(storage.readerFile) : undefined;

  /** Serve a site's counts; `finished` is their `finish()` when it was computed elsewhere (the worker). */
  const publish = async (site: string, s: LiveSite, source: BuiltModel['source'], finished?: ModelPayload): Promise<BuiltModel> => {
    const started = performance.now();
    s.finishing = true;
    try {
      // Yield every 10 ms: requests wait at most that long for this CPU work.
      const base = finished ?? (await s.builder.finish(s.categories, Date.now(), yieldEvery(10)));
      const payload = withLearned(base, s.learned, await clusters?.(site));
      return {
        payload,
        json: JSON.stringify(payload),
        etag: `"${payload.version}"`,
        builtAt: Date.now(),
        rebuiltAt: s.rebuiltAt,
        events: s.builder.events,
        durationMs: Math.round(performance.now() - started),
        source,
      };
    } finally {
      s.finishing = false;
    }
  };

  /** Make `s` the site's live counts, then count the events stored during its scan that it did not read. */
  const adopt = (site: string, s: LiveSite, observed: ModelEvent[]): void => {
    const previous = live.get(site);
    if (previous?.timer) clearTimeout(previous.timer);
    live.set(site, s);
    scans.delete(site);
    if (observed.length) enqueue(site, s, observed);
  };

  /** A rebuild failed: the events stored meanwhile still count, in the counts being served. */
  const keepObserved = (site: string, observed: ModelEvent[]): void => {
    const s = live.get(site);
    scans.delete(site);
    if (s && observed.length) enqueue(site, s, observed);
  };

  const newLiveSite = (builder: ModelBuilder, categories: ReadonlyMap<string, string>, learned: LiveSite['learned']): LiveSite => ({
    builder,
    categories,
    learned,
    rebuiltAt: Date.now(),
    queue: [],
    head: 0,
    drainScheduled: false,
    finishing: false,
    dirty: false,
    timer: undefined,
  });

  const buildHere = async (site: string): Promise<BuiltModel> => {
    const started = performance.now();
    const observed = new Map<string, ModelEvent>();
    scans.set(site, { observe: (events) => events.forEach((e) => observed.set(e.id, e)) });
    try {
      const builder = createModelBuilder(modelOptions);
      const learned = createLearnedBuilder();
      await storage.scanModelEvents(site, (chunk) => {
        builder.add(chunk);
        learned.add(chunk);
        if (observed.size) for (const e of chunk) observed.delete(e.id);
      });
      const s = newLiveSite(builder, await storage.productCategories(site), await learned.finish(yieldEvery(10)));
      const built = await publish(site, s, 'rebuild');
      built.durationMs = Math.round(performance.now() - started);
      // Stored while the scan ran, but after it had passed them.
      adopt(site, s, [...observed.values()]);
      return built;
    } catch (error) {
      keepObserved(site, [...observed.values()]);
      throw error;
    } finally {
      scans.delete(site);
    }
  };

  // The worker scans and counts; this thread only takes over the counts (a structured clone) and
  // serialises the model, so requests never wait behind the scan.
  const buildInWorker = async (site: string, w: ModelWorker): Promise<BuiltModel> => {
    const started = performance.now();
    // A list, not a map by id: under load hundreds of thousands of events arrive during a build
    // (with a map, `observe` took 6.7% of the server thread in a profile of the ingest bench's
    // rebuild round); only the worker's answer (`read`, short) needs looking up.
    const observed: ModelEvent[] = [];
    const build = w.build(site, modelOptions);
    scans.set(site, {
      observe(events) {
        for (const e of events) observed.push(e);
        build.observed(events.map((e) => e.id));
      },
    });
    try {
      const done = await build.result;
      const s = newLiveSite(createModelBuilder(modelOptions, done.state), new Map(done.categories), done.learned);
      const built = await publish(site, s, 'rebuild', done.base);
      built.durationMs = Math.round(performance.now() - started);
      // The rest were stored after the scan's bound: count them into the new counts.
      const read = new Set(done.read);
      adopt(site, s, read.size ? observed.filter((e) => !read.has(e.id)) : observed);
      return built;
    } catch (error) {
      keepObserved(site, observed);
      throw error;
    } finally {
      scans.delete(site);
    }
  };

  const fullBuild = (site: string): Promise<BuiltModel> => (worker ? buildInWorker(site, worker) : buildHere(site));

  const rebuilds = createSiteRebuilds(fullBuild, { intervalMs, label: 'model' });

  let closed = false;
  /** Count up to {@link COUNT_SLICE} queued events; true once the queue is empty. */
  const countQueued = (s: LiveSite): boolean => {
    const { queue, head } = s;
    if (head === queue.length) return true;
    const end = Math.min(queue.length, head + COUNT_SLICE);
    s.builder.add(head === 0 && end === queue.length ? queue : queue.slice(head, end));
    s.dirty = true;
    if (end < queue.length) {
      s.head = end;
      return false;
    }
    s.queue = [];
    s.head = 0;
    return true;
  };

  const scheduleDrain = (site: string, s: LiveSite): void => {
    if (s.drainScheduled) return;
    s.drainScheduled = true;
    setImmediate(() => drain(site, s));
  };

  const drain = (site: string, s: LiveSite): void => {
    s.drainScheduled = false;
    if (closed || s.finishing || live.get(site) !== s) return;
    if (!countQueued(s)) return scheduleDrain(site, s);
    if (s.dirty && !s.timer) {
      s.timer = setTimeout(() => void refresh(site, s), refreshMs);
      s.timer.unref();
    }
  };

  const refresh = async (site: string, s: LiveSite): Promise<void> => {
    s.timer = undefined;
    if (closed || s.finishing || live.get(site) !== s) return;
    // Still catching up: the drain publishes (sets the timer again) once the queue is counted.
    if (!countQueued(s)) return scheduleDrain(site, s);
    if (!s.dirty) return;
    s.dirty = false;
    try {
      const built = await publish(site, s, 'incremental');
      // A full rebuild that finished meanwhile wins.
      if (live.get(site) === s) rebuilds.set(site, built);
    } catch (error) {
      console.error(`affinity-server: model update for "${site}" failed:`, error);
    }
    drain(site, s);
  };

  const enqueue = (site: string, s: LiveSite, events: ModelEvent[]): void => {
    for (const e of events) s.queue.push(e);
    scheduleDrain(site, s);
  };

  return {
    get: rebuilds.get,
    rebuild: rebuilds.rebuild,
    observe(site, fresh) {
      const scan = scans.get(site);
      const s = live.get(site);
      if (!scan && !s) return; // no model served yet: its first build reads them from storage
      const counted: ModelEvent[] = [];
      for (const e of fresh) if (COUNTED.has(e.type)) counted.push(e);
      if (counted.length === 0) return;
      if (!scan) return enqueue(site, s!, counted);
      scan.observe(counted);
    },
    freshness(site) {
      const m = rebuilds.current(site);
      return m && { builtAt: m.builtAt, rebuiltAt: m.rebuiltAt, events: m.events, durationMs: m.durationMs, source: m.source, version: m.payload.version };
    },
    close() {
      closed = true;
      rebuilds.close();
      void worker?.close();
      for (const s of live.values()) if (s.timer) clearTimeout(s.timer);
    },
  };
}

import { atom, computed, type ReadableAtom } from 'nanostores';
import type { Catalog } from '../catalog/catalog';
import type { ClusterModel } from '../clusters/types';
import { evaluateSegments } from '../segments/evaluate';
import { defineSegments } from '../segments/validate';
import type { SegmentDefinitions } from '../segments/types';
import type { AffinityEvent, KeyValueStore } from '../types';
import { applyEvent } from './apply-event';
import { deriveProfile } from './derive-profile';
import { emptyProfile } from './empty-profile';
import { resolveProfileOptions, type ProfileOptions } from './options';
import { PROFILE_VERSION, type Profile } from './types';
import { yieldToPage } from '../scheduling/yield-to-page';

/** What the profile needs from capture/storage (`createAffinity()` provides all three). */
export interface EventSource {
  /** Every new event, in order; returns an unsubscribe function. */
  subscribe(listener: (e: AffinityEvent) => void): () => void;
  /** The local event log, oldest first; with `since` (epoch ms), only events at or after it (a source may return more). */
  events(since?: number): Promise<AffinityEvent[]>;
  /** Small persisted state (the profile snapshot lives here). */
  state: KeyValueStore;
}

/** Options of `createProfile`: the profile options plus segments and persistence. */
export interface ProfileStoreOptions extends ProfileOptions {
  /** Merchant segments (validated; a bad rule throws `SegmentRuleError` at creation). */
  segments?: SegmentDefinitions;
  /** Quiet time before the snapshot is written. Default 1000 ms. */
  persistDelayMs?: number;
  /** Key of the snapshot in `source.state`. Default `profile`. */
  storageKey?: string;
  /** The site's cluster centroids (`ModelPayload.clusters`), for segment rules on `cluster.*`. */
  clusters?: ReadableAtom<ClusterModel | null | undefined>;
}

/** The live profile returned by `createProfile`: stores plus actions. */
export interface ProfileStore {
  /** The live profile (a new object on every change). */
  readonly $profile: ReadableAtom<Profile>;
  /** Names of the merchant segments the shopper is in. */
  readonly $segments: ReadableAtom<string[]>;
  /** Resolves once the snapshot is loaded (or rebuilt) and caught up with the log. */
  readonly ready: Promise<void>;
  /** Apply an event by hand (for sources without `subscribe`). */
  apply(event: AffinityEvent): void;
  /** Re-derive time-dependent fields (lifecycle, decay, intent) at the current time. */
  refresh(): void;
  /** Forget the profile (the event log is not touched; events before now are not replayed). */
  reset(): Promise<void>;
  /** Write the snapshot now. */
  flush(): Promise<void>;
  /** Stop listening and flush. */
  destroy(): Promise<void>;
}

/**
 * The shopper's live profile: loads the persisted snapshot (rebuilding from the log when it is
 * missing or from an older version), applies each new event incrementally, and saves the
 * snapshot shortly after changes and when the page is hidden. Never throws into the page:
 * storage failures leave an in-memory profile that still works.
 *
 * @example
 * const profile = createProfile(affinity, { halfLifeDays: 30, segments: { runners: { field: 'affinity.category.Shoes > Running', op: 'gte', value: 0.5 } } });
 * profile.$profile.subscribe((p) => console.log(p.tags.priceSensitivity));
 * profile.$segments.get(); // ['runners']
 */
export function createProfile(source?: EventSource, options: ProfileStoreOptions = {}): ProfileStore {
  const o = resolveProfileOptions(options);
  const segments = defineSegments(options.segments ?? {});
  const key = options.storageKey ?? 'profile';
  const delay = options.persistDelayMs ?? 1000;

  let p = deriveProfile(emptyProfile(o.halfLifeDays), o.now(), o);
  const $profile = atom<Profile>(p);
  const $segments = options.clusters
    ? computed([$profile, options.clusters], (profile, clusters) => evaluateSegments(segments, profile, o.now(), clusters))
    : computed($profile, (profile) => evaluateSegments(segments, profile, o.now()));
  let loaded = !source;
  const pending: AffinityEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let destroyed = false;

  const publish = () => {
    deriveProfile(p, o.now(), o);
    $profile.set({ ...p });
  };
  const persist = async () => {
    clearTimeout(timer);
    timer = undefined;
    if (!source) return;
    try {
      await source.state.set(key, p);
    } catch (err) {
      warn('could not save the profile', err);
    }
  };
  const schedule = () => {
    if (!source || destroyed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void persist(), delay);
  };
  // A full catalog (not just a lookup) learns the products live events carry.
  const catalog = options.catalog && 'mergeItems' in options.catalog ? (options.catalog as Catalog) : undefined;
  const ingest = (e: AffinityEvent) => {
    if (!loaded) return void pending.push(e);
    try {
      catalog?.mergeItems(e?.data?.items);
      if (applyEvent(p, e, o)) (publish(), schedule());
    } catch (err) {
      warn('could not apply an event to the profile', err);
    }
  };
  const unsubscribe = source?.subscribe(ingest);

  const ready = (async () => {
    if (!source) return;
    let changed = false;
    try {
      const snapshot = await source.state.get<Profile>(key);
      const usable = isUsable(snapshot, o.halfLifeDays);
      const base = usable ? snapshot : emptyProfile(o.halfLifeDays);
      // Only the tail the snapshot has not seen is read: decoding the whole log on every page
      // was a long task once the log held a few hundred events.
      const events = await source.events(usable ? base.lastTs : undefined);
      // Reading the log (decoding every stored event) was this task's work already.
      await yieldToPage();
      const log = events.slice().sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      let applied = 0;
      for (const e of log) {
        // Only the tail the snapshot has not seen: a new page load does not replay history.
        if (usable && (e.ts < base.lastTs || (e.ts === base.lastTs && base.recentIds.includes(e.id)))) continue;
        if (applyEvent(base, e, o)) changed = true;
        // A long rebuild yields now and then so it never becomes a long task on the page.
        if (++applied % REBUILD_SLICE === 0) await yieldToPage();
      }
      p = base;
      changed ||= !usable;
    } catch (err) {
      warn('could not load the profile; starting from an empty one', err);
    }
    // Publishing re-ranks and re-renders every widget listening: a task of its own.
    await yieldToPage();
    loaded = true;
    for (const e of pending.splice(0)) if (applyEvent(p, e, o)) changed = true;
    publish();
    if (changed) schedule();
  })();

  const onHide = () => {
    if (timer !== undefined) void persist();
  };
  const win = typeof window !== 'undefined' ? window : undefined;
  win?.addEventListener('pagehide', onHide);

  return {
    $profile,
    $segments,
    ready,
    apply: ingest,
    refresh: publish,
    async reset() {
      await ready;
      const fresh = emptyProfile(o.halfLifeDays);
      // Mark the log as seen up to now so the next load does not rebuild what was reset.
      fresh.lastTs = Math.max(o.now(), p.lastTs);
      fresh.recentIds = p.recentIds.slice();
      p = fresh;
      publish();
      await persist();
    },
    flush: persist,
    async destroy() {
      destroyed = true;
      unsubscribe?.();
      win?.removeEventListener('pagehide', onHide);
      await ready;
      if (timer !== undefined) await persist();
    },
  };
}

/** Events applied between yields to the page during a rebuild (a few milliseconds of work). */
const REBUILD_SLICE = 200;

function isUsable(s: Profile | undefined, halfLifeDays: number): s is Profile {
  return (
    !!s &&
    typeof s === 'object' &&
    s.version === PROFILE_VERSION &&
    s.halfLifeDays === halfLifeDays &&
    !!s.affinities &&
    typeof s.lastTs === 'number' &&
    Array.isArray(s.recentIds)
  );
}

function warn(what: string, err: unknown): void {
  if (typeof console !== 'undefined') console.warn(`[affinity] ${what}:`, err);
}

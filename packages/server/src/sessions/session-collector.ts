import type { IndexedSession } from '@affinity/core';
import type { Pause } from '../model/build-model';
import type { ModelEvent } from '../storage/storage';

/** Event types that make up a browsing sequence; purchases list a whole order, not a next click. */
const SEQUENCE_TYPES = new Set(['view_item', 'select_item', 'add_to_cart']);

/** Options of {@link createSessionCollector}. */
export interface SessionCollectorOptions {
  /** Only the last this many steps of a session are kept (crawlers, tabs left open). Default 50. */
  maxSessionLength?: number;
  /**
   * Session ends are rounded down to this many ms: the payload is public, and `next` needs only
   * the order of sessions, which rounding keeps. Default 3,600,000 (one hour).
   */
  endResolutionMs?: number;
}

/** Feeds stored events (any order, in chunks) and returns sessions for `buildSessionIndex`. */
export interface SessionCollector {
  add(events: readonly ModelEvent[]): void;
  /**
   * The most recent `maxSessions` sessions (default all), ordered by their exact end then session
   * id, so the same events give the same index in any process (the ETag stays stable on a shared
   * database). `pause` is awaited between sessions, so a big store never holds the thread long.
   */
  finish(maxSessions?: number, pause?: Pause): Promise<IndexedSession[]>;
}

/**
 * Collect the item sequence of every session from views, list selections and add-to-carts,
 * ordered by time. Consecutive steps on the same item (a list click, then its product page,
 * then its add-to-cart) are one step: the index records where shoppers went next, not how many
 * events one visit to a product produced.
 *
 * @example
 * const collector = createSessionCollector();
 * await storage.scanModelEvents('demo', (chunk) => collector.add(chunk));
 * const index = buildSessionIndex(await collector.finish(5000), { maxSessions: 5000 });
 */
export function createSessionCollector(options: SessionCollectorOptions = {}): SessionCollector {
  const maxLength = Math.max(2, options.maxSessionLength ?? 50);
  const resolution = Math.max(1, options.endResolutionMs ?? 3_600_000);
  const steps = new Map<string, { ts: number; id: string; item: string }[]>();
  return {
    add(events) {
      for (const e of events) {
        if (!SEQUENCE_TYPES.has(e.type) || !Number.isFinite(e.ts) || typeof e.session !== 'string') continue;
        const items = e.data?.items;
        if (!Array.isArray(items)) continue;
        for (const it of items) {
          if (!it || typeof it.item_id !== 'string' || it.item_id === '') continue;
          let list = steps.get(e.session);
          if (!list) steps.set(e.session, (list = []));
          list.push({ ts: e.ts, id: e.id, item: it.item_id });
        }
      }
    },
    async finish(maxSessions = Infinity, pause = () => {}) {
      const sessions: (IndexedSession & { exactEnd: number; key: string })[] = [];
      for (const [key, list] of steps) {
        await pause();
        list.sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        const items: string[] = [];
        for (const step of list) if (items[items.length - 1] !== step.item) items.push(step.item);
        if (items.length < 2) continue;
        const exactEnd = list[list.length - 1]!.ts;
        sessions.push({ items: items.slice(-maxLength), end: Math.floor(exactEnd / resolution) * resolution, exactEnd, key });
      }
      // Sorting plain numbers finds the cut-off cheaply; only the sessions past it are sorted as objects.
      const ends = Float64Array.from(sessions, (x) => x.exactEnd).sort();
      const cutoff = sessions.length > maxSessions ? ends[sessions.length - Math.max(1, maxSessions)]! : -Infinity;
      const recent = sessions.filter((x) => x.exactEnd >= cutoff);
      recent.sort((a, b) => a.exactEnd - b.exactEnd || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      return recent.slice(-Math.max(1, maxSessions)).map(({ items, end }) => ({ items, end }));
    },
  };
}

import type { ReadableAtom } from 'nanostores';
import type { Affinity } from '../affinity';
import { createCatalog, type ProductLookup } from '../catalog/catalog';
import type { ProfileStore } from '../profile/create-profile';
import { rank } from '../rank/rank';
import type { Experiments } from '../experiments/create-experiments';
import type { ModelPayload, Product } from '../types';
import { listEntry, parseSnapshot, snapshotKey, withList, type Snapshot } from './format';
import { inSlices, whenIdle as idle, yieldToPage } from '../scheduling/yield-to-page';

/** What the writer needs (a `Runtime` has all of it). */
export interface SnapshotSource {
  affinity: Pick<Affinity, 'site' | 'visitorId' | '$consent' | '$storage' | 'state' | 'events'>;
  profile: Pick<ProfileStore, '$profile' | 'ready'>;
  catalog: ProductLookup;
  $model: ReadableAtom<ModelPayload | null | undefined>;
  /** The page's experiments: a shopper whose listings arm is the merchant's order is never re-ranked. */
  $experiments?: ReadableAtom<Experiments | undefined>;
}

/** Keeps the first-paint snapshot of one page's runtime up to date. */
export interface SnapshotWriter {
  /**
   * Records the order a list shows now (`custom`: ranked with merchant rules or a region, which
   * only the element knows, so the writer will not re-rank it on its own).
   */
  remember(listId: string, base: readonly string[], order: readonly string[], custom?: boolean, products?: readonly Product[]): void;
  /** Erases the snapshot (consent denied, profile reset, forget). */
  clear(): void;
}

/** Erases the first-paint snapshot of a site. @example clearSnapshot('shop') */
export function clearSnapshot(site: string): void {
  try {
    localStorage.removeItem(snapshotKey(site));
  } catch {
    // nothing stored
  }
}

/**
 * The snapshot writer of a page. It writes only while the profile itself is persisted (consent
 * granted, IndexedDB storage): the snapshot never outlives or exceeds the profile. It erases
 * the snapshot when consent is denied or the profile is reset (empty), and, whenever the
 * profile changes, re-ranks the stored lists that are not on this page in idle
 * time, one list per slice, so the next page's first paint uses the current profile. The lists'
 * products come from this page's catalog, else from those kept beside the profile
 * (`affinity.state`, IndexedDB: never read before first paint), else from the items of the
 * shopper's own events, so a page that does not show a list can still re-rank it.
 *
 * @example
 * const writer = connectSnapshot(runtime);
 * writer.remember('category:shoes', ['a', 'b', 'c'], ['c', 'a', 'b']);
 */
export function connectSnapshot(src: SnapshotSource, now: () => number = Date.now): SnapshotWriter {
  const { affinity } = src;
  const key = snapshotKey(affinity.site);
  const persisted = () => affinity.$consent.get() === 'granted' && affinity.$storage.get().mode === 'indexeddb';
  // Lists shown on this page: their element writes their order; the refresh leaves them alone.
  const live = new Set<string>();
  const liveKey = (k: string, base: readonly string[]) => `${k}\n${base.join('\n')}`;

  // The stored text and what it parsed to: every ranking reads the snapshot, and parsing it each
  // time (lists of many ids) would add up within one task. Snapshots are never mutated.
  let last: { raw: string | null; s: Snapshot | undefined } | undefined;
  const load = (): Snapshot | undefined => {
    try {
      const raw = localStorage.getItem(key);
      if (!last || last.raw !== raw) last = { raw, s: parseSnapshot(raw) };
      return last.s;
    } catch {
      return undefined;
    }
  };
  const save = (s: Snapshot) => {
    try {
      const raw = JSON.stringify(s);
      localStorage.setItem(key, raw);
      last = { raw, s };
    } catch {
      // Full or blocked storage: the next page simply paints the merchant's order first.
    }
  };
  // Which profile an order was computed from: how many shopping events it has seen (views,
  // clicks, carts, orders…). Page-speed and engagement reports do not make orders stale.
  const stamp = () => shoppingEvents(src.profile.$profile.get());
  const clear = () => {
    clearSnapshot(affinity.site);
    products.clear();
    void affinity.state.del(PRODUCTS_KEY).catch(() => undefined);
  };

  // Products of the stored lists, as last ranked (merged with what this page's catalog knows).
  const products = new Map<string, Product>();
  const loaded = affinity.state
    .get<Record<string, Product>>(PRODUCTS_KEY)
    .then((saved) => {
      for (const [id, p] of Object.entries(saved ?? {})) if (p && typeof p === 'object' && !products.has(id)) products.set(id, p);
    })
    .catch(() => undefined);
  let productsDirty = false;
  const saveProducts = () => {
    if (productsDirty) return;
    productsDirty = true;
    idle(async () => {
      await loaded;
      productsDirty = false;
      const keep = new Set((load()?.l ?? []).flatMap((e) => e.b));
      for (const id of products.keys()) if (!keep.has(id)) products.delete(id);
      if (persisted()) await affinity.state.set(PRODUCTS_KEY, Object.fromEntries(products)).catch(() => undefined);
    });
  };
  const productOf = (id: string) => src.catalog.get(id) ?? products.get(id);

  if (affinity.$consent.get() === 'denied') clear();
  affinity.$consent.listen((c) => c === 'denied' && clear());

  // Read without listening to an arm: the writer shows nothing, so it logs no exposure.
  const listingsPersonal = (): Promise<boolean> => {
    const $ex = src.$experiments;
    if (!$ex) return Promise.resolve(true);
    return new Promise((resolve) => {
      const decide = (ex: Experiments | undefined) => ex && (stop(), resolve(ex.forSurface('listings')?.listings !== 'base'));
      const stop = $ex.listen(decide);
      decide($ex.get());
    });
  };

  let scheduled = false;
  const refresh = async () => {
    scheduled = false;
    await loaded;
    const s = load();
    if (!s || !persisted() || s.vid !== affinity.visitorId) return;
    // A holdout (control) shopper keeps the merchant's order on every page, this one's included.
    if (!(await listingsPersonal())) return;
    let next = s;
    // Products no page told this one about: what the shopper's own events said of them (the
    // items of the lists they were shown), read once per refresh and only when needed.
    let fromLog: ProductLookup | undefined;
    const known = async (ids: string[]) => {
      if (ids.every(productOf)) return productOf;
      if (!fromLog) {
        const log = createCatalog();
        const events = await affinity.events().catch(() => []);
        // Decoding the log was that task's work. Merging it goes in short slices: events carry
        // from one item to dozens (a listing's impressions), so a count of events bounds nothing.
        await yieldToPage();
        await inSlices(events, (e) => log.mergeItems(e.data?.items));
        fromLog = log;
      }
      const lookup = fromLog;
      return (id: string) => productOf(id) ?? lookup.get(id);
    };
    // Oldest first, so the most recent list ends up first again.
    for (const e of s.l.slice().reverse()) {
      if (e.x || live.has(liveKey(e.k, e.b))) continue;
      const list = e.b.map(await known(e.b));
      // A list with products known nowhere keeps its last order rather than a guess.
      if (!list.every((p): p is Product => !!p)) continue;
      const order = rank(list, { profile: src.profile.$profile.get(), model: src.$model.get(), now: now() }).map((r) => r.id);
      const entry = listEntry(e.k, e.b, order, false, stamp());
      if (entry) next = withList(next, s.vid, entry, now());
      await yieldToPage();
    }
    if (persisted()) save(next);
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    idle(() => void refresh().catch(() => undefined));
  };

  // Profile changes only: listening to the model would make every page with a widget fetch it.
  // A refresh uses the model when this page has loaded it; ranked lists write their own.
  // Once per page too: events of this page applied before this writer listened count as well.
  // The stored profile stamp moves at once (a cheap write), so the next page knows which orders
  // predate the shopper's latest events even if it is left before the refresh ran.
  const changed = () => {
    const p = src.profile.$profile.get();
    if (!p || !p.counts.events) return clear();
    const s = load();
    if (s && persisted() && s.vid === affinity.visitorId && s.ps !== stamp()) save({ ...s, ps: stamp() });
    schedule();
  };
  void src.profile.ready.then(() => {
    src.profile.$profile.listen(changed);
    if (src.profile.$profile.get()?.counts.events) changed();
  });

  return {
    clear,
    remember(listId, base, order, custom = false, shown) {
      live.add(liveKey(listId, base));
      if (!persisted()) return;
      // Only products with more than an id are worth keeping for a later re-rank.
      let changed = false;
      for (const p of shown ?? []) if (p && products.get(p.id) !== p && Object.keys(p).length > 1) (products.set(p.id, p), (changed = true));
      if (changed) saveProducts();
      const entry = listEntry(listId, base, order, custom, stamp());
      if (!entry) return;
      const s = load();
      const vid = affinity.visitorId;
      // The same order already stored: no write (this runs on every ranking).
      const current = s?.vid === vid ? s.l[0] : undefined;
      if (current && current.k === entry.k && current.x === entry.x && current.p === entry.p && same(current.b, entry.b) && same(current.o, entry.o)) return;
      save(withList(s, vid, entry, now()));
    },
  };
}

/** Events merged between yields when products are read from the log. */

/** Key of the stored lists' products in `affinity.state`. */
const PRODUCTS_KEY = 'snapshot-products';

/** Shopping events a profile has seen: what moves a ranking. */
function shoppingEvents(p: { counts: { views: number; selects: number; carts: number; removes: number; wishlists: number; checkouts: number; purchases: number } } | null | undefined): number {
  const c = p?.counts;
  return c ? c.views + c.selects + c.carts + c.removes + c.wishlists + c.checkouts + c.purchases : 0;
}

const cache = new WeakMap<object, SnapshotWriter>();

/**
 * The one writer of a runtime (created on first use, by the first `<af-ranked-list>`).
 *
 * @example snapshotFor(runtime).remember(listId, base, ids);
 */
export function snapshotFor(rt: SnapshotSource): SnapshotWriter {
  let w = cache.get(rt);
  if (!w) cache.set(rt, (w = connectSnapshot(rt)));
  return w;
}

function same<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

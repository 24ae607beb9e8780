/**
 * The first-paint snapshot: for each list the shopper was recently shown, the merchant's order
 * (`b`, product ids) and the personal order (`o`, indices into `b`) that `<af-ranked-list>`
 * applied. It is read synchronously by the early script (`affinity-early.js`) before first
 * paint, so it lives in localStorage, stays small (a few KB) and is versioned. It holds nothing
 * the profile does not already imply: product ids in an order, and the visitor id it belongs to.
 *
 * This module is imported by the early script too: keep it tiny and dependency-free.
 */

/** Bumped on any incompatible change; readers ignore other versions. */
export const SNAPSHOT_VERSION = 1;
/** Lists kept (most recently shown first). */
export const MAX_LISTS = 12;
/** Longest list kept; longer lists are not snapshotted (their order is computed late). */
export const MAX_IDS = 200;

/** One list's orders. Short keys: the whole snapshot is parsed before first paint. */
export interface SnapshotList {
  /** `list-id` of the `<af-ranked-list>`. */
  k: string;
  /** Product ids in the merchant's order (the base the personal order was computed from). */
  b: string[];
  /** The personal order, as indices into `b`. */
  o: number[];
  /** 1 when the list was ranked with merchant rules or a region (the writer cannot re-rank it alone). */
  x?: 1;
  /** The profile (its count of shopping events) the order was computed from. */
  p?: number;
}

/** What is stored under {@link snapshotKey}. */
export interface Snapshot {
  v: typeof SNAPSHOT_VERSION;
  /** Visitor id the orders belong to: a snapshot of an earlier (forgotten) visitor is never used. */
  vid: string;
  /** When it was last written (ms since epoch). */
  at: number;
  /** The profile (its count of shopping events) as last seen: an entry from an older one is stale. */
  ps?: number;
  l: SnapshotList[];
}

/** @example snapshotKey('shop') // 'af:shop:snapshot' */
export const snapshotKey = (site: string): string => `af:${site}:snapshot`;

/**
 * The stored text as a snapshot, or `undefined` when it is not one (other version, corrupt,
 * wrong shape). Entries are checked when they are used ({@link orderFor}), to keep this cheap.
 *
 * @example parseSnapshot(localStorage.getItem(snapshotKey('shop')))?.l.length
 */
export function parseSnapshot(text: string | null): Snapshot | undefined {
  if (!text) return undefined;
  try {
    const s = JSON.parse(text) as Snapshot;
    return s && s.v === SNAPSHOT_VERSION && typeof s.vid === 'string' && typeof s.at === 'number' && Array.isArray(s.l) ? s : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The personal order stored for a list showing exactly `ids` (same products, same merchant
 * order), or `undefined`: a list whose products or merchant order changed since is not
 * re-ordered from a guess. Malformed entries are ignored. `fresh`: computed from the profile as
 * it is now (else the profile moved on since, and the order is only the best one at hand).
 *
 * @example orderFor(snapshot, 'category:shoes', ['a', 'b', 'c']) // { ids: ['c', 'a', 'b'], fresh: true }
 */
export function orderFor(s: Snapshot, listId: string, ids: readonly string[]): { ids: string[]; fresh: boolean } | undefined {
  for (const e of s.l) {
    if (!e || e.k !== listId || !Array.isArray(e.b) || !Array.isArray(e.o) || e.b.length !== ids.length || e.o.length !== ids.length) continue;
    if (!e.b.every((id, i) => id === ids[i])) continue;
    // A permutation of the base, or nothing: a bad entry must not drop or duplicate cards.
    const seen: boolean[] = [];
    for (const i of e.o) {
      if (typeof i !== 'number' || !(i >= 0 && i < ids.length) || seen[i]) return undefined;
      seen[i] = true;
    }
    return { ids: e.o.map((i) => ids[i]!), fresh: e.p === s.ps };
  }
  return undefined;
}

/**
 * Builds the entry for a list (`undefined` when `order` is not a re-ordering of `base` or the
 * list is too long to keep).
 *
 * @example listEntry('category:shoes', ['a', 'b'], ['b', 'a']) // { k: 'category:shoes', b: ['a', 'b'], o: [1, 0] }
 */
export function listEntry(listId: string, base: readonly string[], order: readonly string[], custom = false, profileAt?: number): SnapshotList | undefined {
  if (!base.length || base.length > MAX_IDS) return undefined;
  const at = new Map<string, number>();
  base.forEach((id, i) => at.set(id, i));
  if (at.size !== base.length) return undefined;
  const o: number[] = [];
  const used = new Set<number>();
  for (const id of order) {
    const i = at.get(id);
    if (i === undefined || used.has(i)) continue;
    used.add(i);
    o.push(i);
  }
  // Cards the ranking did not return keep their relative place at the end, as the element does.
  for (let i = 0; i < base.length; i++) if (!used.has(i)) o.push(i);
  const entry: SnapshotList = { k: listId, b: base.slice(), o };
  if (custom) entry.x = 1;
  if (profileAt !== undefined) entry.p = profileAt;
  return entry;
}

/**
 * The snapshot with `entry` first (replacing the entry of the same list and base), keeping at
 * most {@link MAX_LISTS} lists.
 *
 * @example withList(undefined, 'visitor-1', entry, Date.now()).l[0] === entry
 */
export function withList(s: Snapshot | undefined, vid: string, entry: SnapshotList, at: number): Snapshot {
  const same = (e: SnapshotList) => e.k === entry.k && e.b.length === entry.b.length && e.b.every((id, i) => id === entry.b[i]);
  const mine = s && s.vid === vid;
  const kept = mine ? s.l.filter((e) => e && !same(e)) : [];
  const out: Snapshot = { v: SNAPSHOT_VERSION, vid, at, l: [entry, ...kept].slice(0, MAX_LISTS) };
  const ps = entry.p ?? (mine ? s.ps : undefined);
  if (ps !== undefined) out.ps = ps;
  return out;
}

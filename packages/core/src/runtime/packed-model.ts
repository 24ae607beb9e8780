/**
 * The model as the page keeps it between visits. A real catalog's model is megabytes of small
 * arrays (the demo's 2,000 products: 1.25 MB of JSON, ~60,000 neighbour rows); stored as they
 * are, IndexedDB rebuilds every one of them on each page load, 60–90 ms of main thread at 4× CPU
 * throttle, and writing them costs more. Packed, the per-item lists are a few typed arrays
 * (copied as memory, not object by object) and an id list; a list is turned back into tuples
 * only when a strategy asks for that item.
 */
import type { ModelPayload, Neighbour, Scored } from '../types';

/** Per-item lists in columns. Row `r` is item `ids[k[r]]`; its entries are `o[r]` to `o[r + 1]`. */
export interface PackedLists {
  k: Uint32Array;
  o: Uint32Array;
  /** Each entry's item, an index into `ids`. */
  n: Uint32Array;
  /** Each entry's numbers, `width` per entry (3 for a {@link Neighbour}, 1 for a {@link Scored}). */
  x: Float64Array;
}

type ListName = 'alsoViewed' | 'boughtTogether' | 'cartedTogether' | 'next';
const LISTS: readonly ListName[] = ['alsoViewed', 'boughtTogether', 'cartedTogether', 'next'];
const widthOf = (name: ListName) => (name === 'next' ? 1 : 3);

/** A model with its per-item lists packed (see the module comment). */
export interface PackedModel {
  v: 1;
  ids: string[];
  /** Everything but the per-item lists, as served (small: top lists, learned parts). */
  rest: Omit<ModelPayload, ListName>;
  lists: Record<ListName, PackedLists>;
}

/**
 * Packs a checked model (from `parseModel`) for storage, awaiting `between()` after each list
 * (a large model's lists take tens of ms each on a phone: `yieldToPage` keeps the tasks short).
 * @example await state.set('model', { etag, fetchedAt, packed: await packModel(model, yieldToPage) });
 */
export async function packModel(model: ModelPayload, between?: () => Promise<void>): Promise<PackedModel> {
  const index = new Map<string, number>();
  const ids: string[] = [];
  const idOf = (id: string) => {
    let i = index.get(id);
    if (i === undefined) index.set(id, (i = ids.push(id) - 1));
    return i;
  };
  const lists = {} as Record<ListName, PackedLists>;
  for (const name of LISTS) {
    const map = model[name] as Record<string, (string | number)[][]>;
    const keys = Object.keys(map);
    const width = widthOf(name);
    let total = 0;
    for (const key of keys) total += map[key]!.length;
    const p: PackedLists = { k: new Uint32Array(keys.length), o: new Uint32Array(keys.length + 1), n: new Uint32Array(total), x: new Float64Array(total * width) };
    let e = 0;
    keys.forEach((key, r) => {
      p.k[r] = idOf(key);
      for (const row of map[key]!) {
        p.n[e] = idOf(row[0] as string);
        for (let j = 0; j < width; j++) p.x[e * width + j] = row[j + 1] as number;
        e++;
      }
      p.o[r + 1] = e;
    });
    lists[name] = p;
    await between?.();
  }
  const { alsoViewed, boughtTogether, cartedTogether, next, ...rest } = model;
  return { v: 1, ids, rest, lists };
}

/**
 * The model a stored pack holds, its per-item lists decoded on first use; `undefined` when the
 * pack is not one (an older format, or damaged: every index is checked, so a bad pack can never
 * produce a row pointing outside the id list).
 * @example const model = unpackModel(stored.packed, parseModel);
 */
export function unpackModel(raw: unknown, parseRest: (rest: unknown) => ModelPayload | undefined): ModelPayload | undefined {
  const p = raw as PackedModel | undefined;
  if (!p || p.v !== 1 || !Array.isArray(p.ids) || !p.ids.every((id) => typeof id === 'string') || !p.lists) return undefined;
  const base = parseRest(p.rest);
  if (!base) return undefined;
  // One id → index map for the four lists, built at the first lookup (hashing thousands of ids
  // read back from storage is milliseconds on a phone).
  let index: Map<string, number> | undefined;
  const indexOf = (id: string) => {
    if (!index) {
      index = new Map();
      p.ids.forEach((x, i) => index!.set(x, i));
    }
    return index.get(id);
  };
  for (const name of LISTS) {
    const l = p.lists[name];
    if (!isPacked(l, widthOf(name), p.ids.length)) return undefined;
    base[name] = lazyRecord(p.ids, indexOf, l, widthOf(name)) as never;
  }
  return base;
}

function isPacked(l: PackedLists | undefined, width: number, ids: number): l is PackedLists {
  if (!l || ![l.k, l.o, l.n].every((a) => a instanceof Uint32Array) || !(l.x instanceof Float64Array)) return false;
  if (l.o.length !== l.k.length + 1 || l.o[0] !== 0 || l.o[l.k.length] !== l.n.length || l.x.length !== l.n.length * width) return false;
  for (let r = 0; r < l.k.length; r++) if (l.k[r]! >= ids || l.o[r + 1]! < l.o[r]!) return false;
  for (let e = 0; e < l.n.length; e++) if (l.n[e]! >= ids) return false;
  return true;
}

/**
 * A read-only record view of packed lists: `record[id]` decodes that item's tuples once.
 * Keys are item ids only (no prototype), so an id like `constructor` finds nothing it should not.
 */
function lazyRecord(ids: string[], indexOf: (id: string) => number | undefined, l: PackedLists, width: number): Record<string, (string | number)[][]> {
  let rowAt: Int32Array | undefined;
  /** The row of an id, or -1. */
  const rowOf = (id: string) => {
    if (!rowAt) {
      rowAt = new Int32Array(ids.length).fill(-1);
      for (let r = 0; r < l.k.length; r++) rowAt[l.k[r]!] = r;
    }
    const i = indexOf(id);
    return i === undefined ? -1 : rowAt[i]!;
  };
  const decoded: Record<string, (string | number)[][]> = Object.create(null);
  const row = (key: string | symbol) => {
    if (typeof key !== 'string') return undefined;
    if (key in decoded) return decoded[key];
    const r = rowOf(key);
    if (r < 0) return undefined;
    const out: (string | number)[][] = [];
    for (let e = l.o[r]!; e < l.o[r + 1]!; e++) {
      const t: (string | number)[] = [ids[l.n[e]!]!];
      for (let j = 0; j < width; j++) t.push(l.x[e * width + j]!);
      out.push(t);
    }
    return (decoded[key] = out);
  };
  return new Proxy(decoded, {
    get: (_, key) => row(key),
    has: (_, key) => typeof key === 'string' && rowOf(key) >= 0,
    ownKeys: () => Array.from(l.k, (i) => ids[i]!),
    getOwnPropertyDescriptor: (_, key) => (row(key) ? Reflect.getOwnPropertyDescriptor(decoded, key) : undefined),
    set: () => false,
  });
}

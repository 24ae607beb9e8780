import type { Profile } from '../profile/types';
import { shopperItems } from '../recommend/learned/query';
import { embeddingTable, queryVector, rowsOf, scoreRows } from '../recommend/learned/score';
import type { EmbeddingTable } from '../recommend/learned/types';
import type { ModelPayload } from '../types';
import { positionsOf, type ListFeatures } from './list-features';

/**
 * The shopper's direction in the model's learned embedding space, for the `embedding` part of
 * `rank`: built from the same items, with the same weights, as the `embedding` strategy's query
 * (see `shopperItems`). Cosines with a product list are cached on it per list, so re-ranking the
 * same list for the same profile version and model scores nothing again.
 */
export interface EmbeddingQuery {
  table: EmbeddingTable;
  /** Unit length. */
  vector: Float32Array;
  /** The items it was built from, `[id, weight]`, heaviest first. */
  items: readonly (readonly [string, number])[];
  /** Ids of those items: their own part is 0 (the history part already scores them). */
  own: ReadonlySet<string>;
  /** Cosine by list position, per list (empty: no product of the list has a vector). */
  byList: WeakMap<ListFeatures, Float64Array>;
}

/** Which rows of a table a list's products have: `rows[k]` is the row of list position `at[k]`. */
interface ListRows {
  table: EmbeddingTable;
  rows: Int32Array;
  at: Int32Array;
}

const NO_VALUES = new Float64Array(0);
// One table per list is enough: a page ranks its lists against one model at a time.
const rowsByList = new WeakMap<ListFeatures, ListRows>();

/**
 * The query of a shopper for a model, or `null` when the model has no (well-formed) embedding
 * table or none of the shopper's items has a vector.
 *
 * @example
 * embeddingQuery(model, profile, profile.session.viewed, profile.session.carted)?.items[0]; // ['tent', 0.57]
 */
export function embeddingQuery(
  model: ModelPayload,
  profile: Profile | null,
  viewed: readonly string[],
  carted: readonly string[] | undefined,
): EmbeddingQuery | null {
  const table = embeddingTable(model);
  if (!table) return null;
  const items = shopperItems({ viewed, cart: carted, profile: profile ?? undefined });
  const vector = queryVector(table, items);
  if (!vector) return null;
  return { table, vector, items, own: new Set(items.map((it) => it[0])), byList: new WeakMap() };
}

/**
 * Cosine of each listed product with the query, by list position, clamped to −1…1; 0 for a
 * product without a vector and for the shopper's own query items. Computed once per
 * (query, list); the list's rows in the table once per (list, table).
 *
 * @example
 * listEmbedding(listFeatures(products), query)[3]; // 0.82
 */
export function listEmbedding(list: ListFeatures, q: EmbeddingQuery): Float64Array {
  let out = q.byList.get(list);
  if (out !== undefined) return out;
  const { rows, at } = listRows(list, q.table);
  if (rows.length === 0) out = NO_VALUES;
  else {
    const cos = scoreRows(q.table, q.vector, rows);
    out = new Float64Array(list.ids.length);
    for (let k = 0; k < rows.length; k++) {
      const c = cos[k]!;
      out[at[k]!] = c > 1 ? 1 : c < -1 ? -1 : c;
    }
    // A few dozen query items: look them up in the list rather than every product in the query.
    for (const id of q.own) for (const i of positionsOf(list, id)) out[i] = 0;
  }
  q.byList.set(list, out);
  return out;
}

function listRows(list: ListFeatures, table: EmbeddingTable): ListRows {
  const hit = rowsByList.get(list);
  if (hit !== undefined && hit.table === table) return hit;
  const all = rowsOf(table, list.ids);
  const rows: number[] = [];
  const at: number[] = [];
  for (let i = 0; i < all.length; i++) if (all[i]! >= 0) rows.push(all[i]!), at.push(i);
  const fresh: ListRows = { table, rows: Int32Array.from(rows), at: Int32Array.from(at) };
  rowsByList.set(list, fresh);
  return fresh;
}

/**
 * The query item a product is most similar to (weight × cosine), for its reason; `undefined`
 * when the product has no vector or resembles none of them.
 *
 * @example
 * embeddingSource(query, 'stove'); // 'tent'
 */
export function embeddingSource(q: EmbeddingQuery, id: string): string | undefined {
  const v = queryVector(q.table, [[id, 1]]);
  if (!v) return undefined;
  const items = q.items.filter((it) => it[0] !== id && q.table.index.has(it[0]));
  const cos = scoreRows(q.table, v, rowsOf(q.table, items.map((it) => it[0])));
  let best: string | undefined;
  let bestValue = 0;
  for (let k = 0; k < items.length; k++) {
    const value = items[k]![1] * cos[k]!;
    if (value > bestValue) (bestValue = value), (best = items[k]![0]);
  }
  return best;
}

import type { ModelPayload } from '../../types';
import { decodeEmbeddings } from './codec';
import type { EmbeddingTable } from './types';

// Decoding 10,000 × 32 values takes a few milliseconds: do it once per payload object.
const decoded = new WeakMap<object, EmbeddingTable | null>();

/**
 * The decoded embedding table of a model (cached per payload), or `undefined` when the model
 * has none or it is malformed.
 *
 * @example embeddingTable(model)?.ids.length // 10000
 */
export function embeddingTable(model: ModelPayload | null | undefined): EmbeddingTable | undefined {
  const raw = model?.embeddings;
  if (!raw || typeof raw !== 'object') return undefined;
  let table = decoded.get(raw);
  if (table === undefined) decoded.set(raw, (table = decodeEmbeddings(raw) ?? null));
  return table ?? undefined;
}

/**
 * The weighted sum of the (dequantised) vectors of `items`, scaled to unit length: the direction
 * of a session or a profile in embedding space. Unknown ids are skipped; `undefined` when none is
 * known.
 *
 * @example queryVector(table, [['tent', 1], ['stove', 0.5]]) // Float32Array(32)
 */
export function queryVector(table: EmbeddingTable, items: readonly (readonly [string, number])[]): Float32Array | undefined {
  const { dim, vectors, scales } = table;
  const q = new Float32Array(dim);
  let any = false;
  for (const [id, w] of items) {
    const row = table.index.get(id);
    if (row === undefined || !(w > 0)) continue;
    const s = scales[row]! * w;
    for (let j = 0, o = row * dim; j < dim; j++) q[j]! += vectors[o + j]! * s;
    any = true;
  }
  if (!any) return undefined;
  let norm = 0;
  for (let j = 0; j < dim; j++) norm += q[j]! * q[j]!;
  if (!(norm > 0)) return undefined;
  norm = Math.sqrt(norm);
  for (let j = 0; j < dim; j++) q[j]! /= norm;
  return q;
}

/**
 * Dot products of the query with the given rows of the table, written into `out` (rows are
 * unit length before quantisation, so this is their cosine with the query). The inner loop is
 * integer × float and the per-item scale is applied once per row.
 *
 * @example scoreRows(table, q, Int32Array.from([0, 5, 9]))
 */
export function scoreRows(table: EmbeddingTable, query: Float32Array, rows: ArrayLike<number>, out = new Float32Array(rows.length)): Float32Array {
  const { dim, vectors, scales } = table;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    let s = 0;
    for (let j = 0, o = r * dim; j < dim; j++) s += vectors[o + j]! * query[j]!;
    out[i] = s * scales[r]!;
  }
  return out;
}

/**
 * Embedding similarity of each candidate to a session/profile query, for re-ranking: cosine in
 * [−1, 1] at the candidate's position, `NaN` for a candidate without an embedding (rank it on
 * its other signals).
 *
 * @example
 * const q = queryVector(table, [['tent', 1]]);
 * embeddingScores(table, q, ['stove', 'mug']); // Float32Array [0.62, NaN]
 */
export function embeddingScores(table: EmbeddingTable, query: Float32Array, candidates: readonly string[], out = new Float32Array(candidates.length)): Float32Array {
  const { dim, vectors, scales, index } = table;
  for (let i = 0; i < candidates.length; i++) {
    const r = index.get(candidates[i]!);
    if (r === undefined) {
      out[i] = NaN;
      continue;
    }
    let s = 0;
    for (let j = 0, o = r * dim; j < dim; j++) s += vectors[o + j]! * query[j]!;
    out[i] = s * scales[r]!;
  }
  return out;
}

/**
 * Rows of the table for a candidate list (−1 for ids without an embedding), resolved once so a
 * re-ranker that scores the same list after every event pays only {@link scoreRows}.
 *
 * @example const rows = rowsOf(table, ids); scoreRows(table, q, rows.filter((r) => r >= 0))
 */
export function rowsOf(table: EmbeddingTable, ids: readonly string[]): Int32Array {
  return Int32Array.from(ids, (id) => table.index.get(id) ?? -1);
}

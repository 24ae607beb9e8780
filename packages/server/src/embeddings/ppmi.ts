import { SLICE, type Steps } from './steps';

/** A sparse square matrix in compressed-row form (row i's entries are `col/val[ptr[i]..ptr[i+1])`). */
export interface Csr {
  n: number;
  ptr: Int32Array;
  col: Int32Array;
  val: Float64Array;
}

/**
 * Symmetric co-occurrence counts of items within `window` steps of each other in the same
 * sequence, each pair weighted 1/distance (word2vec's dynamic window, in expectation): nearby
 * steps in a session say more about each other than distant ones. Sequences hold item rows.
 *
 * @example runSync(cooccurrence([Int32Array.of(0, 1, 2)], 3, 2)) // row 0: {1: 1, 2: 0.5}
 */
export function* cooccurrence(sequences: readonly Int32Array[], n: number, window: number): Steps<Csr> {
  const rows: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  let done = 0;
  for (const seq of sequences) {
    if (++done % SLICE === 0) yield;
    for (let i = 0; i < seq.length; i++) {
      const a = seq[i]!;
      for (let d = 1; d <= window && i + d < seq.length; d++) {
        const b = seq[i + d]!;
        if (a === b) continue;
        const w = 1 / d;
        rows[a]!.set(b, (rows[a]!.get(b) ?? 0) + w);
        rows[b]!.set(a, (rows[b]!.get(a) ?? 0) + w);
      }
    }
  }
  return yield* toCsr(rows);
}

/**
 * Positive pointwise mutual information of a co-occurrence matrix, with the context
 * distribution smoothed by `alpha` (Levy, Goldberg & Dagan 2015: 0.75, as word2vec's negative
 * sampling does): PPMI(a, b) = max(0, log(P(a, b) / (P(a) · Pα(b)))). Factorising this matrix
 * is what skip-gram with negative sampling does implicitly (Levy & Goldberg 2014).
 *
 * @example runSync(ppmi(runSync(cooccurrence(sequences, n, 5)))).val
 */
export function* ppmi(m: Csr, alpha = 0.75): Steps<Csr> {
  const rowSum = new Float64Array(m.n);
  let total = 0;
  for (let i = 0; i < m.n; i++) {
    for (let k = m.ptr[i]!; k < m.ptr[i + 1]!; k++) rowSum[i]! += m.val[k]!;
    total += rowSum[i]!;
  }
  let smoothTotal = 0;
  const smooth = new Float64Array(m.n);
  for (let i = 0; i < m.n; i++) smoothTotal += smooth[i] = rowSum[i]! ** alpha;
  const rows: Map<number, number>[] = Array.from({ length: m.n }, () => new Map());
  for (let i = 0; i < m.n; i++) {
    if (i % SLICE === 0) yield;
    for (let k = m.ptr[i]!; k < m.ptr[i + 1]!; k++) {
      const j = m.col[k]!;
      const pmi = Math.log((m.val[k]! / total) / ((rowSum[i]! / total) * (smooth[j]! / smoothTotal)));
      if (pmi > 0) rows[i]!.set(j, pmi);
    }
  }
  // Symmetrise: smoothing makes PPMI(a, b) ≠ PPMI(b, a); the mean keeps one item space.
  const sym: Map<number, number>[] = Array.from({ length: m.n }, () => new Map());
  for (let i = 0; i < m.n; i++) {
    if (i % SLICE === 0) yield;
    for (const [j, v] of rows[i]!) {
      const back = rows[j]!.get(i) ?? 0;
      const mean = (v + back) / 2;
      sym[i]!.set(j, mean);
      sym[j]!.set(i, mean);
    }
  }
  return yield* toCsr(sym);
}

/**
 * y = M · x for a block of column vectors (each a Float64Array of length n).
 *
 * @example runSync(multiply(m, [x]))[0]
 */
export function* multiply(m: Csr, xs: readonly Float64Array[]): Steps<Float64Array[]> {
  const out = xs.map(() => new Float64Array(m.n));
  for (let i = 0; i < m.n; i++) {
    if (i % SLICE === 0) yield;
    for (let k = m.ptr[i]!; k < m.ptr[i + 1]!; k++) {
      const j = m.col[k]!;
      const v = m.val[k]!;
      for (let c = 0; c < xs.length; c++) out[c]![i]! += v * xs[c]![j]!;
    }
  }
  return out;
}

function* toCsr(rows: Map<number, number>[]): Steps<Csr> {
  let nnz = 0;
  for (const r of rows) nnz += r.size;
  const ptr = new Int32Array(rows.length + 1);
  const col = new Int32Array(nnz);
  const val = new Float64Array(nnz);
  let k = 0;
  for (let i = 0; i < rows.length; i++) {
    if (i % SLICE === 0) yield;
    const r = rows[i]!;
    const sorted = [...r.keys()].sort((a, b) => a - b);
    for (const j of sorted) (col[k] = j), (val[k++] = r.get(j)!);
    ptr[i + 1] = k;
  }
  return { n: rows.length, ptr, col, val };
}

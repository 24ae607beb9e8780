import { topEigen } from './eigen';
import { cooccurrence, ppmi } from './ppmi';
import { runAsync, runSync, type Steps } from './steps';

/** Options of {@link trainEmbeddings}; every field has a default. */
export interface EmbeddingOptions {
  /** Dimensions. Default 32. */
  dim: number;
  /** Steps either side that count as context. Default 2 (best of 2, 5 on the YooChoose validation split). */
  window: number;
  /** Items in fewer sessions than this get no vector (too little evidence). Default 2. */
  minCount: number;
  /** Most-seen items kept (bounds the payload: 32 B + 4 B + id per item). Default 10,000. */
  maxItems: number;
  /** Eigenvalue weighting exponent p of U·Σᵖ (Levy et al. 2015 found 0–0.5 best). Default 0.5. */
  eigenPower: number;
  seed: number;
}

/** Defaults of {@link EmbeddingOptions}. */
export const DEFAULT_EMBEDDING_OPTIONS: EmbeddingOptions = { dim: 32, window: 2, minCount: 2, maxItems: 10_000, eigenPower: 0.5, seed: 1 };

/** Trained item vectors, unit length, row-major. */
export interface TrainedEmbeddings {
  ids: string[];
  dim: number;
  rows: Float32Array;
}

/**
 * Item embeddings from sessions (each an item-id sequence in time order): truncated
 * eigendecomposition of the PPMI matrix of windowed co-occurrence — the matrix skip-gram with
 * negative sampling (item2vec) factorises implicitly — which trains in seconds in plain
 * TypeScript with no learning-rate tuning or epochs, and is deterministic for a seed. Rows are
 * scaled to unit length so a dot product is a cosine. Items in fewer than `minCount` sessions,
 * or beyond the `maxItems` most frequent, get no vector.
 *
 * @example trainEmbeddings([['tent', 'stove'], ['tent', 'mat']]).ids // ['tent', …]
 */
export function trainEmbeddings(sessions: Iterable<readonly string[]>, options: Partial<EmbeddingOptions> = {}): TrainedEmbeddings {
  return runSync(trainSteps(sessions, options));
}

/**
 * {@link trainEmbeddings} for the server: awaits `pause` between slices of work so requests keep
 * being served during training.
 *
 * @example await trainEmbeddingsAsync(sessions, {}, yieldEvery(10))
 */
export function trainEmbeddingsAsync(sessions: Iterable<readonly string[]>, options: Partial<EmbeddingOptions>, pause: () => Promise<void> | void): Promise<TrainedEmbeddings> {
  return runAsync(trainSteps(sessions, options), pause);
}

function* trainSteps(sessions: Iterable<readonly string[]>, options: Partial<EmbeddingOptions>): Steps<TrainedEmbeddings> {
  const o = { ...DEFAULT_EMBEDDING_OPTIONS, ...definedOnly(options) };
  const list = [...sessions];
  const sessionsWith = new Map<string, number>();
  for (const s of list) for (const id of new Set(s)) sessionsWith.set(id, (sessionsWith.get(id) ?? 0) + 1);
  const ids = [...sessionsWith]
    .filter(([, c]) => c >= o.minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, o.maxItems)
    .map(([id]) => id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const sequences: Int32Array[] = [];
  for (const s of list) {
    const seq: number[] = [];
    for (const id of s) {
      const i = index.get(id);
      if (i !== undefined && seq[seq.length - 1] !== i) seq.push(i);
    }
    if (seq.length > 1) sequences.push(Int32Array.from(seq));
  }
  const rows = new Float32Array(ids.length * o.dim);
  if (ids.length === 0) return { ids, dim: o.dim, rows };
  const counts = yield* cooccurrence(sequences, ids.length, o.window);
  const { values, vectors } = yield* topEigen(yield* ppmi(counts), o.dim, { seed: o.seed });
  for (let c = 0; c < vectors.length; c++) {
    const w = values[c]! ** o.eigenPower;
    for (let r = 0; r < ids.length; r++) rows[r * o.dim + c] = vectors[c]![r]! * w;
  }
  for (let r = 0; r < ids.length; r++) {
    let norm = 0;
    for (let j = 0; j < o.dim; j++) norm += rows[r * o.dim + j]! ** 2;
    if (norm > 0) for (let j = 0, s = 1 / Math.sqrt(norm); j < o.dim; j++) rows[r * o.dim + j]! *= s;
  }
  return { ids, dim: o.dim, rows };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

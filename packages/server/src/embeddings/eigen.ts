import { seededRandom } from '../random/seeded-random';
import { multiply, type Csr } from './ppmi';
import type { Steps } from './steps';

/** Options of {@link topEigen}. */
export interface EigenOptions {
  /** Extra subspace dimensions beyond those wanted: accuracy of the last wanted ones. Default 10. */
  oversample?: number;
  /** Subspace (power) iterations. Default 6. */
  iterations?: number;
  seed?: number;
}

/**
 * The `d` largest eigenpairs of a sparse symmetric matrix by randomized subspace iteration
 * (Halko, Martinsson & Tropp 2011): multiply a random block by M a few times, orthonormalise,
 * then solve the small projected problem exactly with Jacobi rotations. Eigenvalues come
 * largest first; only positive ones are kept (fewer than `d` rows when M has fewer).
 *
 * @example runSync(topEigen(ppmiMatrix, 32)).values[0]
 */
export function* topEigen(m: Csr, d: number, options: EigenOptions = {}): Steps<{ values: number[]; vectors: Float64Array[] }> {
  const k = Math.min(m.n, d + (options.oversample ?? 10));
  const random = seededRandom(options.seed ?? 1);
  let q: Float64Array[] = Array.from({ length: k }, () => Float64Array.from({ length: m.n }, () => random() * 2 - 1));
  q = yield* orthonormalise(q);
  for (let it = 0; it < (options.iterations ?? 6); it++) q = yield* orthonormalise(yield* multiply(m, q));
  const mq = yield* multiply(m, q);
  const b: number[][] = q.map((qi) => mq.map((mj) => dot(qi, mj)));
  const { values, vectors } = jacobi(b);
  const order = values.map((v, i) => [v, i] as const).filter(([v]) => v > 0).sort((x, y) => y[0] - x[0]).slice(0, d);
  return {
    values: order.map(([v]) => v),
    vectors: yield* rotate(q, vectors, order.map(([, i]) => i), m.n),
  };
}

/** U = Q · V for the chosen columns of V (eigenvectors of the projected problem). */
function* rotate(q: readonly Float64Array[], v: readonly number[][], chosen: readonly number[], n: number): Steps<Float64Array[]> {
  const out: Float64Array[] = [];
  for (const i of chosen) {
    yield;
    const u = new Float64Array(n);
    for (let c = 0; c < q.length; c++) {
      const w = v[c]![i]!;
      if (w !== 0) for (let r = 0; r < n; r++) u[r]! += q[c]![r]! * w;
    }
    out.push(u);
  }
  return out;
}

/** Modified Gram–Schmidt (twice, for stability); drops columns that become numerically zero. */
function* orthonormalise(cols: Float64Array[]): Steps<Float64Array[]> {
  const out: Float64Array[] = [];
  for (const c0 of cols) {
    yield;
    const c = Float64Array.from(c0);
    for (let pass = 0; pass < 2; pass++) {
      for (const o of out) {
        const p = dot(c, o);
        for (let r = 0; r < c.length; r++) c[r]! -= p * o[r]!;
      }
    }
    const norm = Math.sqrt(dot(c, c));
    if (norm < 1e-10) continue;
    for (let r = 0; r < c.length; r++) c[r]! /= norm;
    out.push(c);
  }
  return out;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations.
 * `vectors[row][i]` is component `row` of eigenvector `i`.
 */
export function jacobi(input: readonly (readonly number[])[]): { values: number[]; vectors: number[][] } {
  const n = input.length;
  const a = input.map((r) => r.slice());
  // Symmetrise against rounding in the projection.
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) a[i]![j] = a[j]![i] = (a[i]![j]! + a[j]![i]!) / 2;
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += a[i]![j]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < n; r++) {
          const arp = a[r]![p]!;
          const arq = a[r]![q]!;
          a[r]![p] = c * arp - s * arq;
          a[r]![q] = s * arp + c * arq;
        }
        for (let r = 0; r < n; r++) {
          const apr = a[p]![r]!;
          const aqr = a[q]![r]!;
          a[p]![r] = c * apr - s * aqr;
          a[q]![r] = s * apr + c * aqr;
        }
        for (let r = 0; r < n; r++) {
          const vrp = v[r]![p]!;
          const vrq = v[r]![q]!;
          v[r]![p] = c * vrp - s * vrq;
          v[r]![q] = s * vrp + c * vrq;
        }
      }
    }
  }
  return { values: a.map((r, i) => r[i]!), vectors: v };
}

import { endTime, type Session } from '../sessions';
import type { NextItemStrategy } from '../strategy';

/** Parameters of {@link vsknn}, named as in session-rec's `VMContextKNN`. */
export interface VsknnOptions {
  /** Neighbours kept (default 100). */
  k?: number;
  /** Candidate sessions: the most recent ones sharing an item with the current session (500). */
  sampleSize?: number;
  /** Normalise the overlap like cosine, √(|current|·|neighbour|), instead of |current| (true). */
  cosine?: boolean;
  /**
   * Divide a neighbour's vote by how far back the most recent shared item is (session-rec's
   * `div_score`). Off by default: the reference figures are reproduced without it.
   */
  matchDecay?: boolean;
}

/**
 * `vsknn`: vector multiplication session-kNN (Ludewig & Jannach 2018). The current session is a
 * vector whose weights grow linearly with position (i / length, the last item 1); neighbours are
 * the `sampleSize` most recent training sessions sharing an item, scored by the weighted overlap
 * normalised like cosine; the best `k` vote for their items with their similarity.
 *
 * @example evaluateNextItem(train, test, [vsknn()])
 */
export function vsknn(options: VsknnOptions = {}): NextItemStrategy {
  const k = options.k ?? 100;
  const sampleSize = options.sampleSize ?? 500;
  const cosine = options.cosine ?? true;
  const matchDecay = options.matchDecay ?? false;
  return {
    name: matchDecay ? 'vsknn-div' : 'vsknn',
    fit(train) {
      // Index sessions in order of their last event so "most recent" is "largest index".
      const sessions = [...train].sort((a, b) => endTime(a) - endTime(b));
      const sets = sessions.map((s: Session) => new Set(s.items));
      const postings = new Map<string, number[]>();
      sessions.forEach((s, n) => {
        for (const id of sets[n]!) {
          let list = postings.get(id);
          if (!list) postings.set(id, (list = []));
          list.push(n);
        }
      });
      return (prefix, want) => {
        const weight = new Map<string, number>();
        prefix.forEach((id, i) => weight.set(id, (i + 1) / prefix.length));
        const candidates = new Set<number>();
        for (const id of weight.keys()) {
          const list = postings.get(id) ?? [];
          for (let i = Math.max(0, list.length - sampleSize); i < list.length; i++) candidates.add(list[i]!);
        }
        const recent = [...candidates].sort((a, b) => b - a).slice(0, sampleSize);
        const neighbours: [number, number][] = [];
        for (const n of recent) {
          let overlap = 0;
          for (const id of sets[n]!) overlap += weight.get(id) ?? 0;
          const norm = cosine ? Math.sqrt(weight.size * sets[n]!.size) : weight.size;
          if (overlap > 0) neighbours.push([n, overlap / norm]);
        }
        neighbours.sort((a, b) => b[1] - a[1] || b[0] - a[0]);
        const scores = new Map<string, number>();
        for (const [n, similarity] of neighbours.slice(0, k)) {
          const set = sets[n]!;
          let step = 1;
          if (matchDecay) for (let i = prefix.length - 1; i >= 0 && !set.has(prefix[i]!); i--) step++;
          for (const id of set) scores.set(id, (scores.get(id) ?? 0) + similarity / step);
        }
        return [...scores]
          .sort((a, b) => b[1] - a[1])
          .slice(0, want)
          .map(([id]) => id);
      };
    },
  };
}

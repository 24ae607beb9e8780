/** Item–item similarity in [0, 1], used for intra-list diversity. */
export type Similarity = (a: string, b: string) => number;

/** What the harness reports for one strategy on one data set. */
export interface NextItemReport {
  strategy: string;
  /** Hit rate @K: share of positions whose target is in the top K. */
  hr: number;
  /** Mean reciprocal rank @K (0 when the target is not in the top K). */
  mrr: number;
  /** Catalog coverage @K: distinct recommended items / distinct training items. */
  coverage: number;
  /** Intra-list diversity: mean pairwise (1 − similarity) inside a list, over sampled lists. */
  diversity: number;
  /** Popularity bias: mean training event count of recommended items, divided by the maximum. */
  popularity: number;
  /** Milliseconds per recommendation call. */
  ms: number;
  k: number;
  /** Positions evaluated. */
  n: number;
}

/**
 * Accumulates the ranking metrics of one strategy, one recommendation list at a time.
 *
 * @example
 * const m = new MetricsAccumulator(20, popularity, catalogSize, similarity);
 * m.add(['a', 'b'], 'b'); m.report('pop', elapsedMs);
 */
export class MetricsAccumulator {
  private n = 0;
  private hits = 0;
  private rr = 0;
  private readonly seen = new Set<string>();
  private popSum = 0;
  private popCount = 0;
  private divSum = 0;
  private divLists = 0;
  private readonly maxPop: number;

  constructor(
    readonly k: number,
    private readonly popularity: ReadonlyMap<string, number>,
    private readonly catalogSize: number,
    private readonly similarity?: Similarity,
    /** Diversity is costly (K² pairs); measure it on every `diversityEvery`-th list. */
    private readonly diversityEvery = 5,
  ) {
    let max = 0;
    for (const c of popularity.values()) max = Math.max(max, c);
    this.maxPop = max || 1;
  }

  /** Records one list against its target. */
  add(list: readonly string[], target: string): void {
    const top = list.length > this.k ? list.slice(0, this.k) : list;
    const rank = top.indexOf(target);
    if (rank >= 0) {
      this.hits++;
      this.rr += 1 / (rank + 1);
    }
    for (const id of top) {
      this.seen.add(id);
      this.popSum += (this.popularity.get(id) ?? 0) / this.maxPop;
      this.popCount++;
    }
    if (this.similarity && top.length > 1 && this.n % this.diversityEvery === 0) {
      this.divSum += intraListDiversity(top, this.similarity);
      this.divLists++;
    }
    this.n++;
  }

  /** The finished report; `elapsedMs` is the total time spent in the recommender. */
  report(strategy: string, elapsedMs: number): NextItemReport {
    const n = this.n || 1;
    return {
      strategy,
      hr: this.hits / n,
      mrr: this.rr / n,
      coverage: this.catalogSize ? this.seen.size / this.catalogSize : 0,
      diversity: this.divLists ? this.divSum / this.divLists : 0,
      popularity: this.popCount ? this.popSum / this.popCount : 0,
      ms: elapsedMs / n,
      k: this.k,
      n: this.n,
    };
  }
}

/** Mean pairwise dissimilarity of a list. @example intraListDiversity(['a','b'], () => 0) // 1 */
export function intraListDiversity(list: readonly string[], similarity: Similarity): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      sum += 1 - similarity(list[i]!, list[j]!);
      pairs++;
    }
  }
  return pairs ? sum / pairs : 0;
}

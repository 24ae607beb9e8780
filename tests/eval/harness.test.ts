import { describe, expect, it } from 'vitest';
import { itemKnn } from './baselines/item-knn';
import { pop } from './baselines/pop';
import { vsknn } from './baselines/vsknn';
import { parseDiginetica, splitByTime } from './datasets';
import { intraListDiversity } from './metrics';
import { evaluateNextItem } from './protocol';
import { parseSessions } from './sessions';

// A data set small enough to score by hand (worked out in the comments below).
// Training events: A×2, B×3, C×2, D×1, E×1. Session counts: the same.
// Co-occurring sessions: AB 2, AC 1, BC 2, BD 1, CD 1.
const TRAIN = `SessionId\tItemId\tTime
1\tA\t10
1\tB\t11
1\tC\t12
2\tA\t20
2\tB\t21
3\tB\t30
3\tC\t31
3\tD\t32
4\tE\t40
`;
// Positions: t1 A→B, t1 AB→C, t2 B→X (X unseen in training: skipped), t3 D→C. So n = 3.
const TEST = `SessionId\tItemId\tTime
t1\tA\t100
t1\tB\t101
t1\tC\t102
t2\tB\t110
t2\tX\t111
t3\tD\t120
t3\tC\t121
`;

describe('evaluateNextItem on a hand-scored data set', () => {
  const train = parseSessions(TRAIN);
  const test = parseSessions(TEST);

  it('scores pop: the list is always [B, A]', () => {
    const [r] = evaluateNextItem(train, test, [pop], { k: 2 });
    // A→B hit at rank 1; AB→C miss; D→C miss.
    expect(r).toMatchObject({ strategy: 'pop', k: 2, n: 3 });
    expect(r!.hr).toBeCloseTo(1 / 3, 10);
    expect(r!.mrr).toBeCloseTo(1 / 3, 10);
    expect(r!.coverage).toBeCloseTo(2 / 5, 10); // {A, B} of 5 training items
    expect(r!.popularity).toBeCloseTo((3 / 3 + 2 / 3) / 2, 10);
    expect(r!.diversity).toBeCloseTo(1 - 2 / Math.sqrt(3 * 2), 10); // 1 − cos(A, B)
  });

  it('scores item-knn: cosine neighbours of the last item', () => {
    const [r] = evaluateNextItem(train, test, [itemKnn], { k: 2 });
    // A → [B .816, C .5]: B at rank 1. B → [A .816, C .816 (tie: by id), D .577]: C at rank 2.
    // D → [C .707, B .577]: C at rank 1. HR 3/3, MRR (1 + 1/2 + 1) / 3.
    expect(r!.hr).toBeCloseTo(1, 10);
    expect(r!.mrr).toBeCloseTo(2.5 / 3, 10);
    expect(r!.coverage).toBeCloseTo(3 / 5, 10);
  });

  it('scores vsknn: linear position weights, cosine over weighted overlap', () => {
    const recommend = vsknn().fit(train);
    // Prefix AB weighs A ½, B 1. s1 {A,B,C}: 1.5/√6 = .612; s2 {A,B}: 1.5/√4 = .75; s3 {B,C,D}: 1/√6.
    // Votes: B 1.770, A 1.362, C 1.020, D .408.
    expect(recommend(['A', 'B'], 4, 0)).toEqual(['B', 'A', 'C', 'D']);
    // Only s3 shares D, so only its items can come back.
    expect(recommend(['D'], 5, 0).sort()).toEqual(['B', 'C', 'D']);
  });

  it('stops at the first K items even when a strategy returns more', () => {
    const tooLong = { name: 'long', fit: () => () => ['Z', 'Y', 'B', 'C'] };
    const [r] = evaluateNextItem(train, test, [tooLong], { k: 2 });
    expect(r!.hr).toBe(0);
  });

  it('rejects a bad K and a file without the session-rec header', () => {
    expect(() => evaluateNextItem(train, test, [pop], { k: 0 })).toThrow(/positive integer/);
    expect(() => parseSessions('a,b,c\n1,2,3\n', 'x.tsv')).toThrow(/x\.tsv: header must name columns SessionId/);
    expect(() => parseSessions('SessionId\tItemId\tTime\n1\tA\tnoon\n', 'x.tsv')).toThrow(/x\.tsv:2/);
  });
});

describe('data set helpers', () => {
  it('orders a session by time whatever the line order', () => {
    const [s] = parseSessions('ItemId\tSessionId\tTime\nB\t1\t2\nA\t1\t1\n');
    expect(s!.items).toEqual(['A', 'B']);
  });

  it('splits Diginetica by the day a session ends, last days for testing', () => {
    const csv = [
      'session_id;user_id;item_id;timeframe;eventdate',
      '1;NA;5;0;2016-05-01',
      '1;NA;6;1000;2016-05-01',
      '2;NA;5;0;2016-05-20',
      '2;NA;7;5000;2016-05-20',
    ].join('\n');
    const { train, test } = splitByTime(parseDiginetica(csv), 7);
    expect(train.map((s) => s.id)).toEqual(['1']);
    expect(test.map((s) => s.id)).toEqual(['2']);
    expect(test[0]!.times[1]! - test[0]!.times[0]!).toBe(5);
  });

  it('measures intra-list diversity as mean pairwise dissimilarity', () => {
    const same = (a: string, b: string) => (a[0] === b[0] ? 1 : 0);
    // pairs: a1-a2 0, a1-b 1, a2-b 1 → 2/3
    expect(intraListDiversity(['a1', 'a2', 'b'], same)).toBeCloseTo(2 / 3, 10);
  });
});

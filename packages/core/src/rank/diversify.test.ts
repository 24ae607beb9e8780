import { describe, expect, it } from 'vitest';
import { diversify } from './diversify';

interface Doc {
  id: string;
  group: string;
}
const docs: Doc[] = [
  { id: 'a1', group: 'a' },
  { id: 'a2', group: 'a' },
  { id: 'a3', group: 'a' },
  { id: 'b1', group: 'b' },
  { id: 'c1', group: 'c' },
];
const rel = [1, 0.95, 0.9, 0.6, 0.5];
const sameGroup = (x: Doc, y: Doc) => (x.group === y.group ? 1 : 0);
const ids = (list: Doc[]) => list.map((d) => d.id);

describe('diversify (MMR)', () => {
  it('breaks up a wall of near-duplicates at the top', () => {
    expect(ids(diversify(docs, rel, sameGroup, 0.5, 3))).toEqual(['a1', 'b1', 'c1', 'a2', 'a3']);
  });

  it('keeps relevance order when lambda is 1, and spreads more as lambda falls', () => {
    expect(ids(diversify(docs, rel, sameGroup, 1))).toEqual(ids(docs));
    expect(ids(diversify(docs, rel, sameGroup, 0.8, 3))).toEqual(ids(docs));
    expect(ids(diversify(docs, rel, sameGroup, 0.7, 3))).toEqual(['a1', 'b1', 'a2', 'a3', 'c1']);
  });

  it('gives ties to the earlier item and is deterministic', () => {
    const flat = [0.5, 0.5, 0.5, 0.5, 0.5];
    const none = () => 0;
    expect(ids(diversify(docs, flat, none, 0.5))).toEqual(ids(docs));
    expect(diversify(docs, rel, sameGroup, 0.3, 4)).toEqual(diversify(docs, rel, sameGroup, 0.3, 4));
  });

  it('handles empty input and k beyond the length', () => {
    expect(diversify([], [], sameGroup, 0.5, 10)).toEqual([]);
    expect(diversify(docs, rel, sameGroup, 0.5, 99)).toHaveLength(5);
  });
});

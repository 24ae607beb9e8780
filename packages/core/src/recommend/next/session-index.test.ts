import { describe, expect, it } from 'vitest';
import { buildSessionIndex, fromSessionIndexPayload, rulesOf, toSessionIndexPayload } from './session-index';

const sessions = [
  { items: ['a', 'b', 'c'], end: 3000 },
  { items: ['b', 'c'], end: 1000 },
  { items: ['z'], end: 2000 }, // one event: no sequence, dropped
  { items: ['a', 'a', 'd'], end: 2000 },
];

describe('buildSessionIndex', () => {
  it('orders sessions by end time and lists, per item, the sessions containing it', () => {
    const index = buildSessionIndex(sessions);
    expect([...index.ends]).toEqual([1000, 2000, 3000]);
    expect(index.items).not.toContain('z');
    const a = index.lookup.get('a')!;
    expect([...index.postings[a]!]).toEqual([1, 2]); // once per session, oldest first
    expect([...index.distinct]).toEqual([2, 2, 3]);
  });

  it('keeps only the most recent sessions when asked', () => {
    const index = buildSessionIndex(sessions, { maxSessions: 1 });
    expect(index.ends.length).toBe(1);
    expect(index.items.sort()).toEqual(['a', 'b', 'c']);
  });

  it('learns sequential rules weighted by 1/gap', () => {
    const index = buildSessionIndex([{ items: ['a', 'b', 'c'], end: 1 }]);
    const rule = (from: string) => rulesOf(index, index.lookup.get(from)!).map(([n, w]) => [index.items[n], w]);
    expect(rule('a')).toEqual([['b', 1], ['c', 0.5]]);
    expect(rule('c')).toEqual([]);
  });
});

describe('session index payload', () => {
  it('round-trips through JSON', () => {
    const index = buildSessionIndex(sessions);
    const again = fromSessionIndexPayload(JSON.parse(JSON.stringify(toSessionIndexPayload(index))));
    expect(again.items).toEqual(index.items);
    expect([...again.flat]).toEqual([...index.flat]);
    expect([...again.ends]).toEqual([...index.ends]);
    expect(rulesOf(again, 0)).toEqual(rulesOf(index, 0));
  });

  it('rejects malformed payloads with a clear message', () => {
    expect(() => fromSessionIndexPayload(null)).toThrow(/session index payload: missing or unknown version/);
    expect(() => fromSessionIndexPayload({ v: 1, items: ['a'], sessions: [[0, 3]], ends: [1] })).toThrow(/session 0 has an item number out of range/);
    expect(() => fromSessionIndexPayload({ v: 1, items: ['a'], sessions: [[0]], ends: [] })).toThrow(/same length/);
    expect(() => fromSessionIndexPayload({ v: 1, items: [1], sessions: [], ends: [] })).toThrow(/items must be strings/);
  });
});
